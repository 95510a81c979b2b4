import { cspError } from '../errors.ts';
import { bandCounter, LANE_MAX_BREAK, LANE_SPAN, LANES, lanesAvailable, reserve, sharedMemory } from './knox-lanes.ts';
import { shuffleFrom } from './spatial/random.ts';

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
  /** Monte Carlo permutations of the dates, at most. Default 999. */
  permutations?: number;
  /** Seed of the permutation generator (mulberry32). Default 1. */
  seed?: number;
  /**
   * Sequential Monte Carlo (Besag and Clifford 1991): a cell's permutations stop once this many
   * permuted counts have reached its observed count, its p then being this number over the
   * permutations drawn. 0 draws every permutation for every cell. Default 10.
   */
  stopAt?: number;
}

/** A band [from, to]: the first band includes `from` (0), later bands exclude it (from, to]. */
export interface NearRepeatBand {
  from: number;
  to: number;
}

export interface NearRepeatCell {
  /** Pairs of incidents within this distance band and this time band of each other. */
  observed: number;
  /** Pairs expected if the dates were unrelated to the places: the exact mean over every permutation of the dates. */
  expected: number;
  /** observed / expected (null when expected is 0). */
  knoxRatio: number | null;
  /**
   * One-sided Monte Carlo p of an excess: (#{permuted ≥ observed} + 1) / (permutations + 1), or, when
   * the cell stopped early (`stopAt`), stopAt / permutations drawn.
   */
  p: number;
  /** Permutations drawn for this cell. */
  permutations: number;
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

const defaults: Required<NearRepeatOptions> = { distanceBands: [0, 200, 400, 600, 800, 1000], timeBands: [0, 7, 14, 21, 28], permutations: 999, seed: 1, stopAt: 10 };

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
  if (o.distanceBands.length > 128) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.distanceBands holds ${o.distanceBands.length} breaks: at most 128`);
  if (!(Number.isInteger(o.permutations) && o.permutations >= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.permutations must be a positive integer: ${o.permutations}`);
  if (!Number.isInteger(o.seed)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.seed must be an integer: ${o.seed}`);
  if (!(Number.isInteger(o.stopAt) && o.stopAt >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.stopAt must be a whole number: ${o.stopAt}`);
  return Object.freeze({ ...o, distanceBands: [...o.distanceBands], timeBands: [...o.timeBands] });
}

const bandsOf = (breaks: readonly number[]): NearRepeatBand[] => breaks.slice(1).map((to, k) => ({ from: breaks[k]!, to }));

/**
 * The incidents with a finite place and day, in the order of the pair list's cells (half as wide as
 * the largest distance band, row by row: a pair's two incidents have near numbers), and their days
 * sorted.
 */
export interface KnoxBase {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  /** The day of each incident. */
  days: Int32Array;
  /** The days in ascending order: permutation r gives incident i the day sortedDays[σ_r(i)]. */
  sortedDays: Int32Array;
  /** The observed assignment: incidents in day order. */
  observedOrder: Int32Array;
  dBreaks: number[];
  tBreaks: number[];
  seed: number;
}

/**
 * How permutations' pairs are counted for the first `nd` distance bands and `nt` time bands: a list
 * of every pair of places within the radius, counted LANES permutations at a time (knox-lanes), when
 * it fits in PAIR_LIST_LIMIT, the days span at most 32,767, no time break passes LANE_MAX_BREAK and
 * the runtime has WebAssembly SIMD and shared memory; else cells as wide as the radius with a
 * sliding window of days over each cell and its forward neighbours (work grows with the pairs close
 * in both space and time).
 */
export type KnoxPlan = (({ kind: 'lanes' } & LanesIndex) | ({ kind: 'grid' } & GridIndex)) & {
  nd: number;
  nt: number;
  maxT: number;
  /** Time band of each number of days apart, 0 .. maxT. */
  timeBandOf: Int8Array;
  /** Squared distance breaks of the nd bands, then +Infinity to at least 8 entries. */
  d2: Float64Array;
};

interface GridIndex {
  /** Slot of each incident: incidents numbered cell by cell, so each cell's sit together. */
  slotOf: Int32Array;
  cellOf: Int32Array;
  /** Coordinates by slot. */
  x: Float64Array;
  y: Float64Array;
  /** Cell c holds slots start[c] .. start[c+1]-1; its forward neighbours are nb[nbStart[c] .. nbStart[c+1]-1]. */
  start: Int32Array;
  nbStart: Int32Array;
  nb: Int32Array;
}

/**
 * Every pair of places within the radius, in a memory shared by the threads (byte offsets): for
 * distance band d and incident slot a, the partners are list[off[d × n + a] .. off[d × n + a + 1] − 1]
 * (slots; bands one after another, so the first bands of the list are a list of them alone). Each
 * thread has a scratch region: LANES permutations' days by slot (16 bits each), then its counts.
 */
interface LanesIndex {
  memory: WebAssembly.Memory;
  /** Slot of each incident: places numbered cell by cell, so a pair's two days sit near each other. */
  slotOf: Int32Array;
  offsets: number;
  list: number;
  scratch: number;
  scratchBytes: number;
  /** The first day: days are held as days since it, in 16 bits. */
  day0: number;
}

/** Most pairs listed (4 bytes each, in memory shared by the threads); beyond it the grid counts them. */
export const PAIR_LIST_LIMIT = 40_000_000;
/** Permutations between two sequential decisions: fixed, so the result does not depend on threads. */
export const ROUND = 32;
/** Distance breaks compared without a loop; more bands step on from the eighth. */
const UNROLLED_BANDS = 8;

/** Squared breaks of the first `nd` distance bands, padded with +Infinity to UNROLLED_BANDS entries. */
function squaredBreaks(dBreaks: readonly number[], nd: number): Float64Array {
  const d2 = new Float64Array(Math.max(nd + 1, UNROLLED_BANDS)).fill(Infinity);
  for (let k = 0; k < nd; k++) d2[k] = dBreaks[k + 1]! ** 2;
  return d2;
}

/** Band of squared distance dd: the number of squared breaks below it (nd when beyond the last). */
function bandOf(d2: Float64Array, dd: number): number {
  let db = 0;
  while (dd > d2[db]!) db++;
  return db;
}

/**
 * Incidents bucketed into square cells of `size` metres, numbered cell by cell, with each occupied
 * cell's forward neighbours up to `reach` cells away (east on its row, and the `reach` rows north).
 */
function gridIndex(xs: Float64Array, ys: Float64Array, size: number, reach = 1): GridIndex {
  const n = xs.length;
  let minX = Infinity, minY = Infinity;
  for (let i = 0; i < n; i++) { minX = Math.min(minX, xs[i]!); minY = Math.min(minY, ys[i]!); }
  // A cell's key as one number; rows and columns stay below 2^25, so a neighbour's row never runs into the next column.
  const key = (cx: number, cy: number): number => cx * 67108864 + cy;
  const ids = new Map<number, number>();
  const cxs: number[] = [], cys: number[] = [];
  const cellOfIncident = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((xs[i]! - minX) / size), cy = Math.floor((ys[i]! - minY) / size);
    if (cy >= 33554432 || cx >= 33554432) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'incidents spread too far for the distance bands');
    const k = key(cx, cy);
    let c = ids.get(k);
    if (c === undefined) { c = cxs.length; ids.set(k, c); cxs.push(cx); cys.push(cy); }
    cellOfIncident[i] = c;
  }
  // Cells numbered row by row, so a cell's neighbours (east, and the row north) sit near it in memory.
  const m = cxs.length;
  const byPlace = Array.from({ length: m }, (_, c) => c).sort((a, b) => cys[a]! - cys[b]! || cxs[a]! - cxs[b]!);
  const renumber = new Int32Array(m);
  byPlace.forEach((c, k) => { renumber[c] = k; });
  const sortedX = byPlace.map((c) => cxs[c]!), sortedY = byPlace.map((c) => cys[c]!);
  for (const [k, c] of ids) ids.set(k, renumber[c]!);
  for (let i = 0; i < n; i++) cellOfIncident[i] = renumber[cellOfIncident[i]!]!;
  for (let c = 0; c < m; c++) { cxs[c] = sortedX[c]!; cys[c] = sortedY[c]!; }
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) start[cellOfIncident[i]! + 1]!++;
  for (let c = 0; c < m; c++) start[c + 1]! += start[c]!;
  const nbStart = new Int32Array(m + 1);
  const nb: number[] = [];
  // East on the row, then the rows north: with the cell itself, each unordered pair of cells is visited once.
  const forward: [number, number][] = [];
  for (let dx = 1; dx <= reach; dx++) forward.push([dx, 0]);
  for (let dy = 1; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) forward.push([dx, dy]);
  for (let c = 0; c < m; c++) {
    for (const [dx, dy] of forward) {
      const d = ids.get(key(cxs[c]! + dx, cys[c]! + dy));
      if (d !== undefined) nb.push(d);
    }
    nbStart[c + 1] = nb.length;
  }
  const slotOf = new Int32Array(n), fill = start.slice(0, -1);
  const x = new Float64Array(n), y = new Float64Array(n), cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = (slotOf[i] = fill[cellOfIncident[i]!]!++);
    x[s] = xs[i]!; y[s] = ys[i]!; cellOf[s] = cellOfIncident[i]!;
  }
  return { slotOf, cellOf, x, y, start, nbStart, nb: Int32Array.from(nb) };
}

/** Where closePairs writes each slot's partners: band-major offsets, the list, and each band's next place in it. */
interface PartnerList {
  off: Int32Array;
  partners: Int32Array;
  cursor: Int32Array;
}

/**
 * Every pair of places within the last of the nd `d2` breaks, once, slot a's pairs together and a
 * ascending: counted by distance band into `counts`, and, with `list`, each listed as a partner b of
 * a in its band. Written out rather than through a callback: it runs over tens of millions of pairs.
 */
function closePairs(g: GridIndex, d2: Float64Array, nd: number, counts: Float64Array, list?: PartnerList): void {
  const { x, y, start, nbStart, nb } = g;
  const n = x.length, maxD2 = d2[nd - 1]!, m = start.length - 1;
  const q0 = d2[0]!, q1 = d2[1]!, q2 = d2[2]!, q3 = d2[3]!, q4 = d2[4]!, q5 = d2[5]!, q6 = d2[6]!;
  const off = list?.off, partners = list?.partners, cursor = list?.cursor;
  for (let c = 0; c < m; c++) {
    const a1 = start[c + 1]!;
    for (let a = start[c]!; a < a1; a++) {
      if (off) for (let d = 0; d < nd; d++) off[d * n + a] = cursor![d]!;
      const xa = x[a]!, ya = y[a]!;
      // The cell itself from the next slot on, then each forward neighbour whole.
      for (let q = nbStart[c]! - 1; q < nbStart[c + 1]!; q++) {
        const b0 = q < nbStart[c]! ? a + 1 : start[nb[q]!]!, b1 = q < nbStart[c]! ? a1 : start[nb[q]! + 1]!;
        for (let b = b0; b < b1; b++) {
          const ex = x[b]! - xa, ey = y[b]! - ya, dd = ex * ex + ey * ey;
          if (dd > maxD2) continue;
          let db = +(dd > q0) + +(dd > q1) + +(dd > q2) + +(dd > q3) + +(dd > q4) + +(dd > q5) + +(dd > q6);
          if (db === UNROLLED_BANDS - 1) db = bandOf(d2, dd);
          counts[db]!++;
          if (partners) partners[cursor![db]!++] = b;
        }
      }
    }
  }
}

/**
 * Cells half as wide as the radius, searched two cells each way, for listing pairs of places: 6.25
 * squared radii searched per incident rather than 9 with cells as wide as the radius, for a circle of
 * 3.14 (the grid plan keeps wide cells: its window of days pays per neighbouring cell).
 */
const PAIR_REACH = 2;
/** The listing grid of each base and radius, built once (the base's own order is the largest radius's). */
const pairGrids = new WeakMap<KnoxBase, Map<number, GridIndex>>();

function pairGrid(base: KnoxBase, nd: number): GridIndex {
  let byRadius = pairGrids.get(base);
  if (!byRadius) pairGrids.set(base, (byRadius = new Map()));
  const radius = base.dBreaks[nd]!;
  let g = byRadius.get(radius);
  if (!g) byRadius.set(radius, (g = gridIndex(base.xs, base.ys, radius / PAIR_REACH, PAIR_REACH)));
  return g;
}

/** Pairs of incidents in each distance band, whatever their dates. */
export function spatialPairCounts(base: KnoxBase): Float64Array {
  const nd = base.dBreaks.length - 1;
  const counts = new Float64Array(nd);
  if (base.n >= 2) closePairs(pairGrid(base, nd), squaredBreaks(base.dBreaks, nd), nd, counts);
  return counts;
}

/** The incidents with a finite place and day, arranged for counting. */
export function knoxBase(input: NearRepeatInput, o: Readonly<Required<NearRepeatOptions>>): { base: KnoxBase; skipped: number } {
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
  // Numbered as the pair list numbers its slots, so its first plan reads each permutation's days in order.
  const radius = o.distanceBands[o.distanceBands.length - 1]!;
  const g = gridIndex(Float64Array.from(keep, (i) => input.xs[i] as number), Float64Array.from(keep, (i) => input.ys[i] as number), radius / PAIR_REACH, PAIR_REACH);
  const xs = g.x, ys = g.y, days = new Int32Array(n);
  keep.forEach((i, k) => { days[g.slotOf[k]!] = input.days[i] as number; });
  const observedOrder = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b);
  const sortedDays = Int32Array.from(observedOrder, (i) => days[i]!);
  const base: KnoxBase = { n, xs, ys, days, sortedDays, observedOrder, dBreaks: [...o.distanceBands], tBreaks: [...o.timeBands], seed: o.seed };
  // The same grid over the incidents in their new order: each is in its own slot.
  pairGrids.set(base, new Map([[radius, { ...g, slotOf: Int32Array.from({ length: n }, (_, i) => i) }]]));
  return { base, skipped: input.xs.length - n };
}

/** The pair list of the first `nd` distance bands (`spatial[d]` pairs in band d, from spatialPairCounts) in shared memory, with one thread's scratch region. */
function lanesIndex(base: KnoxBase, nd: number, spatial: ArrayLike<number>): LanesIndex {
  const n = base.n, ntAll = base.tBreaks.length - 1;
  const g = pairGrid(base, nd);
  // Each band's partners start where the nearer bands' end.
  const cursor = new Int32Array(nd + 1);
  for (let d = 0; d < nd; d++) cursor[d + 1] = cursor[d]! + spatial[d]!;
  const pairs = cursor[nd]!;
  const offsets = 64, list = offsets + 4 * (nd * n + 1);
  const scratch = Math.ceil((list + 4 * pairs) / 16) * 16, scratchBytes = 2 * LANES * n + 4 * LANES * nd * ntAll;
  const memory = sharedMemory(scratch + scratchBytes, scratch + scratchBytes * ROUND);
  const off = new Int32Array(memory.buffer, offsets, nd * n + 1), partners = new Int32Array(memory.buffer, list, pairs);
  const found = new Float64Array(nd);
  closePairs(g, squaredBreaks(base.dBreaks, nd), nd, found, { off, partners, cursor });
  off[nd * n] = pairs;
  for (let d = 0; d < nd; d++) {
    if (found[d] !== spatial[d]) throw cspError('CSP_ERR_INTERNAL', `near repeat: ${found[d]} pairs in distance band ${d + 1}, ${spatial[d]} announced`);
  }
  return { memory, slotOf: g.slotOf, offsets, list, scratch, scratchBytes, day0: base.sortedDays[0] ?? 0 };
}

/**
 * The counting plan for the first `nd` distance and `nt` time bands, given the pairs of places in
 * each distance band (spatialPairCounts): the pair list when those bands' pairs fit in
 * PAIR_LIST_LIMIT, the days span at most LANE_SPAN and no time break passes LANE_MAX_BREAK, else
 * the grid.
 */
export function knoxPlan(base: KnoxBase, nd: number, nt: number, spatial: ArrayLike<number>): KnoxPlan {
  const maxT = base.tBreaks[nt]!;
  const timeBandOf = new Int8Array(maxT + 1);
  for (let dt = 0, k = 0; dt <= maxT; dt++) { while (dt > base.tBreaks[k + 1]!) k++; timeBandOf[dt] = k; }
  const d2 = squaredBreaks(base.dBreaks, nd);
  const common = { nd, nt, maxT, timeBandOf, d2 };
  let pairs = 0;
  for (let d = 0; d < nd; d++) pairs += spatial[d]!;
  const span = base.n ? base.sortedDays[base.n - 1]! - base.sortedDays[0]! : 0;
  if (pairs > PAIR_LIST_LIMIT || span > LANE_SPAN || maxT > LANE_MAX_BREAK || !lanesAvailable()) return { kind: 'grid', ...gridIndex(base.xs, base.ys, base.dBreaks[nd]!), ...common };
  return { kind: 'lanes', ...lanesIndex(base, nd, spatial), ...common };
}

/** Room in a pair-list plan's memory for `regions` threads' scratch. */
export function knoxReserve(plan: KnoxPlan, regions: number): void {
  if (plan.kind === 'lanes') reserve(plan.memory, plan.scratch + regions * plan.scratchBytes);
}

/** The plan for fewer bands: the same pair list read for fewer bands, or a new plan. */
function narrowPlan(base: KnoxBase, plan: KnoxPlan, nd: number, nt: number, spatial: Float64Array): KnoxPlan {
  if (plan.kind !== 'lanes') return knoxPlan(base, nd, nt, spatial);
  const maxT = base.tBreaks[nt]!;
  return { ...plan, nd, nt, maxT, timeBandOf: plan.timeBandOf.slice(0, maxT + 1), d2: squaredBreaks(base.dBreaks, nd) };
}

interface Scratch {
  fill: Int32Array;
  /** Grid: the slot in each place of the cells' day-ordered lists. */
  ix: Int32Array;
  /** Days by place in the cells' lists. */
  t: Int32Array;
  /** (nd + 1) × (maxT + 1) pair counts by distance band and days apart; row nd takes pairs beyond the radius. */
  hist: Int32Array;
}

const scratchFor = (base: KnoxBase, plan: KnoxPlan & { kind: 'grid' }): Scratch => ({
  fill: new Int32Array(plan.start.length),
  ix: new Int32Array(base.n),
  t: new Int32Array(base.n),
  hist: new Int32Array((plan.nd + 1) * (plan.maxT + 1)),
});

/**
 * LANES permutations' cell counts from the pair list: `dayOf[lane][i]` is incident i's day in that
 * permutation (lanes beyond `dayOf.length` are not counted). Writes each lane's cells (distance band
 * d × all time bands + t; cells outside the plan NaN) at out[at + lane × cells].
 */
function countLanes(plan: KnoxPlan & { kind: 'lanes' }, base: KnoxBase, region: number, dayOf: readonly Int32Array[], out: Float64Array, at: number): void {
  const n = base.n, ntAll = base.tBreaks.length - 1, cells = (base.dBreaks.length - 1) * ntAll;
  const own = plan.scratch + region * plan.scratchBytes, counts = own + 2 * LANES * n;
  reserve(plan.memory, own + plan.scratchBytes);
  const days = new Int16Array(plan.memory.buffer, own, LANES * n), slotOf = plan.slotOf, day0 = plan.day0;
  dayOf.forEach((day, lane) => {
    for (let i = 0; i < n; i++) days[slotOf[i]! * LANES + lane] = day[i]! - day0;
  });
  const totals = new Int32Array(plan.memory.buffer, counts, plan.nd * plan.nt * LANES).fill(0);
  const count = bandCounter(plan.memory, base.tBreaks.slice(1, plan.nt + 1));
  for (let d = 0; d < plan.nd; d++) count(plan.offsets + 4 * d * n, plan.list, own, counts + 4 * LANES * d * plan.nt, n);
  const off = new Int32Array(plan.memory.buffer, plan.offsets, plan.nd * n + 1);
  dayOf.forEach((_, lane) => {
    const row = at + lane * cells;
    out.fill(Number.NaN, row, row + cells);
    for (let d = 0; d < plan.nd; d++) {
      // Totals count the band's pairs beyond each time break (> 7 days, > 14 days, …).
      let within = 0;
      for (let t = 0; t < plan.nt; t++) {
        const upTo = off[(d + 1) * n]! - off[d * n]! - totals[(d * plan.nt + t) * LANES + lane]!;
        out[row + d * ntAll + t] = upTo - within;
        within = upTo;
      }
    }
  });
}

/**
 * Pair counts through the grid: incidents are placed in their cells in day order, so each cell's list
 * is sorted by day (its coordinates are read by slot, near each other since slots go cell by cell),
 * and pairs are found by a sliding window of days over each cell and its forward neighbours. The
 * distance band is a sum of comparisons and |Δdays| is taken with bit operations: no unpredictable
 * branch decides where a pair is counted; pairs beyond the radius go to the spare row nd.
 */
function countGridded(plan: KnoxPlan & { kind: 'grid' }, base: KnoxBase, order: Int32Array, w: Scratch): void {
  const { start, nbStart, nb, cellOf, slotOf, x, y, d2, maxT } = plan;
  const { fill, ix, t, hist } = w;
  const q0 = d2[0]!, q1 = d2[1]!, q2 = d2[2]!, q3 = d2[3]!, q4 = d2[4]!, q5 = d2[5]!, q6 = d2[6]!, q7 = d2[7]!;
  const m = start.length - 1;
  const stride = maxT + 1;
  fill.set(start.subarray(0, m));
  // Two 4-byte writes a permutation per incident: its slot and its day, in its cell's next place.
  for (let k = 0; k < order.length; k++) {
    const i = slotOf[order[k]!]!;
    const p = fill[cellOf[i]!]!++;
    ix[p] = i; t[p] = base.sortedDays[k]!;
  }
  hist.fill(0);
  for (let c = 0; c < m; c++) {
    const a0 = start[c]!, a1 = start[c + 1]!;
    for (let a = a0; a < a1; a++) {
      const ta = t[a]!, xa = x[ix[a]!]!, ya = y[ix[a]!]!;
      for (let b = a + 1; b < a1; b++) {
        const dt = t[b]! - ta;
        if (dt > maxT) break;
        const ex = x[ix[b]!]! - xa, ey = y[ix[b]!]! - ya;
        const dd = ex * ex + ey * ey;
        let db = +(dd > q0) + +(dd > q1) + +(dd > q2) + +(dd > q3) + +(dd > q4) + +(dd > q5) + +(dd > q6) + +(dd > q7);
        if (db === UNROLLED_BANDS) while (dd > d2[db]!) db++;
        hist[db * stride + dt]!++;
      }
    }
    for (let q = nbStart[c]!; q < nbStart[c + 1]!; q++) {
      const o = nb[q]!;
      const b1 = start[o + 1]!;
      let lo = start[o]!;
      for (let a = a0; a < a1; a++) {
        const ta = t[a]!, xa = x[ix[a]!]!, ya = y[ix[a]!]!;
        const from = ta - maxT, to = ta + maxT;
        while (lo < b1 && t[lo]! < from) lo++;
        for (let b = lo; b < b1; b++) {
          const tb = t[b]!;
          if (tb > to) break;
          const ex = x[ix[b]!]! - xa, ey = y[ix[b]!]! - ya;
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

/** Cell counts (distance band d × all time bands + t) of one assignment of the days through the grid; cells outside the plan are NaN. */
function countAssignment(base: KnoxBase, plan: KnoxPlan & { kind: 'grid' }, order: Int32Array, w: Scratch, out: Float64Array, offset: number): void {
  countGridded(plan, base, order, w);
  const ntAll = base.tBreaks.length - 1, stride = plan.maxT + 1;
  const cells = (base.dBreaks.length - 1) * ntAll;
  out.fill(Number.NaN, offset, offset + cells);
  for (let d = 0; d < plan.nd; d++) {
    for (let t = 0; t < plan.nt; t++) out[offset + d * ntAll + t] = 0;
    for (let dt = 0; dt <= plan.maxT; dt++) out[offset + d * ntAll + plan.timeBandOf[dt]!]! += w.hist[d * stride + dt]!;
  }
}

/** The observed counts per cell (every band counted). */
export function knoxObserved(base: KnoxBase, plan: KnoxPlan): Float64Array {
  const out = new Float64Array((base.dBreaks.length - 1) * (base.tBreaks.length - 1));
  if (base.n < 2) return out;
  if (plan.kind === 'grid') countAssignment(base, plan, base.observedOrder, scratchFor(base, plan), out, 0);
  else countLanes(plan, base, 0, [base.days], out, 0);
  return out;
}

/**
 * Cell counts of permutations `from` .. `to` − 1, one row of cells each. Permutation r is the
 * Fisher-Yates shuffle σ_r of the incidents' numbers with mulberry32(seed) jumped r × (n − 1) calls on
 * (the calls one shuffle makes), and gives incident i the day sortedDays[σ_r(i)]: each permutation is
 * fixed by the seed and r alone, whichever plan, run or thread counts it. `region` is the calling
 * thread's scratch region of a pair-list plan.
 */
export function knoxPermutationCounts(base: KnoxBase, plan: KnoxPlan, from: number, to: number, region = 0): Float64Array {
  const cells = (base.dBreaks.length - 1) * (base.tBreaks.length - 1), n = base.n;
  const out = new Float64Array((to - from) * cells);
  if (n < 2) return out;
  if (plan.kind === 'lanes') {
    // The same swaps on the sorted days as on the numbers: day[i] = sortedDays[σ_r(i)], written in order.
    const dayOf = Array.from({ length: Math.min(LANES, to - from) }, () => new Int32Array(n));
    for (let r0 = from; r0 < to; r0 += LANES) {
      const batch = dayOf.slice(0, Math.min(LANES, to - r0));
      batch.forEach((day, lane) => { day.set(base.sortedDays); shuffleFrom(day, base.seed, (r0 + lane) * (n - 1)); });
      countLanes(plan, base, region, batch, out, (r0 - from) * cells);
    }
    return out;
  }
  const w = scratchFor(base, plan);
  const sigma = new Int32Array(n), order = new Int32Array(n);
  for (let r = from; r < to; r++) {
    for (let i = 0; i < n; i++) sigma[i] = i;
    shuffleFrom(sigma, base.seed, r * (n - 1));
    // The grid places incidents in day order: the incident given the k-th day is σ_r⁻¹(k).
    for (let i = 0; i < n; i++) order[sigma[i]!] = i;
    countAssignment(base, plan, order, w, out, (r - from) * cells);
  }
  return out;
}

/**
 * The exact permutation mean of each cell: a spatial pair takes a random pair of two different
 * incidents' days, so E = (pairs in the distance band) × (pairs of days in the time band) / (n(n−1)/2).
 */
export function knoxExpected(base: KnoxBase, spatial: Float64Array): Float64Array {
  const nt = base.tBreaks.length - 1, maxT = base.tBreaks[nt]!, n = base.n;
  // Pairs of incidents by days apart, from the distinct days and how many incidents fall on each.
  const day: number[] = [], count: number[] = [];
  for (const d of base.sortedDays) {
    if (day.length && day[day.length - 1] === d) count[count.length - 1]!++;
    else { day.push(d); count.push(1); }
  }
  const lags = new Float64Array(maxT + 1);
  for (let u = 0; u < day.length; u++) {
    lags[0]! += (count[u]! * (count[u]! - 1)) / 2;
    for (let v = u + 1; v < day.length && day[v]! - day[u]! <= maxT; v++) lags[day[v]! - day[u]!]! += count[u]! * count[v]!;
  }
  const allPairs = (n * (n - 1)) / 2;
  const out = new Float64Array(spatial.length * nt);
  if (allPairs === 0) return out;
  for (let t = 0; t < nt; t++) {
    let inBand = 0;
    for (let dt = t === 0 ? 0 : base.tBreaks[t]! + 1; dt <= base.tBreaks[t + 1]!; dt++) inBand += lags[dt]!;
    for (let d = 0; d < spatial.length; d++) out[d * nt + t] = (spatial[d]! * inBand) / allPairs;
  }
  return out;
}

/** One round of permutations to count, with the plan to count them by. */
export interface KnoxRound {
  plan: KnoxPlan;
  from: number;
  to: number;
}

/** Each cell's permuted counts reaching the observed, and how many permutations it drew (0 while it runs on). */
export interface KnoxTally {
  atLeast: Float64Array;
  stoppedAt: Int32Array;
}

/**
 * The sequential permutation test as a conversation: it asks for rounds of ROUND permutations and
 * receives their cell counts. After each round, a cell whose `stopAt` permuted counts have reached its
 * observed count is decided (Besag and Clifford 1991), and the next rounds count only the distance
 * and time bands some undecided cell needs, through a shorter pair list or smaller cells.
 */
export function* knoxRounds(base: KnoxBase, observed: Float64Array, spatial: Float64Array, o: Readonly<Required<NearRepeatOptions>>, first: KnoxPlan): Generator<KnoxRound, KnoxTally, Float64Array> {
  const nt = base.tBreaks.length - 1, cells = observed.length;
  const atLeast = new Float64Array(cells), stoppedAt = new Int32Array(cells);
  let plan = first;
  for (let from = 0; from < o.permutations; from += ROUND) {
    const to = Math.min(o.permutations, from + ROUND);
    const counts = yield { plan, from, to };
    for (let r = from; r < to; r++) {
      for (let c = 0; c < cells; c++) {
        if (stoppedAt[c] || !(counts[(r - from) * cells + c]! >= observed[c]!)) continue;
        atLeast[c]!++;
        if (o.stopAt > 0 && atLeast[c] === o.stopAt) stoppedAt[c] = r + 1;
      }
    }
    let nd = 0, ntNeed = 0;
    for (let c = 0; c < cells; c++) if (!stoppedAt[c]) { nd = Math.max(nd, Math.floor(c / nt) + 1); ntNeed = Math.max(ntNeed, (c % nt) + 1); }
    if (nd === 0) break;
    if (nd < plan.nd || ntNeed < plan.nt) plan = narrowPlan(base, plan, nd, ntNeed, spatial);
  }
  return { atLeast, stoppedAt };
}

/** The result from the observed counts, the exact expected counts and the permutation tally. */
export function knoxResult(o: Readonly<Required<NearRepeatOptions>>, incidents: number, skipped: number, observed: Float64Array, expected: Float64Array, tally: KnoxTally): NearRepeatResult {
  const nd = o.distanceBands.length - 1, nt = o.timeBands.length - 1;
  const cells: NearRepeatCell[][] = [];
  for (let d = 0; d < nd; d++) {
    const row: NearRepeatCell[] = [];
    for (let t = 0; t < nt; t++) {
      const c = d * nt + t, e = expected[c]!, stopped = tally.stoppedAt[c]!;
      row.push({
        observed: observed[c]!,
        expected: e,
        knoxRatio: e > 0 ? observed[c]! / e : null,
        p: stopped ? o.stopAt / stopped : (tally.atLeast[c]! + 1) / (o.permutations + 1),
        permutations: stopped || o.permutations,
      });
    }
    cells.push(row);
  }
  return { distanceBands: bandsOf(o.distanceBands), timeBands: bandsOf(o.timeBands), cells, incidents, skipped, options: o };
}

/** What a run needs before its permutations: the incidents, the first plan, observed and expected counts. */
export function knoxStart(input: NearRepeatInput, o: Readonly<Required<NearRepeatOptions>>) {
  const { base, skipped } = knoxBase(input, o);
  const nd = o.distanceBands.length - 1, nt = o.timeBands.length - 1;
  const spatial = spatialPairCounts(base);
  const plan = knoxPlan(base, nd, nt, spatial);
  const observed = knoxObserved(base, plan);
  return { base, skipped, spatial, plan, observed, expected: knoxExpected(base, spatial) };
}

/**
 * Near-repeat analysis: the Knox test of space-time interaction over distance and time bands, with
 * Monte Carlo inference by permuting the dates among the incidents (the method of Ratcliffe's Near
 * Repeat Calculator, with an exact expectation and sequential stopping).
 *
 * Method: for every pair of incidents, Euclidean distance d (metres) and |Δdays|; a pair is counted
 * in distance band k when b_{k−1} < d ≤ b_k (the first band is 0 ≤ d ≤ b_1) and likewise for days
 * (so with the defaults, 0-7, 8-14, 15-21, 22-28 days). Pairs beyond the last bands are not
 * counted. Under the null of no space-time interaction any assignment of the observed dates to the
 * observed places is equally likely. Expected = the exact mean over all assignments (a pair of places
 * gets a random pair of the dates: pairs in the distance band × share of date pairs in the time
 * band); Knox ratio = observed / expected. Each permutation shuffles the dates (Fisher-Yates,
 * mulberry32; permutation r draws from its own place in the seeded stream, so `nearRepeatThreaded`
 * gives the same result on any number of threads); p = (#{permuted ≥ observed} + 1) / (R + 1),
 * one-sided for an excess of close pairs, except that a cell stops once `stopAt` permuted counts have
 * reached its observed count, with p = stopAt / permutations drawn (Besag and Clifford's sequential
 * p-value: valid, and it spends the permutations on the cells they decide). Decisions are taken every
 * ROUND permutations; later rounds count only the bands undecided cells need.
 *
 * Assumptions: dates are exact to the day (a range of possible dates, as for burglaries found after
 * a weekend, blurs the first time band); incidents repeated at exactly one address count as 0 m
 * pairs; the p-values of the cells are not adjusted for the number of cells tested.
 *
 * Bibliography: Knox G. (1964) The detection of space-time interactions, Applied Statistics 13(1),
 * 25-30, doi:10.2307/2985220; Besag J., Clifford P. (1991) Sequential Monte Carlo p-values,
 * Biometrika 78(2), 301-304, doi:10.1093/biomet/78.2.301; Johnson S.D., Bowers K.J. et al. (2007)
 * Space-time patterns of risk: a cross national assessment of residential burglary victimization,
 * J. Quantitative Criminology 23, 201-219, doi:10.1007/s10940-007-9025-3; Ratcliffe J.H. (2009) Near
 * Repeat Calculator (version 1.3), Temple University and the National Institute of Justice.
 *
 * @param input `{xs, ys, days}` in metres and integer days.
 * @param options `distanceBands` ([0, 200, …, 1000]), `timeBands` ([0, 7, 14, 21, 28]), `permutations` (999), `seed` (1), `stopAt` (10).
 * @example
 * const r = nearRepeat({ xs, ys, days });
 * r.cells[0][0]; // {observed, expected, knoxRatio, p, permutations} for 0-200 m and 0-7 days
 */
export function nearRepeat(input: NearRepeatInput, options?: NearRepeatOptions): NearRepeatResult {
  const o = normaliseNearRepeatOptions(options);
  const s = knoxStart(input, o);
  const rounds = knoxRounds(s.base, s.observed, s.spatial, o, s.plan);
  let step = rounds.next();
  while (!step.done) step = rounds.next(knoxPermutationCounts(s.base, step.value.plan, step.value.from, step.value.to));
  return knoxResult(o, s.base.n, s.skipped, s.observed, s.expected, step.value);
}
