/**
 * The assessment's space-and-time part: emerging hot spots of the area (LSOAs by month), near-repeat
 * tables for categories with dated extracts, and expected counts with flags and forecasts for every
 * series the report tests (the area, each locality, each category), with the previous edition's
 * forecast scored when it is given. Types, zod schema piece and builder.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import type { EmergingLocation } from '../../analysis/emerging.ts';
import { emergingArea } from '../../analysis/emerging.ts';
import { expectedCounts, scoreForecast, type ExpectedCountMonth, type ExpectedMonth, type ForecastScore } from '../../analysis/expected-counts.ts';
import { monthIndex } from '../../analysis/months.ts';
import { periodRange } from '../../analysis/period-change.ts';
import { EMERGING_CATEGORIES, type EmergingCategory } from '../../analysis/spatial/emerging-hotspots.ts';
import type { LoadedAreaConfig } from '../../config/area-config.ts';
import { cspError } from '../../errors.ts';
import { crimeOnly, loadAreaLsoas, nearRepeatFromStore, type NearRepeatTable, type NearRepeatWindowSection, nearRepeatWindowSection } from '../../pipelines/space-time.ts';
import { ASB_CATEGORY } from '../../sources/police-csv/kinds.ts';
import { queryMonthsWithData } from '../../store/queries/area-counts.ts';
import type { IncidentFilter } from '../../store/queries/build-counts-sql.ts';
import { buildPointsSql, type PointRow } from '../../store/queries/build-points-sql.ts';
import { buildCategoriesSql, buildDatedCategoriesSql, buildMonthlySeriesSql, DISTRICT_NAME_SQL, type SeriesDimension } from '../../store/queries/build-space-time-sql.ts';
import type { Store } from '../../store/store.ts';
import type { Assessment, PeriodRange } from '../model.ts';

export type { KnoxCellLabel, NearRepeatWindowSection } from '../../pipelines/space-time.ts';

export type EmergingFeatureProperties = Pick<EmergingLocation, 'location' | 'locality' | 'category' | 'trendZ' | 'trendP' | 'hotSteps' | 'coldSteps' | 'count'>;

export interface EmergingSection {
  /** What is counted: recorded crime (ASB left out), or the one category held. */
  measure: string;
  level: 'lsoa';
  step: 'month';
  /** Months of the cube, oldest first. */
  steps: string[];
  /** Significance of a Gi* bin (BH within each month) and of the trend. */
  alpha: number;
  /** Locations per category, every category (legend order). */
  summary: { category: EmergingCategory; locations: number }[];
  /** Locations per category within each locality (categories with none left out). */
  byLocality: { locality: string; summary: { category: EmergingCategory; locations: number }[] }[];
  /** Every LSOA of the area with its category, trend and counts. */
  locations: EmergingLocation[];
  /** LSOA polygons (WGS84) with category: the emerging-hotspots.geojson layer. */
  map: FeatureCollection<Polygon | MultiPolygon, EmergingFeatureProperties>;
}

export interface NearRepeatSection extends NearRepeatTable {
  /** The category of the dated incidents tested, e.g. 'Burglary'. */
  category: string;
  period: PeriodRange;
  /** Absent in models written before. */
  window?: NearRepeatWindowSection;
}

export type SeriesKind = 'area' | 'locality' | 'category';

export interface ExpectedSeries {
  kind: SeriesKind;
  /** The area's, locality's or category's name. */
  name: string;
  /** What is counted: 'Recorded crime' for the area and localities, else the category. */
  measure: string;
  /** Every month of the modelled span: observed count, expected count and 95% prediction interval. */
  months: ExpectedCountMonth[];
  /** Months above their interval. */
  above: string[];
  /** The next six months, from a fit on the latest 24. */
  forecast: ExpectedMonth[];
  /** Pearson χ²/df of the latest baseline fit (1 = Poisson; larger = overdispersed). Null when too short. */
  dispersion: number | null;
}

export interface PreviousForecastScore {
  kind: SeriesKind;
  name: string;
  score: ForecastScore;
}

export interface SpaceTimeSection {
  period: PeriodRange;
  emerging: EmergingSection | null;
  /** One Knox table per category with dated, located incidents in the area (empty when none). */
  nearRepeat: NearRepeatSection[];
  expected: ExpectedSeries[];
  /** Coverage of the modelled span: months with police data, consecutive, ending at the latest. */
  expectedSpan: PeriodRange | null;
  /** The previous edition's forecasts scored against this edition's counts; null without a previous edition. */
  previous: { generatedAt: string; scores: PreviousForecastScore[] } | null;
}

const month = z.string().regex(/^\d{4}-\d{2}$/);
const periodSchema = z.object({ from: month, to: month, months: z.number().int().nonnegative() });
const category = z.enum(EMERGING_CATEGORIES as [EmergingCategory, ...EmergingCategory[]]);
const summary = z.array(z.object({ category, locations: z.number().int() }));
const expectedMonth = z.object({ month, expected: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable() });
const locationSchema = z.object({
  location: z.string(),
  name: z.string().nullable(),
  locality: z.string().nullable(),
  category,
  trendZ: z.number(),
  trendP: z.number(),
  hotSteps: z.number().int(),
  coldSteps: z.number().int(),
  count: z.number(),
});
const score = z.object({
  rows: z.array(z.object({ month, expected: z.number(), lower: z.number(), upper: z.number(), actual: z.number(), within: z.boolean() })),
  scored: z.number().int(),
  coverage: z.number().nullable(),
  meanAbsoluteError: z.number().nullable(),
  meanError: z.number().nullable(),
});
const kind = z.enum(['area', 'locality', 'category']);

const cellLabel = z.object({ distance: z.string(), time: z.string() });

/** The serialised section, checked where the assessment crosses a boundary (schema.ts). */
export const SpaceTimeSectionSchema: z.ZodType<SpaceTimeSection> = z.object({
  period: periodSchema,
  emerging: z
    .object({
      measure: z.string(),
      level: z.literal('lsoa'),
      step: z.literal('month'),
      steps: z.array(month),
      alpha: z.number(),
      summary,
      byLocality: z.array(z.object({ locality: z.string(), summary })),
      locations: z.array(locationSchema),
      map: z.custom<EmergingSection['map']>((v) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'FeatureCollection'),
    })
    .nullable(),
  nearRepeat: z.array(
    z.object({
      category: z.string(),
      period: periodSchema,
      distanceBands: z.array(z.string()),
      timeBands: z.array(z.string()),
      rows: z.array(z.object({ distance: z.string(), time: z.string(), observed: z.number(), expected: z.number(), knoxRatio: z.number().nullable(), p: z.number(), permutations: z.number().int().optional() })),
      incidents: z.number().int(),
      withoutLocation: z.number().int(),
      permutations: z.number().int(),
      stopAt: z.number().int().optional(),
      seed: z.number().int(),
      breaks: z.object({ distance: z.array(z.number()), time: z.array(z.number()) }).optional(),
      stacked: z.array(z.object({ easting: z.number(), northing: z.number(), incidents: z.number().int(), pairs: z.number() })).optional(),
      window: z
        .object({
          found: z.boolean(),
          alpha: z.number(),
          minRatio: z.number(),
          cells: z.array(cellLabel),
          reach: cellLabel.extend({ metres: z.number(), days: z.number() }).nullable(),
          elsewhere: z.array(cellLabel),
        })
        .optional(),
    }),
  ),
  expected: z.array(
    z.object({
      kind,
      name: z.string(),
      measure: z.string(),
      months: z.array(expectedMonth.extend({ observed: z.number(), above: z.boolean(), below: z.boolean() })),
      above: z.array(month),
      forecast: z.array(expectedMonth),
      dispersion: z.number().nullable(),
    }),
  ),
  expectedSpan: periodSchema.nullable(),
  previous: z.object({ generatedAt: z.string(), scores: z.array(z.object({ kind, name: z.string(), score })) }).nullable(),
});

export interface BuildSpaceTimeOptions {
  /** The assessed period (the configured one trimmed to the data); default the configured period. */
  period?: { from: string; to: string };
  /** Significance for Gi* bins and trends. Default 0.05. */
  alpha?: number;
  /** The previous edition's assessment, whose forecasts are scored. */
  previous?: Assessment | null;
  /** Fewest dated, located incidents of a category for a near-repeat table. Default 30. */
  minNearRepeat?: number;
}

/** The latest run of consecutive months with data: expected counts need an unbroken series. */
function latestRun(months: readonly string[]): PeriodRange | null {
  if (months.length === 0) return null;
  let start = months.length - 1;
  while (start > 0 && monthIndex(months[start]!) - monthIndex(months[start - 1]!) === 1) start--;
  return periodRange(months[start]!, months[months.length - 1]!);
}

const r2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

async function seriesOf(store: Store, filter: IncidentFilter, by: SeriesDimension, span: PeriodRange): Promise<Map<string | null, number[]>> {
  const q = buildMonthlySeriesSql({ ...filter, from: span.from, to: span.to }, by);
  const rows = await store.all<{ month: string; key: string | null; count: number }>(q.sql, q.params);
  const out = new Map<string | null, number[]>();
  const first = monthIndex(span.from);
  for (const r of rows) {
    const values = out.get(r.key) ?? new Array<number>(span.months).fill(0);
    values[monthIndex(r.month) - first] = Number(r.count);
    out.set(r.key, values);
  }
  return out;
}

function expectedSeries(kind: SeriesKind, name: string, measure: string, values: number[], span: PeriodRange): ExpectedSeries {
  const r = expectedCounts({ values, firstMonth: span.from });
  const round = <T extends ExpectedMonth>(m: T): T => ({ ...m, expected: r2(m.expected) });
  return { kind, name, measure, months: r.months.map(round), above: r.above, forecast: r.forecast.map(round), dispersion: r.fit ? r2(r.fit.dispersion) : null };
}

/**
 * Builds the space-and-time part for the configured area and period: emerging hot spots on the
 * area's LSOAs by month (recorded crime, ASB left out), a Knox near-repeat table per category with
 * dated incidents, and expected counts for the area, each locality and each category over the
 * latest unbroken run of months with police data.
 */
export async function buildSpaceTime(store: Store, cfg: LoadedAreaConfig, options: BuildSpaceTimeOptions = {}): Promise<SpaceTimeSection> {
  const c = cfg.config;
  const district = (await store.one<{ name: string | null }>(DISTRICT_NAME_SQL, { code: c.area.code }))?.name;
  if (!district) throw cspError('CSP_ERR_STORE_EMPTY', `no LSOAs of ${c.area.code} in the store: run \`csp-assess ingest geography --config ...\` first`);
  // The assessed period, trimmed to the months with data: nothing is said about months without it.
  const { from, to } = options.period ?? c.periods;
  const alpha = options.alpha ?? c.thresholds.significance;
  const period = periodRange(from, to);
  const crime = crimeOnly({ district, from, to });

  // An area with only a lookup has no boundaries: emerging hot spots need them and are left out.
  const lsoas = await loadAreaLsoas(store, district, { optional: true });
  const q = buildPointsSql(crime, 'lsoa');
  const points = (await store.all<PointRow>(q.sql, q.params)).map((r) => ({ lon: r.lon ?? NaN, lat: r.lat ?? NaN, lsoa: r.lsoa, month: r.month }));
  const cq = buildCategoriesSql({ district, from, to });
  const measureRows = await store.all<{ category: string }>(cq.sql, cq.params);
  const crimeCategories = measureRows.map((r) => r.category).filter((x) => x !== ASB_CATEGORY);
  const crimeMeasure = crimeCategories.length === 1 ? crimeCategories[0]! : 'Recorded crime';

  let emerging: EmergingSection | null = null;
  if (period.months >= 2 && points.length > 0 && lsoas.length > 0) {
    const e = emergingArea({ lsoas, points, from, to }, { level: 'lsoa', step: 'month', alpha });
    const localities = [...new Set(lsoas.map((l) => l.locality).filter((x): x is string => x !== null))].sort();
    emerging = {
      measure: crimeMeasure,
      level: 'lsoa',
      step: 'month',
      steps: e.steps,
      alpha,
      summary: e.summary,
      byLocality: localities.map((locality) => ({
        locality,
        summary: EMERGING_CATEGORIES.map((cat) => ({ category: cat, locations: e.locations.filter((l) => l.locality === locality && l.category === cat).length })).filter((s) => s.locations > 0),
      })),
      locations: e.locations,
      map: e.geojson,
    };
  }

  const nearRepeat: NearRepeatSection[] = [];
  const dq = buildDatedCategoriesSql({ district, from, to });
  const dated = await store.all<{ category: string; n: number }>(dq.sql, dq.params);
  for (const d of dated) {
    if (Number(d.n) < (options.minNearRepeat ?? 30)) continue;
    const table = await nearRepeatFromStore(store, { categories: [d.category], district, from, to });
    nearRepeat.push({ category: d.category, period, ...table, window: nearRepeatWindowSection(table, alpha, c.thresholds.nearRepeatRatio) });
  }

  const span = latestRun(await queryMonthsWithData(store, c.area.force, from, to));
  const expected: ExpectedSeries[] = [];
  if (span) {
    const total = await seriesOf(store, crime, 'total', span);
    const byLocality = await seriesOf(store, crime, 'locality', span);
    const byCategory = await seriesOf(store, { district }, 'category', span);
    const area = total.get(null);
    if (area) expected.push(expectedSeries('area', c.area.name, crimeMeasure, area, span));
    for (const [name, values] of [...byLocality].filter(([k]) => k !== null).sort(([a], [b]) => String(a).localeCompare(String(b)))) {
      expected.push(expectedSeries('locality', name!, crimeMeasure, values, span));
    }
    for (const [name, values] of [...byCategory].filter(([k]) => k !== null).sort(([a], [b]) => String(a).localeCompare(String(b)))) {
      // A single-crime assessment's one category is the area series already.
      if (area && values.every((v, i) => v === area[i])) continue;
      expected.push(expectedSeries('category', name!, name!, values, span));
    }
  }

  const prev = options.previous?.spaceTime;
  const previous = prev && options.previous
    ? {
        generatedAt: options.previous.generatedAt,
        scores: prev.expected.flatMap((p) => {
          const now = expected.find((e) => e.kind === p.kind && e.name === p.name);
          if (!now) return [];
          return [{ kind: p.kind, name: p.name, score: scoreForecast(p.forecast, new Map(now.months.map((m) => [m.month, m.observed]))) }];
        }),
      }
    : null;

  return { period, emerging, nearRepeat, expected, expectedSpan: span, previous };
}
