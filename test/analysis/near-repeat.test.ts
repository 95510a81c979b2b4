import { describe, expect, it } from 'vitest';
import { knoxBase, knoxPermutationCounts, knoxPlan, nearRepeat, normaliseNearRepeatOptions, PAIR_LIST_LIMIT, spatialPairCounts } from '../../src/analysis/near-repeat.ts';
import { lanesAvailable } from '../../src/analysis/knox-lanes.ts';
import { nearRepeatThreaded } from '../../src/analysis/near-repeat-threads.ts';
import { mulberry32, mulberry32At } from '../../src/analysis/spatial/random.ts';

interface Points { xs: number[]; ys: number[]; days: number[] }

function randomPoints(n: number, seed: number, size = 5000, span = 365): Points {
  const rand = mulberry32(seed);
  const p: Points = { xs: [], ys: [], days: [] };
  for (let i = 0; i < n; i++) { p.xs.push(rand() * size); p.ys.push(rand() * size); p.days.push(Math.floor(rand() * span)); }
  return p;
}

/** Every pair, no index: the band of d is the first break it does not exceed. */
function bruteForce(p: Points, dBreaks: number[], tBreaks: number[]): number[][] {
  const out = dBreaks.slice(1).map(() => tBreaks.slice(1).map(() => 0));
  const band = (v: number, breaks: number[]): number => {
    for (let k = 1; k < breaks.length; k++) if (v <= breaks[k]!) return k - 1;
    return -1;
  };
  for (let i = 0; i < p.xs.length; i++) for (let j = i + 1; j < p.xs.length; j++) {
    const d = Math.hypot(p.xs[i]! - p.xs[j]!, p.ys[i]! - p.ys[j]!);
    const dt = Math.abs(p.days[i]! - p.days[j]!);
    const a = band(d, dBreaks), b = band(dt, tBreaks);
    if (a >= 0 && b >= 0) out[a]![b]!++;
  }
  return out;
}

/** Exact mean under date permutation: each spatial pair gets a random pair of the dates. */
function exactExpected(p: Points, dBreaks: number[], tBreaks: number[]): number[][] {
  const n = p.xs.length, pairs = (n * (n - 1)) / 2;
  const space = dBreaks.slice(1).map(() => 0), time = tBreaks.slice(1).map(() => 0);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const d = Math.hypot(p.xs[i]! - p.xs[j]!, p.ys[i]! - p.ys[j]!), dt = Math.abs(p.days[i]! - p.days[j]!);
    const a = dBreaks.findIndex((b, k) => k > 0 && d <= b), b = tBreaks.findIndex((x, k) => k > 0 && dt <= x);
    if (a > 0) space[a - 1]!++;
    if (b > 0) time[b - 1]!++;
  }
  return space.map((s) => time.map((t) => (s * t) / pairs));
}

const D = [0, 200, 400, 600, 800, 1000], T = [0, 7, 14, 21, 28];

describe('nearRepeat (Knox test)', () => {
  it('observed pair counts equal a brute-force count over every pair, including exact band edges', () => {
    const p = randomPoints(700, 5, 3000, 120);
    // Pairs exactly on band edges: 200 m and 7 days apart, 0 m and 0 days, 1000 m and 28 days.
    p.xs.push(100, 300, 50, 50, 2000, 3000); p.ys.push(100, 100, 50, 50, 10, 10); p.days.push(10, 17, 40, 40, 60, 88);
    const r = nearRepeat(p, { permutations: 9 });
    expect(r.cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(p, D, T));
    const other = nearRepeat(p, { permutations: 9, distanceBands: [0, 50, 150, 500], timeBands: [0, 1, 3, 10, 30] });
    expect(other.cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(p, [0, 50, 150, 500], [0, 1, 3, 10, 30]));
    // Eight bands and more than eight (the first eight breaks are compared without a loop).
    for (const many of [[0, 100, 200, 300, 400, 500, 600, 700, 800], Array.from({ length: 21 }, (_, k) => k * 50)]) {
      const r = nearRepeat(p, { permutations: 3, distanceBands: many });
      expect(r.cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(p, many, T));
    }
  });

  it('expected counts are the exact permutation mean, worked out over every pair', () => {
    const p = randomPoints(400, 8, 2500, 90);
    const r = nearRepeat(p, { permutations: 19 });
    const exact = exactExpected(p, D, T);
    r.cells.forEach((row, d) => row.forEach((c, t) => expect(c.expected).toBeCloseTo(exact[d]![t]!, 9)));
    // The mean of the permuted counts themselves approaches it (999 permutations: within a few standard errors).
    const { base } = knoxBase(p, normaliseNearRepeatOptions({ seed: 1 }));
    const spatial = spatialPairCounts(base);
    const counts = knoxPermutationCounts(base, knoxPlan(base, 5, 4, spatial), 0, 999);
    exact.flat().forEach((e, c) => {
      let sum = 0;
      for (let r = 0; r < 999; r++) sum += counts[r * 20 + c]!;
      expect(Math.abs(sum / 999 - e)).toBeLessThan(4 * Math.sqrt(e / 999) + 0.05);
    });
  });

  it('permuted counts equal a brute-force count of the same shuffled dates, by pair list and by grid', () => {
    const p = randomPoints(600, 4, 3000, 120);
    const o = normaliseNearRepeatOptions({ seed: 9 });
    const { base } = knoxBase(p, o);
    const spatial = spatialPairCounts(base);
    // Pairs beyond PAIR_LIST_LIMIT are counted through the grid.
    const listed = knoxPlan(base, 5, 4, spatial), gridded = knoxPlan(base, 5, 4, [PAIR_LIST_LIMIT + 1, 0, 0, 0, 0]);
    expect([listed.kind, gridded.kind]).toEqual(['lanes', 'grid']);
    const a = knoxPermutationCounts(base, listed, 3, 6), b = knoxPermutationCounts(base, gridded, 3, 6);
    expect(Array.from(a)).toEqual(Array.from(b));
    // Permutation 4 by hand: Fisher-Yates σ of the incidents' numbers from the stream jumped 4 × (n − 1)
    // calls on; incident i gets the σ(i)-th day.
    const n = base.n, rand = mulberry32At(9, 4 * (n - 1)), sigma = Array.from({ length: n }, (_, i) => i);
    for (let k = n - 1; k > 0; k--) { const j = Math.floor(rand() * (k + 1)); [sigma[k], sigma[j]] = [sigma[j]!, sigma[k]!]; }
    const days = sigma.map((s) => base.sortedDays[s]!);
    expect(Array.from(a.subarray(20, 40))).toEqual(bruteForce({ xs: Array.from(base.xs), ys: Array.from(base.ys), days }, D, T).flat());
    // A plan of the nearer bands counts those alone, the same.
    const near = knoxPlan(base, 2, 2, spatial);
    expect(() => knoxPlan(base, 2, 2, [spatial[0]!, spatial[1]! + 1])).toThrow(/announced/);
    const c = knoxPermutationCounts(base, near, 3, 6);
    for (let k = 0; k < 3 * 20; k++) expect(c[k]).toBe(Math.floor(k % 20 / 4) < 2 && (k % 4) < 2 ? a[k] : Number.NaN);
  });

  it('counts a place with hundreds of incidents, long time bands and long spans the same way as brute force', () => {
    // 260 incidents within 20 m: each has hundreds of partners in the first band, counted by the
    // pair list in 8-bit lanes emptied every 127 pairs, mid-list.
    const p = randomPoints(400, 31, 2500, 90);
    const rand = mulberry32(5);
    for (let i = 0; i < 260; i++) { p.xs.push(1200 + rand() * 20); p.ys.push(900 + rand() * 20); p.days.push(Math.floor(rand() * 60)); }
    const o = normaliseNearRepeatOptions({ seed: 4 });
    const { base } = knoxBase(p, o);
    const spatial = spatialPairCounts(base);
    const listed = knoxPlan(base, 5, 4, spatial);
    // Node 20 has WebAssembly SIMD and shared memory: the pair list is used wherever it fits.
    expect(lanesAvailable()).toBe(true);
    expect(listed.kind).toBe('lanes');
    const a = knoxPermutationCounts(base, listed, 0, 17), b = knoxPermutationCounts(base, knoxPlan(base, 5, 4, [PAIR_LIST_LIMIT + 1, 0, 0, 0, 0]), 0, 17);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(nearRepeat(p, { permutations: 5 }).cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(p, D, T));
    // Time breaks beyond what 8 bits compare, and days further apart than 16 bits hold, go through the grid.
    const long = [0, 30, 90, 200];
    expect(knoxPlan(base, 5, 3, spatial).kind).toBe('lanes');
    const { base: b2 } = knoxBase(p, normaliseNearRepeatOptions({ timeBands: long }));
    expect(knoxPlan(b2, 5, 3, spatialPairCounts(b2)).kind).toBe('grid');
    expect(nearRepeat(p, { permutations: 3, timeBands: long }).cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(p, D, long));
    const wide = { ...p, days: p.days.map((d, i) => (i % 2 ? d + 40000 : d)) };
    const { base: b3 } = knoxBase(wide, o);
    expect(knoxPlan(b3, 5, 4, spatialPairCounts(b3)).kind).toBe('grid');
    expect(nearRepeat(wide, { permutations: 3 }).cells.map((row) => row.map((c) => c.observed))).toEqual(bruteForce(wide, D, T));
  });

  it('stops a cell once ten permuted counts reach its observed count (Besag and Clifford)', () => {
    const p = randomPoints(500, 12, 3000, 200);
    const seq = nearRepeat(p, { seed: 2 });
    const full = nearRepeat(p, { seed: 2, stopAt: 0 });
    seq.cells.flat().forEach((c, k) => {
      const f = full.cells.flat()[k]!;
      expect(c.observed).toBe(f.observed);
      expect(c.expected).toBe(f.expected);
      if (c.permutations < 999) {
        // Stopped at the permutation that brought the tenth count at or above the observed.
        expect(c.p).toBeCloseTo(10 / c.permutations, 12);
        expect(f.p).toBeGreaterThan(0.005);
      } else expect(c.p).toBe(f.p);
    });
    // With no space-time pattern most cells are decided within a few rounds.
    expect(seq.cells.flat().filter((c) => c.permutations < 200).length).toBeGreaterThan(10);
  });

  const base = randomPoints(800, 21, 6000, 365);
  const planted: Points = { xs: [...base.xs], ys: [...base.ys], days: [...base.days] };
  const rand = mulberry32(99);
  for (let i = 0; i < 150; i++) {
    // A follow-up within 150 m and 5 days of an earlier incident.
    const a = Math.floor(rand() * 800), r = rand() * 150, th = rand() * 2 * Math.PI;
    planted.xs.push(base.xs[a]! + r * Math.cos(th)); planted.ys.push(base.ys[a]! + r * Math.sin(th)); planted.days.push(base.days[a]! + Math.floor(rand() * 6));
  }

  it('finds a planted near-repeat pattern in the closest bands', () => {
    const r = nearRepeat(planted, { seed: 3 });
    const close = r.cells[0]![0]!;
    expect(close.p).toBeLessThanOrEqual(0.001);
    expect(close.knoxRatio!).toBeGreaterThan(2);
    expect(r.cells[4]![3]!.p).toBeGreaterThan(0.05);
  });

  it('does not find it once the dates are shuffled', () => {
    const shuffle = mulberry32(7);
    const days = [...planted.days];
    for (let k = days.length - 1; k > 0; k--) { const j = Math.floor(shuffle() * (k + 1)); [days[k], days[j]] = [days[j]!, days[k]!]; }
    const r = nearRepeat({ ...planted, days }, { seed: 3 });
    expect(r.cells[0]![0]!.p).toBeGreaterThan(0.05);
    expect(r.cells[0]![0]!.knoxRatio!).toBeLessThan(1.5);
  });

  it('is reproducible for a seed, labels its bands and skips incidents without a place or date', () => {
    const p = randomPoints(200, 2);
    const a = nearRepeat({ ...p, xs: [...p.xs, Number.NaN] , ys: [...p.ys, 1], days: [...p.days, 3] }, { permutations: 49, seed: 5 });
    const b = nearRepeat(p, { permutations: 49, seed: 5 });
    expect(a.cells).toEqual(b.cells);
    expect(a.skipped).toBe(1);
    expect(a.distanceBands[0]).toEqual({ from: 0, to: 200 });
    expect(a.timeBands[3]).toEqual({ from: 21, to: 28 });
    expect(() => nearRepeat(p, { timeBands: [0, 7.5] })).toThrow(/timeBands/);
    expect(() => nearRepeat(p, { distanceBands: [100, 200] })).toThrow(/distanceBands/);
  });

  it('gives the same result on worker threads, however the permutations are shared out', async () => {
    const p = { ...planted, xs: [...planted.xs, Number.NaN], ys: [...planted.ys, 0], days: [...planted.days, 1] };
    const one = nearRepeat(p, { permutations: 41, seed: 11 });
    const [two, three, here] = await Promise.all([2, 3, 1].map((threads) => nearRepeatThreaded(p, { permutations: 41, seed: 11 }, { threads })));
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(here).toEqual(one);
    // Another seed gives other permuted counts: the workers do use the seed.
    const other = await nearRepeatThreaded(p, { permutations: 41, seed: 12 }, { threads: 2 });
    expect(other.cells.flat().map((c) => c.p)).not.toEqual(one.cells.flat().map((c) => c.p));
    await expect(nearRepeatThreaded(p, {}, { threads: 0 })).rejects.toThrow(/threads/);
  });
});
