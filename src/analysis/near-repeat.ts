import { cspError } from '../errors.ts';
import { mulberry32 } from './spatial/random.ts';

export interface NearRepeatInput {
  /** Eastings in metres (BNG). */
  xs: ArrayLike<number>;
  /** Northings in metres (BNG). */
  ys: ArrayLike<number>;
  /** Day of each incident as an integer day number (e.g. days since 1970-01-01). */
  days: ArrayLike<number>;
}

export interface NearRepeatOptions {
  /** Distance band breaks in metres, ascending from 0. Default [0, 200, 400, 600, 800, 1000]. */
  distanceBands?: readonly number[];
  /** Time band breaks in days, ascending integers from 0. Default [0, 7, 14, 21, 28]. */
  timeBands?: readonly number[];
  /** Monte Carlo permutations of the dates. Default 999. */
  permutations?: number;
  /** Seed of the permutation generator (mulberry32). Default 1. */
  seed?: number;
}

/** A band [from, to]: the first band includes `from` (0), later bands exclude it (from, to]. */
export interface NearRepeatBand {
  from: number;
  to: number;
}

export interface NearRepeatCell {
  /** Pairs of incidents within this distance band and this time band of each other. */
  observed: number;
  /** Mean of the pairs over the permutations. */
  expected: number;
  /** observed / expected (null when expected is 0). */
  knoxRatio: number | null;
  /** One-sided Monte Carlo p of an excess: (#{permuted >= observed} + 1) / (permutations + 1). */
  p: number;
}

export interface NearRepeatResult {
  distanceBands: NearRepeatBand[];
  timeBands: NearRepeatBand[];
  /** cells[d][t]: distance band d (rows), time band t (columns). */
  cells: NearRepeatCell[][];
  /** Incidents used (with finite coordinates and day). */
  incidents: number;
  /** Incidents left out for a non-finite coordinate or day. */
  skipped: number;
  options: Readonly<Required<NearRepeatOptions>>;
}

const defaults: Required<NearRepeatOptions> = { distanceBands: [0, 200, 400, 600, 800, 1000], timeBands: [0, 7, 14, 21, 28], permutations: 999, seed: 1 };

function checkBreaks(breaks: readonly number[], name: string, integer: boolean): void {
  if (!Array.isArray(breaks) || breaks.length < 2 || breaks[0] !== 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.${name} must start at 0 and hold at least two breaks`);
  for (let k = 1; k < breaks.length; k++) {
    const b = breaks[k]!;
    if (!(Number.isFinite(b) && b > breaks[k - 1]!) || (integer && !Number.isInteger(b))) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.${name} must be ascending${integer ? ' whole numbers' : ''}: ${breaks.join(', ')}`);
    }
  }
}

export function normaliseNearRepeatOptions(options: NearRepeatOptions | undefined): Readonly<Required<NearRepeatOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  checkBreaks(o.distanceBands, 'distanceBands', false);
  checkBreaks(o.timeBands, 'timeBands', true);
  if (!(Number.isInteger(o.permutations) && o.permutations >= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.permutations must be a positive integer: ${o.permutations}`);
  if (!Number.isInteger(o.seed)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.seed must be an integer: ${o.seed}`);
  return Object.freeze({ ...o, distanceBands: [...o.distanceBands], timeBands: [...o.timeBands] });
}

const bandsOf = (breaks: readonly number[]): NearRepeatBand[] => breaks.slice(1).map((to, k) => ({ from: breaks[k]!, to }));

/** Points bucketed into square cells of the largest distance, with each occupied cell's forward neighbours. */
interface CellIndex {
  /** Compact cell of each point. */
  cellOf: Int32Array;
  /** Points per cell, prefix sums: cell c holds slots start[c] .. start[c+1]-1. */
  start: Int32Array;
  /** For cell c, neighbour cells (itself first, then up to 4 forward ones) at nbStart[c] .. nbStart[c+1]-1. */
  nbStart: Int32Array;
  nb: Int32Array;
}

function cellIndex(xs: Float64Array, ys: Float64Array, size: number): CellIndex {
  const n = xs.length;
  let minX = Infinity, minY = Infinity;
  for (let i = 0; i < n; i++) { minX = Math.min(minX, xs[i]!); minY = Math.min(minY, ys[i]!); }
  const key = (cx: number, cy: number): number => cx * 4194304 + cy;
  const ids = new Map<number, number>();
  const cxs: number[] = [], cys: number[] = [];
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((xs[i]! - minX) / size), cy = Math.floor((ys[i]! - minY) / size);
    if (cy >= 4194304) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'incidents spread too far for the distance bands');
    const k = key(cx, cy);
    let c = ids.get(k);
    if (c === undefined) { c = cxs.length; ids.set(k, c); cxs.push(cx); cys.push(cy); }
    cellOf[i] = c;
  }
  const m = cxs.length;
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) start[cellOf[i]! + 1]!++;
  for (let c = 0; c < m; c++) start[c + 1]! += start[c]!;
  const nbStart = new Int32Array(m + 1);
  const nb: number[] = [];
  // Self, then east, north-west, north, north-east: each unordered pair of cells is visited once.
  const forward = [[1, 0], [-1, 1], [0, 1], [1, 1]] as const;
  for (let c = 0; c < m; c++) {
    nb.push(c);
    for (const [dx, dy] of forward) {
      const d = ids.get(key(cxs[c]! + dx, cys[c]! + dy));
      if (d !== undefined) nb.push(d);
    }
    nbStart[c + 1] = nb.length;
  }
  return { cellOf, start, nbStart, nb: Int32Array.from(nb) };
}

/**
 * Pair counts per (distance band, day apart) when the k-th earliest day goes to point order[k]:
 * `hist[db * (maxT + 1) + |Δdays|]`; pairs beyond the last distance band are not counted. Points are
 * placed in their cells in that order, so each cell's list is sorted by day, with its coordinates
 * copied beside it (the inner loop reads three arrays in step, no indirection), and pairs are found by
 * a sliding time window over each cell and its forward neighbours.
 */
function countPairs(
  order: Int32Array,
  sortedDays: Int32Array,
  x: Float64Array,
  y: Float64Array,
  index: CellIndex,
  d2: Float64Array,
  maxT: number,
  hist: Int32Array,
  scratch: { fill: Int32Array; px: Float64Array; py: Float64Array; t: Int32Array },
): void {
  const { start, nbStart, nb, cellOf } = index;
  const { fill, px, py, t } = scratch;
  const m = start.length - 1;
  const nd = d2.length;
  const maxD2 = d2[nd - 1]!;
  const stride = maxT + 1;
  fill.set(start.subarray(0, m));
  for (let k = 0; k < order.length; k++) {
    const s = order[k]!;
    const p = fill[cellOf[s]!]!++;
    px[p] = x[s]!; py[p] = y[s]!; t[p] = sortedDays[k]!;
  }
  hist.fill(0);
  for (let c = 0; c < m; c++) {
    const a0 = start[c]!, a1 = start[c + 1]!;
    // Pairs within the cell: each once, later in day order.
    for (let a = a0; a < a1; a++) {
      const ta = t[a]!, xa = px[a]!, ya = py[a]!;
      for (let b = a + 1; b < a1; b++) {
        const dt = t[b]! - ta;
        if (dt > maxT) break;
        const ex = px[b]! - xa, ey = py[b]! - ya;
        const dd = ex * ex + ey * ey;
        if (dd > maxD2) continue;
        let db = 0;
        while (dd > d2[db]!) db++;
        hist[db * stride + dt]!++;
      }
    }
    // Pairs with each forward neighbour cell: a window of days either side.
    for (let q = nbStart[c]! + 1; q < nbStart[c + 1]!; q++) {
      const o = nb[q]!;
      const b1 = start[o + 1]!;
      let lo = start[o]!;
      for (let a = a0; a < a1; a++) {
        const ta = t[a]!, xa = px[a]!, ya = py[a]!;
        const from = ta - maxT, to = ta + maxT;
        while (lo < b1 && t[lo]! < from) lo++;
        for (let b = lo; b < b1; b++) {
          const tb = t[b]!;
          if (tb > to) break;
          const ex = px[b]! - xa, ey = py[b]! - ya;
          const dd = ex * ex + ey * ey;
          if (dd > maxD2) continue;
          let db = 0;
          while (dd > d2[db]!) db++;
          hist[db * stride + (tb < ta ? ta - tb : tb - ta)]!++;
        }
      }
    }
  }
}

/** Folds the (distance band, day apart) histogram into (distance band, time band) cells. */
function foldHistogram(hist: Int32Array, nd: number, maxT: number, timeBandOf: Int8Array, nt: number, out: Float64Array): void {
  out.fill(0);
  const stride = maxT + 1;
  for (let d = 0; d < nd; d++) for (let dt = 0; dt <= maxT; dt++) out[d * nt + timeBandOf[dt]!]! += hist[d * stride + dt]!;
}

/**
 * Near-repeat analysis: the Knox test of space-time interaction over distance and time bands, with
 * Monte Carlo inference by permuting the dates among the incidents (Ratcliffe's Near Repeat
 * Calculator method).
 *
 * Method: for every pair of incidents, Euclidean distance d (metres) and |Δdays|; a pair is counted
 * in distance band k when b_{k−1} < d ≤ b_k (the first band is 0 ≤ d ≤ b_1) and likewise for days
 * (so with the defaults, 0-7, 8-14, 15-21, 22-28 days). Pairs beyond the last bands are not
 * counted. Under the null of no space-time interaction any assignment of the observed dates to the
 * observed places is equally likely: each permutation shuffles the dates (Fisher-Yates, mulberry32),
 * expected = the mean permuted count, Knox ratio = observed / expected, and p = (#{permuted ≥
 * observed} + 1) / (R + 1), one-sided for an excess of close pairs. Pairs are found with a grid of
 * cells as wide as the largest distance and a sliding window over each cell's incidents in day order,
 * so the work grows with the pairs close in both space and time, not with all n² pairs.
 *
 * Assumptions: dates are exact to the day (a range of possible dates, as for burglaries found after
 * a weekend, blurs the first time band); incidents repeated at exactly one address count as 0 m
 * pairs; the p-values of the cells are not adjusted for the number of cells tested.
 *
 * Bibliography: Knox G. (1964) The detection of space-time interactions, Applied Statistics 13(1),
 * 25-30, doi:10.2307/2985220; Johnson S.D., Bowers K.J. et al. (2007) Space-time patterns of risk:
 * a cross national assessment of residential burglary victimization, J. Quantitative Criminology
 * 23, 201-219, doi:10.1007/s10940-007-9025-3; Ratcliffe J.H. (2009) Near Repeat Calculator
 * (version 1.3), Temple University and the National Institute of Justice.
 *
 * @param input `{xs, ys, days}` in metres and integer days.
 * @param options `distanceBands` ([0, 200, …, 1000]), `timeBands` ([0, 7, 14, 21, 28]), `permutations` (999), `seed` (1).
 * @example
 * const r = nearRepeat({ xs, ys, days });
 * r.cells[0][0]; // {observed, expected, knoxRatio, p} for 0-200 m and 0-7 days
 */
export function nearRepeat(input: NearRepeatInput, options?: NearRepeatOptions): NearRepeatResult {
  const o = normaliseNearRepeatOptions(options);
  if (!input || !input.xs || !input.ys || !input.days || input.xs.length !== input.ys.length || input.xs.length !== input.days.length) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.xs, input.ys and input.days must be arrays of the same length');
  }
  const keep: number[] = [];
  for (let i = 0; i < input.xs.length; i++) {
    const day = input.days[i] as number;
    if (Number.isFinite(input.xs[i] as number) && Number.isFinite(input.ys[i] as number) && Number.isFinite(day)) {
      if (!Number.isInteger(day)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.days[${i}] must be a whole day number: ${day}`);
      keep.push(i);
    }
  }
  const n = keep.length;
  const xs = Float64Array.from(keep, (i) => input.xs[i] as number);
  const ys = Float64Array.from(keep, (i) => input.ys[i] as number);
  const days = Float64Array.from(keep, (i) => input.days[i] as number);
  const dBreaks = o.distanceBands, tBreaks = o.timeBands;
  const nd = dBreaks.length - 1, nt = tBreaks.length - 1;
  const d2 = Float64Array.from(dBreaks.slice(1), (b) => b * b);
  const maxT = tBreaks[nt]!;
  const timeBandOf = new Int8Array(maxT + 1);
  for (let dt = 0, k = 0; dt <= maxT; dt++) { while (dt > tBreaks[k + 1]!) k++; timeBandOf[dt] = k; }

  const observed = new Float64Array(nd * nt);
  const sums = new Float64Array(nd * nt);
  const atLeast = new Float64Array(nd * nt);
  if (n >= 2) {
    const byPoint = cellIndex(xs, ys, dBreaks[nd]!);
    // Renumber points cell by cell (slots): slot order keeps each cell's points together in memory.
    const slotOf = new Int32Array(n), fill = byPoint.start.slice(0, -1);
    for (let i = 0; i < n; i++) slotOf[i] = fill[byPoint.cellOf[i]!]!++;
    const x = new Float64Array(n), y = new Float64Array(n), slotDays = new Int32Array(n), cellOf = new Int32Array(n);
    for (let i = 0; i < n; i++) { const s = slotOf[i]!; x[s] = xs[i]!; y[s] = ys[i]!; slotDays[s] = days[i]!; cellOf[s] = byPoint.cellOf[i]!; }
    const index: CellIndex = { ...byPoint, cellOf };
    const scratch = { fill: new Int32Array(index.start.length), px: new Float64Array(n), py: new Float64Array(n), t: new Int32Array(n) };
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => slotDays[a]! - slotDays[b]! || a - b);
    const sortedDays = Int32Array.from(order, (s) => slotDays[s]!);
    const hist = new Int32Array(nd * (maxT + 1));
    countPairs(order, sortedDays, x, y, index, d2, maxT, hist, scratch);
    foldHistogram(hist, nd, maxT, timeBandOf, nt, observed);
    const rand = mulberry32(o.seed);
    const sim = new Float64Array(nd * nt);
    for (let r = 0; r < o.permutations; r++) {
      for (let k = n - 1; k > 0; k--) {
        const j = Math.floor(rand() * (k + 1));
        const v = order[k]!; order[k] = order[j]!; order[j] = v;
      }
      countPairs(order, sortedDays, x, y, index, d2, maxT, hist, scratch);
      foldHistogram(hist, nd, maxT, timeBandOf, nt, sim);
      for (let c = 0; c < sim.length; c++) {
        sums[c]! += sim[c]!;
        if (sim[c]! >= observed[c]!) atLeast[c]!++;
      }
    }
  } else {
    atLeast.fill(o.permutations);
  }
  const cells: NearRepeatCell[][] = [];
  for (let d = 0; d < nd; d++) {
    const row: NearRepeatCell[] = [];
    for (let t = 0; t < nt; t++) {
      const c = d * nt + t;
      const expected = sums[c]! / o.permutations;
      row.push({ observed: observed[c]!, expected, knoxRatio: expected > 0 ? observed[c]! / expected : null, p: (atLeast[c]! + 1) / (o.permutations + 1) });
    }
    cells.push(row);
  }
  return { distanceBands: bandsOf(dBreaks), timeBands: bandsOf(tBreaks), cells, incidents: n, skipped: input.xs.length - n, options: o };
}
