import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cspError } from '../errors.ts';
import { toWgs84Many } from '../geography/projection.ts';
import { areaGridCells, type HotspotLsoa, type HotspotPoint } from './hotspots.ts';
import { addMonths, monthIndex, monthsBetween } from './months.ts';
import { contiguity } from './spatial/contiguity.ts';
import { EMERGING_CATEGORIES, emergingHotspots, type EmergingCategory } from './spatial/emerging-hotspots.ts';
import { gridCellId } from './spatial/grid-aggregate.ts';

export type EmergingLevel = 'lsoa' | 'grid';
export type EmergingStep = 'month' | 'quarter';

export interface EmergingAreaInput {
  /** The area's LSOAs (locations at LSOA level; the extent and mask at grid level). */
  lsoas: readonly HotspotLsoa[];
  /** Incidents with month, and LSOA (LSOA level) or coordinates (grid level). */
  points: readonly HotspotPoint[];
  /** First and last month of the cube, 'YYYY-MM'. */
  from: string;
  to: string;
}

export interface EmergingAreaOptions {
  /** Locations: the area's LSOAs or a regular BNG grid. Default 'lsoa'. */
  level?: EmergingLevel;
  /** Time step: months, or quarters counted from `from` (an incomplete last quarter is left out). Default 'month'. */
  step?: EmergingStep;
  /** Grid cell size in metres. Default 250. */
  cellSize?: number;
  /** Significance of a Gi* bin (BH within each step) and of the trend. Default 0.05. */
  alpha?: number;
}

export interface EmergingLocation {
  /** LSOA code, or grid cell id such as '250m-E389000N390250'. */
  location: string;
  /** LSOA name; null for grid cells. */
  name: string | null;
  /** Locality of the LSOA (of the cell's centre at grid level). */
  locality: string | null;
  category: EmergingCategory;
  /** Mann-Kendall z of the location's Gi* z-scores over the steps. */
  trendZ: number;
  /** Two-sided p of that trend. */
  trendP: number;
  /** Steps in which the location was a significant hot / cold spot. */
  hotSteps: number;
  coldSteps: number;
  /** Incidents at the location over all steps. */
  count: number;
}

export interface EmergingAreaResult {
  level: EmergingLevel;
  step: EmergingStep;
  /** Grid cell size in metres; null at LSOA level. */
  cellSize: number | null;
  /** Step labels, oldest first: 'YYYY-MM', or 'YYYY-MM:YYYY-MM' for quarters. */
  steps: string[];
  alpha: number;
  locations: EmergingLocation[];
  /** Locations per category, every category listed (legend order). */
  summary: { category: EmergingCategory; locations: number }[];
  /** Locations as polygons (LSOA boundaries or grid squares, WGS84) with category, trend and counts. */
  geojson: FeatureCollection<Polygon | MultiPolygon, { location: string; locality: string | null; category: EmergingCategory; trendZ: number; trendP: number; hotSteps: number; coldSteps: number; count: number }>;
}

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Step labels and the step of each month offset (-1 when the month is in no complete step). */
function stepsOf(from: string, to: string, step: EmergingStep): { labels: string[]; stepOfMonth: Int32Array } {
  const months = monthsBetween(from, to);
  const size = step === 'month' ? 1 : 3;
  const count = Math.floor(months / size);
  const stepOfMonth = new Int32Array(months).fill(-1);
  for (let m = 0; m < count * size; m++) stepOfMonth[m] = Math.floor(m / size);
  const labels = Array.from({ length: count }, (_, k) => (size === 1 ? addMonths(from, k) : `${addMonths(from, k * size)}:${addMonths(from, k * size + 2)}`));
  return { labels, stepOfMonth };
}

/** The space-time cube of an area: locations, their neighbours, and counts per step and location. */
export interface SpaceTimeCube {
  steps: string[];
  ids: string[];
  names: (string | null)[];
  localities: (string | null)[];
  geometries: (Polygon | MultiPolygon)[];
  neighbours: number[][];
  /** counts[t][i]: incidents at location i in step t. */
  counts: Float64Array[];
  /** Incidents per location over all steps. */
  totals: Float64Array;
}

/**
 * Builds the space-time cube of an area: its LSOAs (queen contiguity) or the BNG grid cells whose
 * centres lie in it (queen contiguity among them), by month or quarter. Incidents outside the
 * locations or the complete steps are left out.
 */
export function spaceTimeCube(input: EmergingAreaInput, options: EmergingAreaOptions = {}): SpaceTimeCube {
  const level = options.level ?? 'lsoa', step = options.step ?? 'month';
  const cellSize = options.cellSize ?? 250;
  const { lsoas, points, from, to } = input;
  if (!(from <= to)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `the period starts after it ends: ${from} to ${to}`);
  const { labels, stepOfMonth } = stepsOf(from, to, step);
  if (labels.length < 2) throw cspError('CSP_ERR_ANALYSIS_INPUT', `emerging hot spots need at least two ${step}s; ${from} to ${to} has ${labels.length}`);
  const first = monthIndex(from);
  const stepOf = (p: HotspotPoint): number => {
    const m = monthIndex(p.month) - first;
    return m >= 0 && m < stepOfMonth.length ? stepOfMonth[m]! : -1;
  };
  let ids: string[], names: (string | null)[], localities: (string | null)[], neighbours: number[][], locationOf: (p: HotspotPoint, k: number) => number;
  let geometries: (Polygon | MultiPolygon)[];
  if (level === 'lsoa') {
    const at = new Map(lsoas.map((l, i) => [l.code, i]));
    ids = lsoas.map((l) => l.code);
    names = lsoas.map((l) => l.name);
    localities = lsoas.map((l) => l.locality);
    neighbours = contiguity({ features: lsoas }, { rule: 'queen' }).neighbours;
    locationOf = (p) => (p.lsoa === null ? -1 : (at.get(p.lsoa) ?? -1));
    geometries = lsoas.map((l) => l.geometry);
  } else {
    // Points without coordinates fall in no cell (cellOfPoint -1).
    const cells = areaGridCells(points, lsoas, cellSize);
    const { grid, kept, slot } = cells;
    ids = kept.map((i) => gridCellId(grid, i));
    names = kept.map(() => null);
    localities = cells.lsoaOfKept.map((k) => lsoas[k]!.locality);
    neighbours = cells.neighbours;
    locationOf = (_p, k) => {
      const c = grid.cellOfPoint[k]!;
      return c < 0 ? -1 : slot[c]!;
    };
    // Cell squares in WGS84: every corner projected in one call.
    const half = cellSize / 2;
    const ox = [-half, half, half, -half, -half], oy = [-half, -half, half, half, -half];
    const ll = toWgs84Many(kept.flatMap((i) => ox.map((d) => cells.cx[i]! + d)), kept.flatMap((i) => oy.map((d) => cells.cy[i]! + d)));
    geometries = kept.map((_, k) => ({ type: 'Polygon', coordinates: [ox.map((_d, c) => [r6(ll.xs[5 * k + c]!), r6(ll.ys[5 * k + c]!)])] }));
  }
  const n = ids.length;
  const counts = labels.map(() => new Float64Array(n));
  const totals = new Float64Array(n);
  points.forEach((p, k) => {
    const s = stepOf(p);
    if (s < 0) return;
    const i = locationOf(p, k);
    if (i < 0) return;
    counts[s]![i]!++;
    totals[i]!++;
  });
  return { steps: labels, ids, names, localities, geometries, neighbours, counts, totals };
}

/**
 * Emerging hot spots of an area: a space-time cube of its LSOAs (or grid cells) by month or quarter,
 * classified by emergingHotspots (Gi* per step with queen contiguity and BH correction, Mann-Kendall
 * trend, ArcGIS Pro's categories; docs/emerging-hotspots.md). Incidents outside the area's LSOAs
 * (grid: outside the kept cells) or outside the period are left out.
 *
 * @example
 * const r = emergingArea({ lsoas, points, from: '2016-02', to: '2019-01' }, { level: 'grid' });
 * r.locations.filter((l) => l.category === 'intensifying-hot');
 */
export function emergingArea(input: EmergingAreaInput, options: EmergingAreaOptions = {}): EmergingAreaResult {
  const level = options.level ?? 'lsoa', step = options.step ?? 'month', alpha = options.alpha ?? 0.05;
  const cellSize = options.cellSize ?? 250;
  const { steps: labels, ids, names, localities, geometries, neighbours, counts, totals } = spaceTimeCube(input, options);
  const r = emergingHotspots({ counts, neighbours }, { alpha, trendAlpha: alpha });
  const locations: EmergingLocation[] = ids.map((location, i) => ({
    location,
    name: names[i]!,
    locality: localities[i]!,
    category: r.categories[i]!,
    trendZ: r4(r.trendZ[i]!),
    trendP: r.trendP[i]!,
    hotSteps: r.hotSteps[i]!,
    coldSteps: r.coldSteps[i]!,
    count: totals[i]!,
  }));
  const summary = EMERGING_CATEGORIES.map((category) => ({ category, locations: locations.filter((l) => l.category === category).length }));
  const features: Feature<Polygon | MultiPolygon, EmergingAreaResult['geojson']['features'][number]['properties']>[] = locations.map((l, i) => ({
    type: 'Feature',
    properties: { location: l.location, locality: l.locality, category: l.category, trendZ: l.trendZ, trendP: l.trendP, hotSteps: l.hotSteps, coldSteps: l.coldSteps, count: l.count },
    geometry: geometries[i]!,
  }));
  return { level, step, cellSize: level === 'grid' ? cellSize : null, steps: labels, alpha, locations, summary, geojson: { type: 'FeatureCollection', features } };
}
