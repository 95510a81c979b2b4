import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { cspError } from '../errors.ts';
import type { AreaFeature } from './boundaries-read.ts';

/**
 * One feature's edges, bucketed by horizontal strips of its bounding box (a "slab" index).
 * Edges are normalised so y1 < y2 (horizontal edges dropped), stored as [y1, y2, x1, dx/dy].
 * Normalising the direction makes an edge shared by two areas evaluate bit-identically in both,
 * which is what makes the half-open crossing rule put a boundary point in exactly one area.
 */
interface FeatureEdges {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  strips: number;
  invStripH: number;
  /** CSR offsets into `edges` (in edges, not floats), length strips + 1. */
  offsets: Int32Array;
  /** 4 floats per edge: y1, y2, x1, dxdy. */
  edges: Float64Array;
}

export interface AreaIndex {
  /** Number of features indexed. */
  readonly size: number;
  /** Feature codes, in input order. */
  readonly codes: readonly string[];
  /** Code of the area containing (lon, lat), or null. */
  locate(lon: number, lat: number): string | null;
  /** Feature index of the area containing (x, y), or -1. */
  locateIndex(x: number, y: number): number;
  /** Feature index per point (-1 where none or where a coordinate is not finite). */
  locateMany(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array;
  /** Code per point (null where none). */
  locateManyCodes(xs: ArrayLike<number>, ys: ArrayLike<number>): (string | null)[];
  /** Whether feature `i` contains (x, y) by the half-open even-odd rule used throughout. */
  contains(i: number, x: number, y: number): boolean;
}

export interface PointInAreaInput {
  features: readonly AreaFeature[];
  /** Longitudes (or x in the features' coordinates). */
  xs: ArrayLike<number>;
  /** Latitudes (or y in the features' coordinates). */
  ys: ArrayLike<number>;
}

export interface PointInAreaOptions {
  /** Target mean number of candidate areas per cell of the global lookup grid. Default 4 grid cells per feature. */
  cellsPerFeature?: number;
  /** Target mean number of edges per strip in each feature's strip index. Default 4. */
  edgesPerStrip?: number;
}

export interface PointInAreaResult {
  /** Index into `features` per point, -1 for none. */
  indices: Int32Array;
  /** Area code per point, null for none. */
  codes: (string | null)[];
  /** Points located in no area (outside all, or non-finite coordinates). */
  unmatched: number;
}

const defaults: Required<PointInAreaOptions> = { cellsPerFeature: 4, edgesPerStrip: 4 };

function normalisePointInAreaOptions(options: PointInAreaOptions | undefined): Readonly<Required<PointInAreaOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  for (const k of ['cellsPerFeature', 'edgesPerStrip'] as const) {
    if (!(Number.isFinite(o[k]) && o[k] > 0)) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `options.${k} must be a positive number`);
  }
  return o;
}

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function buildFeatureEdges(g: Polygon | MultiPolygon, edgesPerStrip: number): FeatureEdges {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const raw: number[] = [];
  for (const ring of ringsOf(g)) {
    const n = ring.length;
    for (let k = 0; k < n; k++) {
      const p = ring[k] as Position;
      const x = p[0] as number, y = p[1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      // Close the ring implicitly: edge from the last position to the first is a no-op when closed.
      const q = ring[(k + 1) % n] as Position;
      let x1 = x, y1 = y, x2 = q[0] as number, y2 = q[1] as number;
      if (y1 === y2) continue; // horizontal edges never cross a horizontal ray under the half-open rule
      if (y1 > y2) { const tx = x1; x1 = x2; x2 = tx; const ty = y1; y1 = y2; y2 = ty; }
      raw.push(y1, y2, x1, (x2 - x1) / (y2 - y1));
    }
  }
  const nEdges = raw.length / 4;
  const strips = Math.max(1, Math.min(4096, Math.ceil(nEdges / edgesPerStrip)));
  const h = maxY - minY;
  const invStripH = h > 0 ? strips / h : 0;
  const stripOf = (y: number): number => {
    const s = Math.floor((y - minY) * invStripH);
    return s < 0 ? 0 : s >= strips ? strips - 1 : s;
  };
  const counts = new Int32Array(strips + 1);
  for (let e = 0; e < nEdges; e++) {
    const a = stripOf(raw[4 * e] as number), b = stripOf(raw[4 * e + 1] as number);
    for (let s = a; s <= b; s++) (counts[s + 1] as number)++;
  }
  for (let s = 0; s < strips; s++) counts[s + 1] = (counts[s + 1] as number) + (counts[s] as number);
  const fill = counts.slice(0, strips);
  const edges = new Float64Array(4 * (counts[strips] as number));
  for (let e = 0; e < nEdges; e++) {
    const a = stripOf(raw[4 * e] as number), b = stripOf(raw[4 * e + 1] as number);
    for (let s = a; s <= b; s++) {
      const at = 4 * (fill[s] as number);
      fill[s] = (fill[s] as number) + 1;
      edges[at] = raw[4 * e] as number;
      edges[at + 1] = raw[4 * e + 1] as number;
      edges[at + 2] = raw[4 * e + 2] as number;
      edges[at + 3] = raw[4 * e + 3] as number;
    }
  }
  return { minX, minY, maxX, maxY, strips, invStripH, offsets: counts, edges };
}

/**
 * Half-open even-odd crossing test. A ray goes from (x, y) towards +x; an edge with y1 <= y < y2
 * counts when x < its crossing abscissa. Over a partition of the plane into areas whose shared
 * edges have identical vertices, every point (including points on shared edges and vertices) is
 * inside exactly one area: points on an edge belong to the area on its +x side (or +y side for
 * horizontal edges).
 */
function featureContains(f: FeatureEdges, x: number, y: number): boolean {
  if (x < f.minX || x > f.maxX || y < f.minY || y > f.maxY) return false;
  let s = Math.floor((y - f.minY) * f.invStripH);
  if (s >= f.strips) s = f.strips - 1;
  if (s < 0) s = 0;
  const edges = f.edges;
  const end = 4 * (f.offsets[s + 1] as number);
  let inside = false;
  for (let k = 4 * (f.offsets[s] as number); k < end; k += 4) {
    const y1 = edges[k] as number;
    if (y < y1 || y >= (edges[k + 1] as number)) continue;
    if (x < (edges[k + 2] as number) + (y - y1) * (edges[k + 3] as number)) inside = !inside;
  }
  return inside;
}

/**
 * Builds a reusable point-in-area index over `features` (built once, queried many times).
 *
 * Method: a Flatbush R-tree over feature bounding boxes fills a uniform lookup grid (about
 * `cellsPerFeature` cells per feature) with the ascending indices of the features whose boxes meet
 * each cell; each feature's edges are held in Float64Arrays bucketed by horizontal strips, so a test
 * reads only the few edges in the point's strip. A point is assigned to the lowest-index feature
 * that contains it by the half-open even-odd crossing rule ({@link featureContains}): holes and
 * multipolygons are handled by the even-odd count, and a point on an edge shared by two areas goes
 * to exactly one of them. Coordinates are planar (lon/lat treated as a plane, which is exact for
 * straight-edged GeoJSON as drawn and fine for UK areas; the antimeridian is not handled).
 *
 * Assumptions: neighbouring areas share identical edge vertices (true of ONS generalised
 * boundaries); where they overlap, the lowest feature index wins; where there is a gap, null.
 *
 * Bibliography: Haines E. (1994) Point in polygon strategies, Graphics Gems IV, 24-46,
 * doi:10.1016/B978-0-12-336156-1.50013-6; Hormann K., Agathos A. (2001) The point in polygon
 * problem for arbitrary polygons, Computational Geometry 20(3), 131-144,
 * doi:10.1016/S0925-7721(01)00012-8.
 *
 * @example
 * const index = buildAreaIndex(areas);
 * index.locate(-2.1582, 53.4084); // 'E01005...' or null
 */
export function buildAreaIndex(features: readonly AreaFeature[], options?: PointInAreaOptions): AreaIndex {
  const o = normalisePointInAreaOptions(options);
  if (!Array.isArray(features) || features.length === 0) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'features must be a non-empty array of areas');
  }
  const n = features.length;
  const fe: FeatureEdges[] = new Array(n);
  const codes: string[] = new Array(n);
  let gx0 = Infinity, gy0 = Infinity, gx1 = -Infinity, gy1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const f = features[i] as AreaFeature;
    if (!f || !f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `features[${i}] has no Polygon or MultiPolygon geometry`);
    }
    const e = buildFeatureEdges(f.geometry, o.edgesPerStrip);
    if (!Number.isFinite(e.minX) || !Number.isFinite(e.maxY)) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `features[${i}] (${f.code}) has no finite coordinates`);
    }
    fe[i] = e;
    codes[i] = f.code;
    gx0 = Math.min(gx0, e.minX); gy0 = Math.min(gy0, e.minY);
    gx1 = Math.max(gx1, e.maxX); gy1 = Math.max(gy1, e.maxY);
  }
  const tree = new Flatbush(n);
  for (const e of fe) tree.add(e.minX, e.minY, e.maxX, e.maxY);
  tree.finish();

  // Uniform lookup grid over the union of boxes, cells roughly square.
  const w = Math.max(gx1 - gx0, 1e-12), h = Math.max(gy1 - gy0, 1e-12);
  const cells = Math.max(1, Math.round(n * o.cellsPerFeature));
  const nx = Math.max(1, Math.min(4096, Math.round(Math.sqrt((cells * w) / h))));
  const ny = Math.max(1, Math.min(4096, Math.round(cells / nx)));
  const cw = w / nx, ch = h / ny;
  const invCw = 1 / cw, invCh = 1 / ch;
  const margin = 1e-9 * Math.max(w, h, 1);
  const lists: number[][] = new Array(nx * ny);
  let total = 0;
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const x0 = gx0 + cx * cw, y0 = gy0 + cy * ch;
      // Margin covers rounding in the point-to-cell arithmetic; extra candidates are harmless.
      const hits = tree.search(x0 - margin, y0 - margin, x0 + cw + margin, y0 + ch + margin).sort((a, b) => a - b);
      lists[cy * nx + cx] = hits;
      total += hits.length;
    }
  }
  const cellOffsets = new Int32Array(nx * ny + 1);
  const cellItems = new Int32Array(total);
  let at = 0;
  for (let c = 0; c < nx * ny; c++) {
    cellOffsets[c] = at;
    for (const v of lists[c] as number[]) cellItems[at++] = v;
  }
  cellOffsets[nx * ny] = at;

  const locateIndex = (x: number, y: number): number => {
    if (!(x >= gx0 && x <= gx1 && y >= gy0 && y <= gy1)) return -1; // also rejects NaN
    let cx = Math.floor((x - gx0) * invCw);
    let cy = Math.floor((y - gy0) * invCh);
    if (cx >= nx) cx = nx - 1;
    if (cy >= ny) cy = ny - 1;
    const c = cy * nx + cx;
    const end = cellOffsets[c + 1] as number;
    for (let k = cellOffsets[c] as number; k < end; k++) {
      const i = cellItems[k] as number;
      if (featureContains(fe[i] as FeatureEdges, x, y)) return i;
    }
    return -1;
  };

  const locateMany = (xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array => {
    if (!xs || !ys || xs.length !== ys.length) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'xs and ys must be arrays of the same length');
    }
    const out = new Int32Array(xs.length);
    for (let p = 0; p < xs.length; p++) out[p] = locateIndex(xs[p] as number, ys[p] as number);
    return out;
  };

  return {
    size: n,
    codes,
    locateIndex,
    locate(lon: number, lat: number): string | null {
      const i = locateIndex(lon, lat);
      return i < 0 ? null : (codes[i] as string);
    },
    locateMany,
    locateManyCodes(xs: ArrayLike<number>, ys: ArrayLike<number>): (string | null)[] {
      return Array.from(locateMany(xs, ys), (i) => (i < 0 ? null : (codes[i] as string)));
    },
    contains(i: number, x: number, y: number): boolean {
      const f = fe[i];
      if (!f) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `feature index ${i} is out of range`);
      return featureContains(f, x, y);
    },
  };
}

/**
 * Locates points in areas: builds an {@link AreaIndex} and queries it once. Build the index
 * yourself with {@link buildAreaIndex} when querying repeatedly.
 *
 * Method, assumptions and bibliography: see {@link buildAreaIndex}.
 *
 * @example
 * const { codes } = pointInArea({ features: areas, xs: [-2.1582], ys: [53.4084] });
 */
export function pointInArea(input: PointInAreaInput, options?: PointInAreaOptions): PointInAreaResult {
  if (!input || typeof input !== 'object') throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'input is required');
  const index = buildAreaIndex(input.features, options);
  const indices = index.locateMany(input.xs, input.ys);
  let unmatched = 0;
  const codes = Array.from(indices, (i) => {
    if (i < 0) { unmatched++; return null; }
    return index.codes[i] as string;
  });
  return { indices, codes, unmatched };
}
