import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { cspError } from '../../errors.ts';
import { toBngMany } from '../../geography/projection.ts';

/** Neighbour lists: `neighbours[i]` holds the ascending indices of area i's neighbours (never i itself). */
export type Neighbours = number[][];

export type ContiguityRule = 'queen' | 'rook';

export interface ContiguityInput {
  /** Areas' polygons, in WGS84 lon/lat (`coordinates: 'wgs84'`) or planar metres (`'metres'`). */
  features: ReadonlyArray<{ code?: string; geometry: Polygon | MultiPolygon }>;
}

export interface ContiguityOptions {
  /** `'queen'`: areas sharing at least a vertex; `'rook'`: sharing at least an edge. Default `'queen'`. */
  rule?: ContiguityRule;
  /** Vertices closer than this many metres are the same vertex. Default 1. */
  tolerance?: number;
  /** `'wgs84'` (lon/lat, projected to BNG metres first) or `'metres'` (already planar metres). Default `'wgs84'`. */
  coordinates?: 'wgs84' | 'metres';
}

export interface ContiguityResult {
  neighbours: Neighbours;
  /** Indices of areas with no neighbour. */
  islands: number[];
  /** Total number of (directed) neighbour links: Σ |neighbours[i]|. */
  links: number;
}

const defaults: Required<ContiguityOptions> = { rule: 'queen', tolerance: 1, coordinates: 'wgs84' };

function normaliseContiguityOptions(options: ContiguityOptions | undefined): Readonly<Required<ContiguityOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  if (o.rule !== 'queen' && o.rule !== 'rook') throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.rule must be 'queen' or 'rook': ${String(o.rule)}`);
  if (!(Number.isFinite(o.tolerance) && o.tolerance > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.tolerance must be a positive number of metres: ${o.tolerance}`);
  if (o.coordinates !== 'wgs84' && o.coordinates !== 'metres') {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.coordinates must be 'wgs84' or 'metres': ${String(o.coordinates)}`);
  }
  return o;
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] as number;
  while (parent[i] !== r) { const next = parent[i] as number; parent[i] = r; i = next; }
  return r;
}

function finishLists(sets: Set<number>[]): ContiguityResult {
  const neighbours = sets.map((s) => Array.from(s).sort((a, b) => a - b));
  const islands: number[] = [];
  let links = 0;
  neighbours.forEach((l, i) => { if (l.length === 0) islands.push(i); links += l.length; });
  return { neighbours, islands, links };
}

/**
 * Queen or rook contiguity between areas, as neighbour lists (binary, symmetric weights).
 *
 * Method: every ring vertex is projected to BNG metres (proj4, see projection.ts), vertices within
 * `tolerance` metres are merged (hash grid of tolerance-sized cells, 3 × 3 look-up, union-find), and
 * then two areas are queen neighbours when they share a merged vertex, rook neighbours when they
 * share an edge (two consecutive merged vertices in both). Tolerance in metres rather than degrees
 * because a degree of longitude is ~0.6 of a degree of latitude at UK latitudes.
 *
 * Assumptions: neighbouring boundaries share vertices (ONS generalised boundaries do, up to
 * rounding); a "T-junction" (a vertex of one area in the middle of its neighbour's edge) makes a
 * queen link only through shared vertices and no rook link. Areas touching only across a river or
 * gap wider than `tolerance` are not neighbours: check `islands`.
 *
 * Bibliography: Anselin L. (1988) Spatial Econometrics: Methods and Models,
 * doi:10.1007/978-94-015-7799-1; Getis A., Aldstadt J. (2004) Constructing the spatial weights
 * matrix using a local statistic, Geographical Analysis 36(2), 90-104,
 * doi:10.1111/j.1538-4632.2004.tb01127.x.
 *
 * @example
 * const { neighbours } = contiguity({ features: areas }, { rule: 'queen' });
 */
export function contiguity(input: ContiguityInput, options?: ContiguityOptions): ContiguityResult {
  const o = normaliseContiguityOptions(options);
  if (!input || !Array.isArray(input.features)) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.features must be an array of areas');
  const features = input.features;
  const nf = features.length;
  // Collect vertices (closing duplicates dropped) and ring starts.
  const vx: number[] = [], vy: number[] = [], vf: number[] = [];
  const ringStart: number[] = [];
  features.forEach((f, i) => {
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.features[${i}] has no Polygon or MultiPolygon geometry`);
    }
    const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const ring of rings) {
      let m = ring.length;
      const first = ring[0], last = ring[m - 1];
      if (m > 1 && first && last && first[0] === last[0] && first[1] === last[1]) m--;
      ringStart.push(vx.length);
      for (let k = 0; k < m; k++) {
        const p = ring[k] as Position;
        vx.push(p[0] as number); vy.push(p[1] as number); vf.push(i);
      }
    }
  });
  ringStart.push(vx.length);
  const nv = vx.length;
  let xs: ArrayLike<number> = vx, ys: ArrayLike<number> = vy;
  if (o.coordinates === 'wgs84') {
    const p = toBngMany(vx, vy);
    xs = p.xs; ys = p.ys;
  }
  // Merge vertices within tolerance.
  const tol = o.tolerance, tol2 = tol * tol;
  const parent = new Int32Array(nv);
  for (let i = 0; i < nv; i++) parent[i] = i;
  const buckets = new Map<number, number[]>();
  const KEY = 2 ** 26;
  const keyOf = (kx: number, ky: number): number => kx * KEY + ky;
  let minX = Infinity, minY = Infinity;
  for (let i = 0; i < nv; i++) {
    const x = xs[i] as number, y = ys[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.features[${vf[i]}] has a vertex that cannot be projected`);
    if (x < minX) minX = x;
    if (y < minY) minY = y;
  }
  const kxs = new Float64Array(nv), kys = new Float64Array(nv);
  for (let i = 0; i < nv; i++) {
    const kx = Math.floor(((xs[i] as number) - minX) / tol) + 1, ky = Math.floor(((ys[i] as number) - minY) / tol) + 1;
    if (kx >= KEY - 1 || ky >= KEY - 1) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.tolerance ${tol} is too small for the extent of the areas`);
    kxs[i] = kx; kys[i] = ky;
    const key = keyOf(kx, ky);
    const b = buckets.get(key);
    if (b) b.push(i); else buckets.set(key, [i]);
  }
  for (let i = 0; i < nv; i++) {
    const kx = kxs[i] as number, ky = kys[i] as number;
    const x = xs[i] as number, y = ys[i] as number;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const b = buckets.get(keyOf(kx + dx, ky + dy));
        if (!b) continue;
        for (const j of b) {
          if (j <= i) continue;
          const ex = (xs[j] as number) - x, ey = (ys[j] as number) - y;
          if (ex * ex + ey * ey <= tol2) {
            const ri = find(parent, i), rj = find(parent, j);
            if (ri !== rj) parent[ri < rj ? rj : ri] = ri < rj ? ri : rj;
          }
        }
      }
    }
  }
  const cluster = new Int32Array(nv);
  for (let i = 0; i < nv; i++) cluster[i] = find(parent, i);

  const sets: Set<number>[] = Array.from({ length: nf }, () => new Set<number>());
  const link = (members: number[]): void => {
    if (members.length < 2) return;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const fa = members[a] as number, fb = members[b] as number;
        if (fa !== fb) { (sets[fa] as Set<number>).add(fb); (sets[fb] as Set<number>).add(fa); }
      }
    }
  };
  if (o.rule === 'queen') {
    const byCluster = new Map<number, number[]>();
    for (let i = 0; i < nv; i++) {
      const c = cluster[i] as number;
      const l = byCluster.get(c);
      if (l) { if (!l.includes(vf[i] as number)) l.push(vf[i] as number); } else byCluster.set(c, [vf[i] as number]);
    }
    for (const members of byCluster.values()) link(members);
  } else {
    const byEdge = new Map<number, number[]>();
    for (let r = 0; r + 1 < ringStart.length; r++) {
      const s = ringStart[r] as number, e = ringStart[r + 1] as number;
      for (let k = s; k < e; k++) {
        const a = cluster[k] as number, b = cluster[k + 1 < e ? k + 1 : s] as number;
        if (a === b) continue;
        const key = a < b ? a * nv + b : b * nv + a;
        const f = vf[k] as number;
        const l = byEdge.get(key);
        if (l) { if (!l.includes(f)) l.push(f); } else byEdge.set(key, [f]);
      }
    }
    for (const members of byEdge.values()) link(members);
  }
  return finishLists(sets);
}

export interface GridContiguityOptions {
  /** Default `'queen'` (8 neighbours inside the grid), `'rook'` (4). */
  rule?: ContiguityRule;
}

/**
 * Contiguity of a regular grid of `width` × `height` cells indexed row-major
 * (`index = row * width + col`): queen (8 neighbours) or rook (4). Edge cells have fewer.
 *
 * @example
 * gridContiguity(3, 3).neighbours[4]; // [0, 1, 2, 3, 5, 6, 7, 8]
 */
export function gridContiguity(width: number, height: number, options?: GridContiguityOptions): ContiguityResult {
  if (!(Number.isInteger(width) && width > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `width must be a positive integer: ${width}`);
  if (!(Number.isInteger(height) && height > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `height must be a positive integer: ${height}`);
  const rule = options?.rule ?? 'queen';
  if (rule !== 'queen' && rule !== 'rook') throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.rule must be 'queen' or 'rook': ${String(rule)}`);
  const neighbours: Neighbours = new Array(width * height);
  const islands: number[] = [];
  let links = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const l: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if (cc < 0 || cc >= width || (dr === 0 && dc === 0)) continue;
          if (rule === 'rook' && dr !== 0 && dc !== 0) continue;
          l.push(rr * width + cc);
        }
      }
      neighbours[r * width + c] = l;
      if (l.length === 0) islands.push(r * width + c);
      links += l.length;
    }
  }
  return { neighbours, islands, links };
}

export interface DistanceBandInput {
  /** Planar x (m), e.g. BNG eastings of area centroids. */
  xs: ArrayLike<number>;
  /** Planar y (m). */
  ys: ArrayLike<number>;
}

export interface DistanceBandOptions {
  /** Points within this distance (m, inclusive) are neighbours. Required. */
  threshold: number;
}

/**
 * Distance-band weights: binary, symmetric; i and j are neighbours when their points are within
 * `threshold` metres (Flatbush k-nearest search bounded by distance).
 *
 * @example
 * distanceBand({ xs, ys }, { threshold: 500 }).neighbours;
 */
export function distanceBand(input: DistanceBandInput, options: DistanceBandOptions): ContiguityResult {
  if (!input || !input.xs || !input.ys || input.xs.length !== input.ys.length) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.xs and input.ys must be arrays of the same length');
  }
  const threshold = options?.threshold;
  if (!(Number.isFinite(threshold) && threshold > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.threshold must be a positive number of metres: ${threshold}`);
  const n = input.xs.length;
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  if (n === 0) return { neighbours: [], islands: [], links: 0 };
  const tree = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const x = input.xs[i] as number, y = input.ys[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input point ${i} is not finite`);
    tree.add(x, y, x, y);
  }
  tree.finish();
  for (let i = 0; i < n; i++) {
    const x = input.xs[i] as number, y = input.ys[i] as number;
    for (const j of tree.neighbors(x, y, Infinity, threshold)) {
      if (j !== i) { (sets[i] as Set<number>).add(j); (sets[j] as Set<number>).add(i); }
    }
  }
  return finishLists(sets);
}
