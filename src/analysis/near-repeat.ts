import { cspError } from '../errors.ts';
import { mulberry32At } from './spatial/random.ts';

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

/**
 * What the Monte Carlo permutations need, as plain typed arrays (a worker thread gets a copy).
 * Incidents are numbered cell by cell ("slots") so each cell's incidents sit together in memory.
 */
export interface KnoxSetup {
  /** Incidents used. */
  n: number;
  /** Coordinates by slot. */
  x: Float64Array;
  y: Float64Array;
  /** Cell of each slot; cell c holds slots start[c] .. start[c+1]-1. */
  cellOf: Int32Array;
  start: Int32Array;
  /** For cell c, its forward neighbour cells (east, north-west, north, north-east) at nbStart[c] .. nbStart[c+1]-1. */
  nbStart: Int32Array;
  nb: Int32Array;
  /** The days in ascending order: a permutation gives the k-th to slot order[k]. */
  sortedDays: Int32Array;
  /** The observed order: slots by day. */
  observedOrder: Int32Array;
  /**
   * Squared distance breaks, then +Infinity to at least 8 entries: the band of squared distance dd is
   * the number of entries below dd, and band nd (a spare row) takes the pairs beyond the last break.
   */
  d2: Float64Array;
  /** Largest number of days apart counted. */
  maxT: number;
  /** Time band of each number of days apart, 0 .. maxT. */
  timeBandOf: Int8Array;
  nd: number;
  nt: number;
  seed: number;
}

/** Sums over a run of permutations: per cell (d × nt + t), the permuted counts and how many reached the observed. */
export interface KnoxStats {
  sums: Float64Array;
  atLeast: Float64Array;
}

/** One share of the permutations, as a worker thread receives it. */
export interface KnoxJob {
  setup: KnoxSetup;
  observed: Float64Array;
  from: number;
  to: number;
}

/** Slots numbered cell by cell in square cells of the largest distance, with each occupied cell's forward neighbours. */
function cellIndex(xs: Float64Array, ys: Float64Array, size: number): { cellOf: Int32Array; start: Int32Array; nbStart: Int32Array; nb: Int32Array } {
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
  // East, north-west, north, north-east: with the cell itself, each unordered pair of cells is visited once.
  const forward = [[1, 0], [-1, 1], [0, 1], [1, 1]] as const;
  for (let c = 0; c < m; c++) {
    for (const [dx, dy] of forward) {
      const d = ids.get(key(cxs[c]! + dx, cys[c]! + dy));
      if (d !== undefined) nb.push(d);
    }
    nbStart[c + 1] = nb.length;
  }
  return { cellOf, start, nbStart, nb: Int32Array.from(nb) };
}

/** Distance breaks compared without a loop; more bands step on from the eighth. */
const UNROLLED_BANDS = 8;

/** The incidents with a finite place and day, arranged for counting. */
export function knoxSetup(input: NearRepeatInput, o: Readonly<Required<NearRepeatOptions>>): { setup: KnoxSetup; skipped: number } {
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
  const dBreaks = o.distanceBands, tBreaks = o.timeBands;
  const nd = dBreaks.length - 1, nt = tBreaks.length - 1;
  const d2 = new Float64Array(Math.max(nd + 1, UNROLLED_BANDS)).fill(Infinity);
  dBreaks.slice(1).forEach((b, k) => { d2[k] = b * b; });
  const maxT = tBreaks[nt]!;
  const timeBandOf = new Int8Array(maxT + 1);
  for (let dt = 0, k = 0; dt <= maxT; dt++) { while (dt > tBreaks[k + 1]!) k++; timeBandOf[dt] = k; }
  const index = cellIndex(xs, ys, dBreaks[nd]!);
  const slotOf = new Int32Array(n), fill = index.start.slice(0, -1);
  for (let i = 0; i < n; i++) slotOf[i] = fill[index.cellOf[i]!]!++;
  const x = new Float64Array(n), y = new Float64Array(n), slotDays = new Int32Array(n), cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = slotOf[i]!;
    x[s] = xs[i]!; y[s] = ys[i]!; slotDays[s] = input.days[keep[i]!] as number; cellOf[s] = index.cellOf[i]!;
  }
  const observedOrder = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => slotDays[a]! - slotDays[b]! || a - b);
  const sortedDays = Int32Array.from(observedOrder, (s) => slotDays[s]!);
  const setup: KnoxSetup = {
    n, x, y, cellOf, start: index.start, nbStart: index.nbStart, nb: index.nb, sortedDays, observedOrder,
    d2, maxT, timeBandOf, nd, nt, seed: o.seed,
  };
  return { setup, skipped: input.xs.length - n };
}

interface Scratch {
  fill: Int32Array;
  px: Float64Array;
  py: Float64Array;
  t: Int32Array;
  /** (nd + 1) × (maxT + 1) pair counts by distance band and days apart. */
  hist: Int32Array;
}

const scratchFor = (s: KnoxSetup): Scratch => ({
  fill: new Int32Array(s.start.length), px: new Float64Array(s.n), py: new Float64Array(s.n), t: new Int32Array(s.n), hist: new Int32Array((s.nd + 1) * (s.maxT + 1)),
});

/**
 * Pair counts per (distance band, days apart) when the k-th earliest day goes to slot order[k]:
 * `hist[db * (maxT + 1) + |Δdays|]`, with pairs beyond the last distance band in the spare row nd.
 * Slots are placed in their cells in that order, so each cell's list is sorted by day, with its
 * coordinates copied beside it (the inner loop reads three arrays in step, no indirection), and pairs
 * are found by a sliding time window over each cell and its forward neighbours. The distance band is
 * a sum of comparisons and |Δdays| is taken with bit operations: no unpredictable branch decides
 * where, or whether, a pair is counted.
 */
function countPairs(s: KnoxSetup, order: Int32Array, w: Scratch): void {
  const { start, nbStart, nb, cellOf, x, y, sortedDays, d2, maxT } = s;
  const { fill, px, py, t, hist } = w;
  // The first UNROLLED_BANDS squared breaks (then +Infinity) held in locals for the comparisons.
  const q0 = d2[0]!, q1 = d2[1]!, q2 = d2[2]!, q3 = d2[3]!, q4 = d2[4]!, q5 = d2[5]!, q6 = d2[6]!, q7 = d2[7]!;
  const m = start.length - 1;
  const stride = maxT + 1;
  fill.set(start.subarray(0, m));
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const p = fill[cellOf[i]!]!++;
    px[p] = x[i]!; py[p] = y[i]!; t[p] = sortedDays[k]!;
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
        let db = +(dd > q0) + +(dd > q1) + +(dd > q2) + +(dd > q3) + +(dd > q4) + +(dd > q5) + +(dd > q6) + +(dd > q7);
        if (db === UNROLLED_BANDS) while (dd > d2[db]!) db++;
        hist[db * stride + dt]!++;
      }
    }
    // Pairs with each forward neighbour cell: a window of days either side.
    for (let q = nbStart[c]!; q < nbStart[c + 1]!; q++) {
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
          let db = +(dd > q0) + +(dd > q1) + +(dd > q2) + +(dd > q3) + +(dd > q4) + +(dd > q5) + +(dd > q6) + +(dd > q7);
          if (db === UNROLLED_BANDS) while (dd > d2[db]!) db++;
          const dt = tb - ta, sign = dt >> 31;
          hist[db * stride + ((dt ^ sign) - sign)]!++;
        }
      }
    }
  }
}

/** Folds the (distance band, days apart) histogram into (distance band, time band) cells; the spare row is left out. */
function foldHistogram(s: KnoxSetup, hist: Int32Array, out: Float64Array): void {
  const { nd, nt, maxT, timeBandOf } = s;
  out.fill(0);
  const stride = maxT + 1;
  for (let d = 0; d < nd; d++) for (let dt = 0; dt <= maxT; dt++) out[d * nt + timeBandOf[dt]!]! += hist[d * stride + dt]!;
}

/** The observed counts per cell, and the candidate pairs checked for them (a measure of the work of one permutation). */
export function knoxObserved(s: KnoxSetup): { observed: Float64Array; candidates: number } {
  const observed = new Float64Array(s.nd * s.nt);
  if (s.n < 2) return { observed, candidates: 0 };
  const w = scratchFor(s);
  countPairs(s, s.observedOrder, w);
  foldHistogram(s, w.hist, observed);
  let candidates = 0;
  for (const v of w.hist) candidates += v;
  return { observed, candidates };
}

/**
 * Permutations `from` .. `to` − 1. Permutation r shuffles the slots (Fisher-Yates) from their
 * first order with mulberry32(seed) jumped r × (n − 1) calls on (the calls one shuffle makes): each
 * permutation is fixed by the seed and r alone, whichever run or thread does it.
 */
export function knoxPermutations(s: KnoxSetup, observed: Float64Array, from: number, to: number): KnoxStats {
  const cells = s.nd * s.nt, n = s.n;
  const sums = new Float64Array(cells), atLeast = new Float64Array(cells);
  if (n < 2) {
    atLeast.fill(to - from);
    return { sums, atLeast };
  }
  const w = scratchFor(s);
  const order = new Int32Array(n), sim = new Float64Array(cells);
  for (let r = from; r < to; r++) {
    const rand = mulberry32At(s.seed, r * (n - 1));
    for (let k = 0; k < n; k++) order[k] = k;
    for (let k = n - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      const v = order[k]!; order[k] = order[j]!; order[j] = v;
    }
    countPairs(s, order, w);
    foldHistogram(s, w.hist, sim);
    for (let c = 0; c < cells; c++) {
      sums[c]! += sim[c]!;
      if (sim[c]! >= observed[c]!) atLeast[c]!++;
    }
  }
  return { sums, atLeast };
}

/** The result from the observed counts and the sums over all the permutations. */
export function knoxResult(o: Readonly<Required<NearRepeatOptions>>, incidents: number, skipped: number, observed: Float64Array, stats: KnoxStats): NearRepeatResult {
  const nd = o.distanceBands.length - 1, nt = o.timeBands.length - 1;
  const cells: NearRepeatCell[][] = [];
  for (let d = 0; d < nd; d++) {
    const row: NearRepeatCell[] = [];
    for (let t = 0; t < nt; t++) {
      const c = d * nt + t;
      const expected = stats.sums[c]! / o.permutations;
      row.push({ observed: observed[c]!, expected, knoxRatio: expected > 0 ? observed[c]! / expected : null, p: (stats.atLeast[c]! + 1) / (o.permutations + 1) });
    }
    cells.push(row);
  }
  return { distanceBands: bandsOf(o.distanceBands), timeBands: bandsOf(o.timeBands), cells, incidents, skipped, options: o };
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
 * observed places is equally likely: each permutation shuffles the dates (Fisher-Yates, mulberry32;
 * permutation r draws from its own place in the seeded stream, so `nearRepeatThreaded` gives the
 * same result on any number of threads),
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
  const { setup, skipped } = knoxSetup(input, o);
  const { observed } = knoxObserved(setup);
  return knoxResult(o, setup.n, skipped, observed, knoxPermutations(setup, observed, 0, o.permutations));
}
