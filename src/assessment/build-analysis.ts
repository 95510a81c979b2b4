import type { MultiPolygon, Polygon } from 'geojson';
import { countsByWindow, harm } from '../analysis/harm.ts';
import { hotspots, type HotspotLsoa, type HotspotPoint } from '../analysis/hotspots.ts';
import { isComplete, missingIn, monthsCoveredByAll, type ForceCoverage, type NotComputed } from '../analysis/coverage.ts';
import { addMonths, monthsBetween } from '../analysis/months.ts';
import { monthlySeries, periodRange } from '../analysis/period-change.ts';
import { peers, type PeerCounts } from '../analysis/peers.ts';
import { concentration } from '../analysis/stats/concentration.ts';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { cspError } from '../errors.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import { queryForceArea } from '../geography/force-area.ts';
import { queryDistrictForces } from '../store/queries/area-counts.ts';
import { queryNationalComparators } from '../store/queries/national-comparators.ts';
import { buildChangeSql } from '../store/queries/build-change-sql.ts';
import { buildCountsSql, type IncidentFilter } from '../store/queries/build-counts-sql.ts';
import { buildAreaLsoasSql, buildMonthCategorySql, buildPointsSql, type PointRow } from '../store/queries/build-points-sql.ts';
import type { Store } from '../store/store.ts';
import type { AnalysisSections, ConcentrationBlock, Measure } from './analysis-model.ts';
import type { PeriodRange } from './model.ts';

export interface BuildAnalysisOptions {
  /** When the assessment is built, ISO 8601 (recorded by the caller; the analysis itself is deterministic). */
  asOf: string;
  /** KDE bandwidth in metres; default the normal-reference rule. */
  bandwidth?: number | null;
  /** The assessed period (the configured one trimmed to the data); default the configured period. */
  period?: { from: string; to: string };
  /** The 12 months rates are for; default the latest 12 months of the period. */
  rateWindow?: PeriodRange;
  /** Months with data per force: a district's figures are computed only over periods its forces cover. */
  coverage?: readonly ForceCoverage[];
}

const ASB: Measure = { label: 'Anti-social behaviour', categories: [ASB_CATEGORY] };

/** Filter for a measure: its categories, or every category but ASB. */
export function measureFilter(m: Measure): Pick<IncidentFilter, 'categories' | 'excludeCategories'> {
  return m.categories.length ? { categories: m.categories } : { excludeCategories: [ASB_CATEGORY] };
}

/** Consecutive 12-month windows ending at `to`, oldest first (the whole period when shorter than a year). */
export function yearlyWindows(from: string, to: string): PeriodRange[] {
  const n = Math.floor(monthsBetween(from, to) / 12);
  if (n === 0) return [periodRange(from, to)];
  return Array.from({ length: n }, (_, k) => {
    const end = addMonths(to, -12 * (n - 1 - k));
    return periodRange(addMonths(end, -11), end);
  });
}

/** The crime measure the store supports: one category when only one is loaded (an extract of burglary), else all recorded crime. */
async function crimeMeasure(store: Store, from: string, to: string): Promise<{ crime: Measure; hasAsb: boolean }> {
  const cats = (await store.all<{ category: string }>(`SELECT DISTINCT category FROM incident_geo WHERE month_key BETWEEN $1 AND $2 ORDER BY 1`, [from, to])).map((r) => r.category);
  const crimes = cats.filter((c) => c !== ASB_CATEGORY);
  const crime = crimes.length === 1 ? { label: crimes[0]!, categories: crimes } : { label: 'Recorded crime', categories: [] };
  return { crime, hasAsb: cats.includes(ASB_CATEGORY) };
}

async function peerCounts(store: Store, m: Measure, span: { from: string; to: string }, baseline: PeriodRange, window: PeriodRange, popYear: number, coverage: readonly ForceCoverage[] | null, forceArea: ReadonlySet<string>): Promise<PeerCounts[]> {
  const monthly = buildCountsSql(['district', 'month'], { ...measureFilter(m), from: span.from < baseline.from ? span.from : baseline.from, to: span.to });
  const byDistrict = new Map<string, Map<string, number>>();
  for (const r of await store.all<{ district: string | null; month: string; count: number }>(monthly.sql, monthly.params)) {
    if (r.district === null) continue;
    const e = byDistrict.get(r.district) ?? new Map<string, number>();
    e.set(r.month, r.count);
    byDistrict.set(r.district, e);
  }
  const forces = new Map<string, string[]>();
  for (const r of await queryDistrictForces(store, baseline.from, window.to)) forces.set(r.district, [...(forces.get(r.district) ?? []), r.force]);
  const complete = (name: string, p: PeriodRange): boolean => coverage === null || isComplete(p, monthsCoveredByAll(coverage, forces.get(name) ?? []));
  const { sql, params } = buildChangeSql('district', baseline, window, measureFilter(m));
  const counts = new Map((await store.all<{ district: string; a: number; b: number }>(sql, params)).map((r) => [r.district, r]));
  const districts = await store.all<{ code: string; name: string; population: number | null; households: number | null }>(
    `SELECT d.code, d.name, p.population, p.households FROM (SELECT DISTINCT district_code AS code, district_name AS name FROM lsoa_geo) d
     LEFT JOIN population p ON p.code = d.code AND p.year = $1 ORDER BY d.name`,
    [popYear],
  );
  return districts.map((d) => ({
    inForceArea: forceArea.has(d.code),
    ...d,
    before: counts.get(d.name)?.a ?? 0,
    after: counts.get(d.name)?.b ?? 0,
    forces: forces.get(d.name) ?? [],
    baselineComplete: complete(d.name, baseline),
    windowComplete: complete(d.name, window),
    missingMonths: coverage === null ? [] : missingIn(periodRange(baseline.from, window.to), monthsCoveredByAll(coverage, forces.get(d.name) ?? [])),
    // The dispersion of a district's changes comes from its monthly counts in the months its forces cover.
    series:
      coverage === null
        ? undefined
        : monthlySeries(byDistrict.get(d.name) ?? new Map(), [...monthsCoveredByAll(coverage, forces.get(d.name) ?? [])].filter((x) => x <= span.to).sort()),
  }));
}

/** Concentration of one measure across the area's LSOAs, its localities and configured places. */
export function concentrationBlock(m: Measure, period: PeriodRange, lsoas: readonly Pick<HotspotLsoa, 'code' | 'locality'>[], points: readonly PointRow[], lsoaPop: ReadonlyMap<string, number>, places: readonly { name: string; lsoas: string[] }[]): ConcentrationBlock {
  const counts = new Map(lsoas.map((l) => [l.code, 0]));
  for (const p of points) if (p.lsoa !== null && counts.has(p.lsoa)) counts.set(p.lsoa, counts.get(p.lsoa)! + 1);
  const c = concentration({ counts });
  const popTotal = lsoas.reduce((s, l) => s + (lsoaPop.get(l.code) ?? 0), 0);
  const byLocality = new Map<string, { count: number; population: number }>();
  for (const l of lsoas) {
    if (l.locality === null) continue;
    const e = byLocality.get(l.locality) ?? { count: 0, population: 0 };
    byLocality.set(l.locality, { count: e.count + counts.get(l.code)!, population: e.population + (lsoaPop.get(l.code) ?? 0) });
  }
  return {
    measure: m,
    period,
    lsoas: c.areas,
    total: c.total,
    top: c.top.map((t) => ({ fraction: t.fraction, lsoas: t.areas, count: t.count, share: t.share, codes: t.keys })),
    gini: c.gini,
    localities: [...byLocality]
      .map(([name, v]) => ({ name, count: v.count, share: c.total ? v.count / c.total : null, populationShare: popTotal ? v.population / popTotal : null }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    places: places.map((p) => {
      const subset = p.lsoas.filter((code) => counts.has(code));
      const s = concentration({ counts, subset }).subset!;
      return { name: p.name, lsoas: s.areas, count: s.count, share: s.share, areaShare: s.areaShare };
    }),
  };
}

/** Rows as hotspot points; a row with only an LSOA counts in Gi* and concentration, not in KDE. */
export const asPoints = (rows: readonly PointRow[]): HotspotPoint[] => rows.map((r) => ({ lon: r.lon ?? NaN, lat: r.lat ?? NaN, lsoa: r.lsoa, month: r.month }));

/**
 * Builds the analysis sections of the assessment (peers, concentration, hotspots, harm) for the
 * configured area and period from the store. Geography must be loaded. The rate window is the
 * latest 12 months of the period and the change compares it with the 12 months before.
 */
export async function buildAnalysis(store: Store, cfg: LoadedAreaConfig, options: BuildAnalysisOptions): Promise<AnalysisSections> {
  const c = cfg.config;
  const { from, to } = options.period ?? c.periods;
  const alpha = c.thresholds.significance;
  const district = (await store.one<{ name: string }>(`SELECT any_value(district_name) AS name FROM lsoa_geo WHERE district_code = $1`, [c.area.code]))?.name;
  if (!district) throw cspError('CSP_ERR_STORE_EMPTY', `no LSOAs of ${c.area.code} in the store: run \`csp-assess ingest geography --config ...\` first`);
  const { crime, hasAsb } = await crimeMeasure(store, from, to);
  const period = periodRange(from, to);
  // Yearly windows (hotspot persistence, harm) compare like with like only when each is complete.
  const allYears = yearlyWindows(from, to);
  const own = options.coverage ? monthsCoveredByAll(options.coverage, [c.area.force]) : null;
  const complete = own ? allYears.filter((y) => isComplete(y, own)) : allYears;
  // With a gap in every yearly window, the complete 12 months the rates use stand alone.
  const years = complete.length || !options.rateWindow ? complete : [options.rateWindow];
  const yearGaps: NotComputed[] = allYears
    .filter((y) => !complete.includes(y))
    .map((y) => ({ figure: 'hotspot persistence and harm for this yearly window', reason: 'incomplete-period', period: y, missingMonths: missingIn(y, own!), forces: [c.area.force] }));
  const window = options.rateWindow ?? years[years.length - 1]!;
  const baseline = periodRange(addMonths(window.from, -12), addMonths(window.from, -1));
  const popYear = c.geography.population[0]!.year;

  const forceArea = await queryForceArea(store, c.area.force, { from, to });
  // The area itself is always compared, even if the rule from incidents would leave it out.
  forceArea.codes.add(c.area.code);
  const districts = await peerCounts(store, crime, { from, to }, baseline, window, popYear, options.coverage ?? null, forceArea.codes);
  const populations = new Map(
    (await store.all<{ code: string; population: number }>(`SELECT code, population FROM population WHERE year = $1`, [popYear])).map((r) => [r.code, r.population]),
  );
  const national = await queryNationalComparators(store);
  const peerSection = peers(
    {
      measure: crime,
      area: c.area.code,
      forceAreaName: c.area.forceAreaName,
      baseline,
      window,
      populationYear: popYear,
      districts,
      neighbours: c.peers.statisticalNeighbours.map((code) => ({ code, population: populations.get(code) ?? null })),
      national,
    },
    { significance: alpha },
  );
  // ASB beside crime: the same comparison against the force area's districts and England and Wales.
  const asbPeers = hasAsb
    ? peers(
        {
          measure: ASB,
          area: c.area.code,
          forceAreaName: c.area.forceAreaName,
          baseline,
          window,
          populationYear: popYear,
          districts: await peerCounts(store, ASB, { from, to }, baseline, window, popYear, options.coverage ?? null, forceArea.codes),
          neighbours: [],
          national,
        },
        { significance: alpha },
      )
    : null;

  const lsoas: HotspotLsoa[] = (await store.all<{ code: string; name: string | null; locality: string | null; geometry: string }>(buildAreaLsoasSql(), { district })).map(
    (r) => ({ code: r.code, name: r.name, locality: r.locality, geometry: JSON.parse(r.geometry) as Polygon | MultiPolygon }),
  );
  const pointsOf = async (m: Measure): Promise<PointRow[]> => {
    const q = buildPointsSql({ ...measureFilter(m), district, from, to }, 'lsoa');
    return store.all<PointRow>(q.sql, q.params);
  };
  // Concentration needs LSOA codes, not shapes: without LSOA boundaries the area's LSOAs come from the lookups.
  const lsoaCodes: Pick<HotspotLsoa, 'code' | 'locality'>[] = lsoas.length
    ? lsoas
    : await store.all<{ code: string; locality: string | null }>(`SELECT lsoa_code AS code, locality FROM lsoa_geo WHERE district_code = $1 ORDER BY 1`, [c.area.code]);
  const crimePoints = await pointsOf(crime);
  const asbPoints = hasAsb ? await pointsOf(ASB) : [];
  const places = c.geography.places.map((p) => ({ name: p.name, lsoas: p.lsoas }));
  const concentrationBlocks = [
    concentrationBlock(crime, period, lsoaCodes, crimePoints, populations, places),
    ...(hasAsb ? [concentrationBlock(ASB, period, lsoaCodes, asbPoints, populations, places)] : []),
  ];
  const hotspotSection = lsoas.length
    ? hotspots(
        { measure: crime, period, lsoas, points: asPoints(crimePoints), years, extraLayers: hasAsb ? [{ measure: ASB, points: asPoints(asbPoints) }] : [] },
        { alpha, bandwidth: options.bandwidth ?? null },
      )
    : null;

  const mc = buildMonthCategorySql({ excludeCategories: [ASB_CATEGORY], district, from, to });
  const monthly = await store.all<{ month: string; category: string; count: number }>(mc.sql, mc.params);
  const harmSection = harm({ windows: countsByWindow(monthly, years) }, { weights: c.harmWeights });
  const notComputed = [...(peerSection.notComputed ?? []), ...yearGaps];
  return { peers: { ...peerSection, forceAreaBasis: forceArea.basis, notComputed, asb: asbPeers }, concentration: concentrationBlocks, hotspots: hotspotSection, harm: harmSection };
}
