/** Store -> space-time analyses: emerging hot spots and near repeat, for the CLI, the server and the assessment. */
import { emergingArea, type EmergingAreaOptions, type EmergingAreaResult } from '../analysis/emerging.ts';
import type { HotspotPoint } from '../analysis/hotspots.ts';
import type { NearRepeatBand, NearRepeatOptions, NearRepeatResult } from '../analysis/near-repeat.ts';
import { nearRepeatThreaded } from '../analysis/near-repeat-threads.ts';
import { type KnoxCellAt, nearRepeatWindow } from '../analysis/near-repeat-window.ts';
import { type StackedPlace, stackedPlaces } from '../analysis/stacked-places.ts';
import { cspError } from '../errors.ts';
import { toBngMany } from '../geography/projection.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import type { IncidentFilter } from '../store/queries/build-counts-sql.ts';
import { buildPointsSql, type PointRow } from '../store/queries/build-points-sql.ts';
import { buildDatedPointsSql, buildDatedUnlocatedSql, buildSpanSql, type DatedPointRow } from '../store/queries/build-space-time-sql.ts';
import type { Store } from '../store/store.ts';
import { loadAreaLsoas } from './area-lsoas.ts';

export { loadAreaLsoas };

/** Without a crime type, the analyses are of recorded crime: ASB left out. */
export const crimeOnly = (filter: IncidentFilter): IncidentFilter => (filter.categories?.length ? filter : { ...filter, excludeCategories: [ASB_CATEGORY] });

const toPoints = (rows: readonly PointRow[]): HotspotPoint[] => rows.map((r) => ({ lon: r.lon ?? NaN, lat: r.lat ?? NaN, lsoa: r.lsoa, month: r.month }));

/**
 * Emerging hot spots from the store: the incidents under the filter (recorded crime without a crime
 * type) from their first to their last month, unless the filter gives the period.
 */
export async function emergingFromStore(store: Store, filter: IncidentFilter, options: EmergingAreaOptions = {}): Promise<EmergingAreaResult> {
  const f = crimeOnly(filter);
  const span = buildSpanSql(f);
  const s = await store.one<{ from: string | null; to: string | null }>(span.sql, span.params);
  if (!s?.from || !s.to) throw cspError('CSP_ERR_STORE_EMPTY', 'no incidents under the filter: ingest first, or check --crime-type and --district');
  const from = filter.from ?? s.from, to = filter.to ?? s.to;
  const lsoas = await loadAreaLsoas(store, filter.district);
  const q = buildPointsSql({ ...f, from, to }, options.level === 'grid' ? 'coordinates' : 'lsoa');
  const points = toPoints(await store.all<PointRow>(q.sql, q.params));
  return emergingArea({ lsoas, points, from, to }, options);
}

/** One cell of the near-repeat table, with its row and column labels. */
export interface NearRepeatRow {
  /** Distance band label, e.g. '0-200 m' (the first band includes 0; later ones exclude their lower bound). */
  distance: string;
  /** Time band label in whole days, e.g. '0-7 days', '8-14 days'. */
  time: string;
  observed: number;
  expected: number;
  knoxRatio: number | null;
  p: number;
  /** Permutations drawn for the cell: fewer than the run's when it stopped early (sequential p). Absent in models written before. */
  permutations?: number;
}

export interface NearRepeatTable {
  /** Row labels (distance bands), top to bottom. */
  distanceBands: string[];
  /** Column labels (time bands), left to right. */
  timeBands: string[];
  /** The band breaks: metres (rows) and days (columns), from 0. Absent in models written before. */
  breaks?: { distance: number[]; time: number[] };
  /**
   * Points holding an unusual share of the incidents (src/analysis/stacked-places.ts): easting and
   * northing (metres), incidents and the pairs they make at 0 m. Absent in models written before.
   */
  stacked?: { easting: number; northing: number; incidents: number; pairs: number }[];
  /** One row per cell, distance band by time band. */
  rows: NearRepeatRow[];
  incidents: number;
  /** Dated incidents left out for having no coordinates. */
  withoutLocation: number;
  /** Permutations at most; each row says how many its cell drew. */
  permutations: number;
  /** A cell stopped once this many permuted counts reached its observed count (0: none stopped early). Absent in models written before. */
  stopAt?: number;
  seed: number;
}

export const distanceLabel = (b: NearRepeatBand): string => `${b.from}-${b.to} m`;
/** Days are whole numbers: a band (a, b] holds a + 1 to b days (the first holds 0 to b). */
export const timeLabel = (b: NearRepeatBand): string => `${b.from === 0 ? 0 : b.from + 1}-${b.to} days`;

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** The Knox result as a labelled table, with the stacked places of its incidents. */
export function nearRepeatTable(r: NearRepeatResult, withoutLocation: number, stacked: StackedPlace[] = []): NearRepeatTable {
  const distanceBands = r.distanceBands.map(distanceLabel), timeBands = r.timeBands.map(timeLabel);
  const rows = r.cells.flatMap((row, d) =>
    row.map((c, t) => ({ distance: distanceBands[d]!, time: timeBands[t]!, observed: c.observed, expected: r4(c.expected), knoxRatio: c.knoxRatio === null ? null : r4(c.knoxRatio), p: r4(c.p), permutations: c.permutations })),
  );
  return {
    distanceBands,
    timeBands,
    breaks: { distance: [...r.options.distanceBands], time: [...r.options.timeBands] },
    stacked: stacked.map((p) => ({ easting: Math.round(p.x), northing: Math.round(p.y), incidents: p.incidents, pairs: p.pairs })),
    rows,
    incidents: r.incidents,
    withoutLocation,
    permutations: r.options.permutations,
    stopAt: r.options.stopAt,
    seed: r.options.seed,
  };
}

/** A cell of the Knox table by its labels. */
export interface KnoxCellLabel {
  distance: string;
  time: string;
}

/** The near-repeat window of a table (src/analysis/near-repeat-window.ts), by labels. */
export interface NearRepeatWindowSection {
  /** Whether the nearest cell has p < alpha and a Knox ratio of at least minRatio. */
  found: boolean;
  alpha: number;
  minRatio: number;
  /** The window's cells, nearest first (empty when not found). */
  cells: KnoxCellLabel[];
  /** The farthest distance band and longest time band the window reaches, with their upper edges. */
  reach: (KnoxCellLabel & { metres: number; days: number }) | null;
  /** Significant excesses outside the window: too small, or apart from it. */
  elsewhere: KnoxCellLabel[];
}

/** The near-repeat window of a labelled Knox table (its rows go distance band by time band). */
export function nearRepeatWindowSection(table: NearRepeatTable, alpha: number, minRatio: number): NearRepeatWindowSection {
  const nt = table.timeBands.length;
  const w = nearRepeatWindow(table.distanceBands.map((_, d) => table.rows.slice(d * nt, (d + 1) * nt)), { alpha, minRatio });
  const label = ({ d, t }: KnoxCellAt): KnoxCellLabel => ({ distance: table.distanceBands[d]!, time: table.timeBands[t]! });
  return {
    found: w.found,
    alpha,
    minRatio,
    cells: w.cells.map(label),
    reach: w.reach && table.breaks ? { ...label(w.reach), metres: table.breaks.distance[w.reach.d + 1]!, days: table.breaks.time[w.reach.t + 1]! } : null,
    elsewhere: w.elsewhere.map(label),
  };
}

/** Near repeat (Knox test) on the dated, located incidents under the filter. */
export async function nearRepeatFromStore(store: Store, filter: IncidentFilter, options: NearRepeatOptions = {}): Promise<NearRepeatTable> {
  const q = buildDatedPointsSql(filter);
  const rows = await store.all<DatedPointRow>(q.sql, q.params);
  const u = buildDatedUnlocatedSql(filter);
  const withoutLocation = Number((await store.one<{ n: number }>(u.sql, u.params))?.n ?? 0);
  if (rows.length < 2) {
    throw cspError('CSP_ERR_STORE_EMPTY', 'near repeat needs dated, located incidents: load an extract with `ingest incidents --date-col ... --lon-col ... --lat-col ...`');
  }
  const { xs, ys } = toBngMany(rows.map((r) => r.lon), rows.map((r) => r.lat));
  return nearRepeatTable(await nearRepeatThreaded({ xs, ys, days: rows.map((r) => r.day) }, options), withoutLocation, stackedPlaces(xs, ys));
}
