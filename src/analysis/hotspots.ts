import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GiRow, GridGiSummary, HotspotsSection, KdeLayer, Measure } from './types.ts';
import type { PeriodRange } from './change-types.ts';
import { buildAreaIndex, type AreaIndex } from '../geography/point-in-area.ts';
import { toBngMany, toWgs84Many } from '../geography/projection.ts';
import { contiguity, gridContiguity } from './spatial/contiguity.ts';
import { getisOrd } from './spatial/getis-ord.ts';
import { gridAggregate, gridCellId } from './spatial/grid-aggregate.ts';
import { hotspotPersistence } from './spatial/hotspot-persistence.ts';
import { kde, kdeBandwidth, type BboxMetres } from './spatial/kde.ts';

/** An LSOA of the area: code, name, locality and WGS84 polygon. */
export interface HotspotLsoa {
  code: string;
  name: string | null;
  locality: string | null;
  geometry: Polygon | MultiPolygon;
}

/** A located incident: WGS84 position (NaN when only the LSOA is known), LSOA (by the store) and month 'YYYY-MM'. */
export interface HotspotPoint {
  lon: number;
  lat: number;
  lsoa: string | null;
  month: string;
}

export interface HotspotsInput {
  measure: Measure;
  period: PeriodRange;
  lsoas: readonly HotspotLsoa[];
  points: readonly HotspotPoint[];
  /** Yearly windows for persistence, oldest first. */
  years: readonly PeriodRange[];
  /** Further KDE layers (e.g. ASB), each with its points. */
  extraLayers?: readonly { measure: Measure; points: readonly HotspotPoint[] }[];
}

export interface HotspotsOptions {
  /** KDE bandwidth in metres. Default: the normal-reference rule (see kde.ts). */
  bandwidth?: number | null;
  /** KDE cell size, metres. Default 100. */
  cellSize?: number;
  /** Grid Gi* cell size, metres. Default 250. */
  gridCellSize?: number;
  /** Significance after Benjamini-Hochberg correction. Default 0.05. */
  alpha?: number;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** The area's bounding box in BNG metres, padded, snapped outward to whole cells. */
export function areaExtent(lsoas: readonly HotspotLsoa[], cellSize: number, pad = 0): BboxMetres {
  const lon: number[] = [];
  const lat: number[] = [];
  for (const l of lsoas) {
    const rings: Position[][] = l.geometry.type === 'Polygon' ? l.geometry.coordinates : l.geometry.coordinates.flat();
    for (const ring of rings) for (const p of ring) { lon.push(p[0]!); lat.push(p[1]!); }
  }
  const { xs, ys } = toBngMany(lon, lat);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]!); x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, ys[i]!); y1 = Math.max(y1, ys[i]!);
  }
  const snap = (v: number, up: boolean): number => (up ? Math.ceil(v / cellSize) : Math.floor(v / cellSize)) * cellSize;
  return [snap(x0 - pad, false), snap(y0 - pad, false), snap(x1 + pad, true), snap(y1 + pad, true)];
}

const lsoaIndexOf = (lsoas: readonly HotspotLsoa[]): AreaIndex => buildAreaIndex(lsoas.map((l) => ({ code: l.code, name: l.name ?? l.code, geometry: l.geometry })));

/** KDE of points on a BNG grid over the area, with the highest local peaks located to localities. */
export function kdeLayer(
  measure: Measure,
  period: PeriodRange,
  points: readonly HotspotPoint[],
  lsoas: readonly HotspotLsoa[],
  options: { bandwidth?: number | null | undefined; cellSize?: number | undefined } = {},
): KdeLayer {
  const cellSize = options.cellSize ?? 100;
  const { xs, ys } = toBngMany(points.map((p) => p.lon), points.map((p) => p.lat));
  const located = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat)).length;
  // Points with no spread (one snapped location, or a handful) give no normal-reference bandwidth:
  // a floor of two cells keeps the surface defined and is labelled as such.
  const floor = 2 * cellSize;
  const reference = options.bandwidth ?? (located > 0 ? kdeBandwidth({ xs, ys }) : NaN);
  const floored = options.bandwidth == null && !(Number.isFinite(reference) && reference >= floor);
  const bandwidth = floored ? floor : reference;
  const surface = kde({ xs, ys }, { cellSize, bandwidth, extent: areaExtent(lsoas, cellSize, 500) });
  const { width, height, values } = surface;
  const peaksAt: number[] = [];
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c]!;
      if (v <= 0) continue;
      let top = true;
      for (let dr = -1; dr <= 1 && top; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if ((dr || dc) && rr >= 0 && rr < height && cc >= 0 && cc < width && values[rr * width + cc]! > v) { top = false; break; }
      }
      if (top) peaksAt.push(r * width + c);
    }
  }
  peaksAt.sort((a, b) => values[b]! - values[a]! || a - b);
  const chosen = peaksAt.slice(0, 10);
  const centre = (i: number, axis: 0 | 1): number => (axis === 0 ? surface.x0 + ((i % width) + 0.5) * cellSize : surface.y0 + (Math.floor(i / width) + 0.5) * cellSize);
  const ll = toWgs84Many(chosen.map((i) => centre(i, 0)), chosen.map((i) => centre(i, 1)));
  const index = lsoaIndexOf(lsoas);
  const locality = new Map(lsoas.map((l) => [l.code, l.locality]));
  return {
    measure,
    period,
    x0: surface.x0,
    y0: surface.y0,
    cellSize,
    width,
    height,
    bandwidth: r2(surface.bandwidth),
    bandwidthRule: floored ? 'minimum' : options.bandwidth != null ? 'given' : 'normal-reference',
    values: Array.from(values, r2),
    points: located,
    peaks: chosen.map((i, k) => {
      const code = index.locate(ll.xs[k]!, ll.ys[k]!);
      return { lon: r6(ll.xs[k]!), lat: r6(ll.ys[k]!), density: r2(values[i]!), locality: code ? (locality.get(code) ?? null) : null };
    }),
  };
}

/** Incidents per LSOA (zeros included), in the order of `lsoas`. */
export function countPerLsoa(lsoas: readonly HotspotLsoa[], points: readonly HotspotPoint[], window?: PeriodRange): number[] {
  const at = new Map(lsoas.map((l, i) => [l.code, i]));
  const counts = new Array<number>(lsoas.length).fill(0);
  for (const p of points) {
    if (window && (p.month < window.from || p.month > window.to)) continue;
    const i = p.lsoa === null ? undefined : at.get(p.lsoa);
    if (i !== undefined) counts[i]!++;
  }
  return counts;
}

/** Gi* on LSOA counts with queen contiguity from the polygons and Benjamini-Hochberg correction. */
export function lsoaGi(lsoas: readonly HotspotLsoa[], counts: readonly number[], alpha = 0.05, neighbours?: number[][]): Omit<GiRow, 'persistence' | 'hotYears'>[] {
  const nb = neighbours ?? contiguity({ features: lsoas }, { rule: 'queen' }).neighbours;
  const gi = getisOrd({ values: counts, neighbours: nb }, { alpha, adjust: 'bh' });
  return lsoas.map((l, i) => ({
    lsoa: l.code,
    name: l.name,
    locality: l.locality,
    count: counts[i]!,
    z: r6(gi.z[i]!),
    pValue: gi.p[i]!,
    pAdjusted: gi.pAdjusted[i]!,
    class: gi.classes[i]!,
  }));
}

/** The cells of a BNG grid over the area whose centres lie in it, with queen contiguity among them. */
export interface AreaGridCells {
  grid: ReturnType<typeof gridAggregate>;
  /** Grid index of each kept cell. */
  kept: number[];
  /** Kept-cell position of each grid index, -1 outside the area. */
  slot: Int32Array;
  /** Queen neighbours among kept cells (positions in `kept`). */
  neighbours: number[][];
  /** Cell centres (BNG metres) per grid index. */
  cx: number[];
  cy: number[];
  /** Index in `lsoas` of the LSOA holding each kept cell's centre. */
  lsoaOfKept: number[];
}

/**
 * Counts points into a regular BNG grid over the area and keeps the cells whose centres lie in one
 * of its LSOAs (cells outside would add structural zeros to Gi*), with queen contiguity among them.
 */
export function areaGridCells(points: readonly HotspotPoint[], lsoas: readonly HotspotLsoa[], cellSize = 250): AreaGridCells {
  const { xs, ys } = toBngMany(points.map((p) => p.lon), points.map((p) => p.lat));
  const grid = gridAggregate({ xs, ys }, { cellSize, extent: areaExtent(lsoas, cellSize) });
  const n = grid.width * grid.height;
  const cx = Array.from({ length: n }, (_, i) => grid.x0 + ((i % grid.width) + 0.5) * cellSize);
  const cy = Array.from({ length: n }, (_, i) => grid.y0 + (Math.floor(i / grid.width) + 0.5) * cellSize);
  const ll = toWgs84Many(cx, cy);
  const inside = lsoaIndexOf(lsoas).locateMany(ll.xs, ll.ys);
  const kept: number[] = [];
  const slot = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (inside[i]! >= 0) { slot[i] = kept.length; kept.push(i); }
  const all = gridContiguity(grid.width, grid.height, { rule: 'queen' }).neighbours;
  const neighbours = kept.map((i) => all[i]!.map((j) => slot[j]!).filter((j) => j >= 0));
  return { grid, kept, slot, neighbours, cx, cy, lsoaOfKept: kept.map((i) => inside[i]!) };
}

/**
 * Gi* on a regular BNG grid of cells whose centres lie in the area (cells outside would add
 * structural zeros), queen contiguity between those cells, Benjamini-Hochberg correction.
 */
export function gridGi(points: readonly HotspotPoint[], lsoas: readonly HotspotLsoa[], cellSize = 250, alpha = 0.05): GridGiSummary & { cells: number; ids: string[]; counts: number[]; z: number[]; classes: string[] } {
  const { grid, kept, neighbours, cx, cy } = areaGridCells(points, lsoas, cellSize);
  const counts = kept.map((i) => grid.counts[i]!);
  const gi = getisOrd({ values: counts, neighbours }, { alpha, adjust: 'bh' });
  const ids = kept.map((i) => gridCellId(grid, i));
  const hotCells = kept
    .map((i, k) => ({ id: ids[k]!, easting: cx[i]!, northing: cy[i]!, count: counts[k]!, z: r6(gi.z[k]!), pAdjusted: gi.pAdjusted[k]!, hot: gi.classes[k] === 'hot' }))
    .filter((c) => c.hot)
    .sort((a, b) => b.z - a.z)
    .slice(0, 20)
    .map(({ hot: _hot, ...c }) => c);
  return {
    cellSize,
    cells: kept.length,
    hot: gi.classes.filter((c) => c === 'hot').length,
    cold: gi.classes.filter((c) => c === 'cold').length,
    hotCells,
    ids,
    counts,
    z: Array.from(gi.z, r6),
    classes: gi.classes,
  };
}

/**
 * Hotspots of one measure in one area: KDE surfaces (BNG, bandwidth in metres), Gi* on the area's
 * LSOAs with queen contiguity and BH correction, Gi* on a regular grid, and persistence of LSOA hot
 * spots across yearly windows.
 *
 * Method: composition of src/analysis/spatial (kde, contiguity, getisOrd, gridAggregate,
 * hotspotPersistence); see each for method, assumptions and bibliography. Points outside the area's
 * LSOAs are left out of the Gi* counts, and KDE uses only the area's points (no edge correction from
 * neighbouring districts), so densities at the boundary are biased low.
 *
 * @example
 * const section = hotspots({ measure, period, lsoas, points, years }, { alpha: 0.05 });
 * section.gi.filter((g) => g.class === 'hot');
 */
export function hotspots(input: HotspotsInput, options: HotspotsOptions = {}): HotspotsSection {
  const alpha = options.alpha ?? 0.05;
  const { lsoas, points, measure, period } = input;
  const neighbours = contiguity({ features: lsoas }, { rule: 'queen' }).neighbours;
  const base = lsoaGi(lsoas, countPerLsoa(lsoas, points), alpha, neighbours);
  const yearly = input.years.map((w) => lsoaGi(lsoas, countPerLsoa(lsoas, points, w), alpha, neighbours).map((g) => g.class));
  const persistence = yearly.length
    ? hotspotPersistence({ years: input.years.map((w) => `${w.from}:${w.to}`), classes: yearly })
    : null;
  const gi: GiRow[] = base.map((g, i) => ({ ...g, persistence: persistence?.status[i] ?? 'none', hotYears: persistence?.hotYears[i] ?? 0 }));
  const kdeOptions = { bandwidth: options.bandwidth, cellSize: options.cellSize };
  const located = (ps: readonly HotspotPoint[]): number => ps.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat)).length;
  const layers = [{ measure, points }, ...(input.extraLayers ?? [])].filter((l) => located(l.points) >= 2);
  const grid = located(points) ? gridGi(points, lsoas, options.gridCellSize ?? 250, alpha) : null;
  return {
    measure,
    period,
    kde: layers.map((l) => kdeLayer(l.measure, period, l.points, lsoas, kdeOptions)),
    gi,
    alpha,
    years: [...input.years],
    grid: grid && { cellSize: grid.cellSize, cells: grid.cells, hot: grid.hot, cold: grid.cold, hotCells: grid.hotCells },
    giMap: {
      type: 'FeatureCollection',
      features: lsoas.map((l, i) => ({
        type: 'Feature',
        properties: { lsoa: l.code, class: gi[i]!.class, z: gi[i]!.z, count: gi[i]!.count },
        geometry: l.geometry,
      })),
    },
  };
}
