/** The analyses behind `stats change|rates|hotspots|concentration|harm`: store in, JSON rows out; called by the CLI and the server. */
import { readFileSync } from 'node:fs';
import { countsByWindow, harm } from '../analysis/harm.ts';
import { countPerLsoa, gridGi, kdeLayer, lsoaGi } from '../analysis/hotspots.ts';
import { periodRange } from '../analysis/period-change.ts';
import { changeTable } from '../analysis/change-table.ts';
import { kdeCells } from '../analysis/spatial/kde.ts';
import { rankAmong, rates } from '../analysis/stats/rates.ts';
import { asPoints, concentrationBlock, yearlyWindows } from '../assessment/build-analysis.ts';
import type { PeriodRange } from '../assessment/model.ts';
import { cspError } from '../errors.ts';
import { readBoundaries } from '../geography/boundaries-read.ts';
import { buildAreaIndex } from '../geography/point-in-area.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import { buildChangeSql, type MonthPeriod } from '../store/queries/build-change-sql.ts';
import { buildCountsSql, type CountDimension, type IncidentFilter } from '../store/queries/build-counts-sql.ts';
import { buildMonthCategorySql, buildPointsSql, type PointRow } from '../store/queries/build-points-sql.ts';
import { buildRatesSql, choosePopulationYear, POPULATION_YEARS_SQL, type RateDimension, type RatesSqlRow } from '../store/queries/build-rates-sql.ts';
import type { Store } from '../store/store.ts';
import { loadAreaLsoas } from './area-lsoas.ts';

export interface ChangeRow {
  [dim: string]: unknown;
  a: number;
  b: number;
  change_pct: number | null;
  rate_ratio: number | null;
  ci_low: number;
  ci_high: number | null;
  /** Quasi-Poisson p-value (the group's dispersion); the exact Poisson one when the dispersion is unknown or at most 1. */
  p_value: number;
  /** Benjamini-Hochberg adjusted p_value below alpha, across the rows of the table. */
  significant: boolean;
  /** Exact conditional Poisson p-value. */
  p_value_poisson: number;
  /** Dispersion of the group's monthly counts after trend and season, over the months from a to b with data; null when too few. */
  dispersion: number | null;
  p_adjusted: number;
}

/**
 * Counts in periods a (earlier) and b (later) per group, each change tested allowing for the
 * overdispersion of the group's monthly series (quasi-Poisson, exact Poisson p beside it), weighted
 * by the periods' lengths, with Benjamini-Hochberg across the groups.
 */
export async function statsChange(store: Store, dim: CountDimension, a: MonthPeriod, b: MonthPeriod, filter: IncidentFilter, alpha = 0.05): Promise<ChangeRow[]> {
  const { sql, params } = buildChangeSql(dim, a, b, filter);
  const rows = await store.all<Record<string, unknown> & { a: number; b: number }>(sql, params);
  const span = { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
  const m = buildCountsSql([dim, 'month'], { ...filter, ...span });
  const monthly = new Map<string | null, Map<string, number>>();
  for (const r of await store.all<Record<string, unknown> & { month: string; count: number }>(m.sql, m.params)) {
    const key = (r[dim] ?? null) as string | null;
    monthly.set(key, (monthly.get(key) ?? new Map<string, number>()).set(r.month, r.count));
  }
  const withData = (await store.all<{ month: string }>(`SELECT DISTINCT month_key AS month FROM incident_geo WHERE month_key BETWEEN $1 AND $2 ORDER BY 1`, [span.from, span.to])).map((r) => r.month);
  const table = changeTable({ a, b, groups: rows.map((r) => ({ key: (r[dim] ?? null) as string | null, a: r.a, b: r.b })), monthly, monthsWithData: withData }, alpha);
  return rows.map((r, i) => {
    const t = table[i]!.change;
    return {
      [dim]: r[dim] ?? null,
      a: r.a,
      b: r.b,
      change_pct: t.changePct,
      rate_ratio: t.rateRatio,
      ci_low: t.ciLow ?? 0,
      ci_high: t.ciHigh,
      p_value: t.pValue,
      significant: t.significant,
      p_value_poisson: t.pValuePoisson!,
      dispersion: t.dispersion ?? null,
      p_adjusted: t.pAdjusted!,
    };
  });
}

async function dataSpan(store: Store, filter: IncidentFilter): Promise<{ from: string; to: string }> {
  const r = await store.one<{ from: string | null; to: string | null }>(`SELECT min(month_key) AS "from", max(month_key) AS "to" FROM incident_geo`);
  if (!r?.from || !r.to) throw cspError('CSP_ERR_STORE_EMPTY', 'the store holds no incidents: ingest first');
  return { from: filter.from ?? r.from, to: filter.to ?? r.to };
}

/** Rates per 1,000 residents (and households where loaded) per area, ranked (1 = highest rate). */
export async function statsRates(store: Store, dim: RateDimension, filter: IncidentFilter, populationYear?: number): Promise<Record<string, unknown>[]> {
  const span = await dataSpan(store, filter);
  const years = (await store.all<{ year: number }>(POPULATION_YEARS_SQL)).map((r) => r.year);
  const year = populationYear ?? choosePopulationYear(years, Number(span.to.slice(0, 4)));
  if (year === null) throw cspError('CSP_ERR_STORE_EMPTY', 'no population loaded: run `csp-assess ingest geography --config ...` first');
  const { sql, params } = buildRatesSql(dim, { ...filter, ...span });
  const rows = await store.all<RatesSqlRow>(sql, { ...(params as Record<string, string>), year });
  if (rows.length === 0) throw cspError('CSP_ERR_STORE_EMPTY', 'no geography in the store: run `csp-assess ingest geography --config ...` first');
  const withPop = rows.filter((r) => r.population !== null && r.population > 0);
  const r = rates({ areas: withPop.map((x) => ({ key: x.name, count: x.count, population: x.population! })) });
  const rate = new Map(r.areas.map((x) => [x.key, x.rate]));
  return rows.map((x) => {
    const perResident = rate.get(x.name);
    const out: Record<string, unknown> = {
      [dim]: x.name,
      count: x.count,
      population: x.population,
      population_year: year,
      rate_per_1000: perResident ?? null,
      rank: perResident === undefined ? null : rankAmong(rate, x.name).rank,
    };
    if (x.households) Object.assign(out, { households: x.households, rate_per_1000_households: (1000 * x.count) / x.households });
    return out;
  }).sort((p, q) => ((p.rank as number | null) ?? Infinity) - ((q.rank as number | null) ?? Infinity) || String(p[dim]).localeCompare(String(q[dim])));
}

async function points(store: Store, filter: IncidentFilter, located: 'coordinates' | 'lsoa'): Promise<PointRow[]> {
  const { sql, params } = buildPointsSql(filter, located);
  return store.all<PointRow>(sql, params);
}

const measureOf = (filter: IncidentFilter) => ({ label: filter.categories?.join(', ') ?? 'Recorded crime', categories: [...(filter.categories ?? [])] });

/** Without a crime type, hotspots and concentration are of recorded crime (ASB left out). */
const crimeFilter = (filter: IncidentFilter): IncidentFilter => (filter.categories?.length ? filter : { ...filter, excludeCategories: [ASB_CATEGORY] });

export interface HotspotsCliOptions {
  method: 'kde' | 'gi';
  level: 'lsoa' | 'grid';
  bandwidth?: number;
  cellSize?: number;
  alpha?: number;
}

/** Hotspots as rows (Gi*) or a surface summary (KDE), with GeoJSON for maps. */
export async function statsHotspots(store: Store, filter: IncidentFilter, o: HotspotsCliOptions): Promise<{ json: unknown; geojson: unknown }> {
  const f = crimeFilter(filter);
  const span = await dataSpan(store, filter);
  const needs = o.method === 'gi' && o.level === 'lsoa' ? 'lsoa' : 'coordinates';
  const [lsoas, pts] = await Promise.all([loadAreaLsoas(store, filter.district), points(store, { ...f, ...span }, needs)]);
  const alpha = o.alpha ?? 0.05;
  const located = asPoints(pts);
  if (o.method === 'kde') {
    if (located.length < 2) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'fewer than two located incidents: no density surface can be estimated');
    const k = kdeLayer(measureOf(filter), periodRange(span.from, span.to), located, lsoas, { bandwidth: o.bandwidth ?? null, cellSize: o.cellSize });
    const { values, ...summary } = k;
    const surface = { ...k, values: Float64Array.from(values), totalWeight: k.points, pointsOutside: 0, pointsSkipped: 0 };
    return { json: { ...summary, crs: 'EPSG:27700' }, geojson: kdeCells(surface) };
  }
  if (o.level === 'grid') {
    const g = gridGi(located, lsoas, o.cellSize ?? 250, alpha);
    const rows = g.ids.map((id, i) => ({ cell: id, count: g.counts[i]!, z: g.z[i]!, class: g.classes[i]! }));
    return { json: rows, geojson: null };
  }
  const gi = lsoaGi(lsoas, countPerLsoa(lsoas, located), alpha);
  return {
    json: gi.map((g) => ({ lsoa: g.lsoa, z: g.z, p_value: g.pValue, p_adjusted: g.pAdjusted, class: g.class })),
    geojson: { type: 'FeatureCollection', features: lsoas.map((l, i) => ({ type: 'Feature', properties: { lsoa: l.code, count: gi[i]!.count, z: gi[i]!.z, class: gi[i]!.class }, geometry: l.geometry })) },
  };
}

/** Share of incidents in a polygon place (e.g. a town centre drawn on a map), of those with coordinates. */
function polygonShare(file: string, rows: readonly PointRow[]): { name: string; count: number; located: number; share: number | null } {
  const pts = rows.filter((p) => p.lon !== null && p.lat !== null) as { lon: number; lat: number }[];
  const areas = readBoundaries(readFileSync(file, 'utf8'), { file, codeProperty: 'name', nameProperty: 'name' });
  const index = buildAreaIndex(areas);
  const inside = index.locateMany(Float64Array.from(pts, (p) => p.lon), Float64Array.from(pts, (p) => p.lat)).filter((i) => i >= 0).length;
  return { name: areas.map((a) => a.name).join(', '), count: inside, located: pts.length, share: pts.length ? inside / pts.length : null };
}

/** Concentration across a district's LSOAs, localities and places (LSOA lists, or a GeoJSON polygon file). */
export async function statsConcentration(store: Store, filter: IncidentFilter & { district: string }, places: { name: string; lsoas: string[] }[], placeGeojson?: string): Promise<unknown> {
  const f = crimeFilter(filter);
  const span = await dataSpan(store, filter);
  const [lsoas, pts] = await Promise.all([loadAreaLsoas(store, filter.district), points(store, { ...f, ...span }, 'lsoa')]);
  const pops = new Map((await store.all<{ code: string; population: number }>(`SELECT code, population FROM population WHERE year = (SELECT max(year) FROM population WHERE level = 'lsoa' AND code IN (SELECT lsoa_code FROM lsoa_geo))`)).map((r) => [r.code, r.population]));
  const block = concentrationBlock(measureOf(filter), periodRange(span.from, span.to), lsoas, pts, pops, places);
  return placeGeojson ? { ...block, polygonPlace: polygonShare(placeGeojson, pts) } : block;
}

/** Harm-weighted counts by category and yearly window. */
export async function statsHarm(store: Store, filter: IncidentFilter, weights?: Readonly<Record<string, number>>): Promise<unknown> {
  const span = await dataSpan(store, filter);
  const { sql, params } = buildMonthCategorySql({ ...filter, ...span, excludeCategories: [ASB_CATEGORY] });
  const rows = await store.all<{ month: string; category: string; count: number }>(sql, params);
  const windows: PeriodRange[] = yearlyWindows(span.from, span.to);
  return harm({ windows: countsByWindow(rows, windows) }, { weights });
}
