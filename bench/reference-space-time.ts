/**
 * Simple reference implementations for the space-time bench: textbook formulas on plain arrays, no
 * indexes or typed-array tricks, written apart from src/ so the bench can check the fast code agrees.
 */
import { normalTwoSided } from '../src/analysis/stats/distributions.ts';

/** Emerging hot spot categories: Gi* per step, BH by sorting, O(n²) Mann-Kendall, the rules as plain ifs. */
export function referenceEmerging(counts: ArrayLike<number>[], neighbours: number[][], alpha = 0.05): string[] {
  const T = counts.length, n = neighbours.length;
  const z: number[][] = [], cls: string[][] = [];
  for (const c of counts) {
    const x = Array.from(c);
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    const zt = x.map((xi, i) => {
      const nb = [...new Set(neighbours[i]!.filter((j) => j !== i))];
      const W = nb.length + 1;
      const v = (n * W - W * W) / (n - 1);
      if (!(s > 1e-12 * Math.max(1, Math.abs(mean))) || !(v > 0)) return 0;
      return (nb.reduce((a, j) => a + x[j]!, xi) - mean * W) / (s * Math.sqrt(v));
    });
    const p = zt.map((v) => (v === 0 ? 1 : normalTwoSided(v)));
    // BH step-up: reject the k smallest where k is the largest rank with p_(k) < k alpha / n.
    const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
    let k = 0;
    order.forEach((i, r) => { if (p[i]! * n / (r + 1) < alpha) k = r + 1; });
    const reject = new Set(order.slice(0, k));
    z.push(zt);
    cls.push(zt.map((v, i) => (reject.has(i) && v !== 0 ? (v > 0 ? 'H' : 'C') : '.')));
  }
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const series = z.map((zt) => zt[i]!);
    let S = 0;
    for (let a = 0; a < T; a++) for (let b = a + 1; b < T; b++) S += Math.sign(series[b]! - series[a]!);
    const ties = new Map<number, number>();
    for (const v of series) ties.set(v, (ties.get(v) ?? 0) + 1);
    let tie = 0;
    for (const t of ties.values()) tie += t * (t - 1) * (2 * t + 5);
    const varS = (T * (T - 1) * (2 * T + 5) - tie) / 18;
    const zmk = S === 0 || varS <= 0 ? 0 : (S - Math.sign(S)) / Math.sqrt(varS);
    const trend = zmk !== 0 && normalTwoSided(zmk) < alpha ? (zmk > 0 ? 1 : -1) : 0;
    const seq = cls.map((c) => c[i]!).join('');
    out.push(classify(seq, trend, 'H') ?? classify(seq, trend, 'C') ?? 'none');
  }
  return out;
}

function classify(seq: string, trend: number, side: 'H' | 'C'): string | null {
  const n = seq.length, other = side === 'H' ? 'C' : 'H', name = side === 'H' ? 'hot' : 'cold';
  const count = [...seq].filter((c) => c === side).length;
  const last = seq[n - 1] === side;
  const strong = side === 'H' ? 1 : -1;
  if (count / n >= 0.9 - 1e-12) {
    if (!last) return `historical-${name}`;
    return trend === strong ? `intensifying-${name}` : trend === -strong ? `diminishing-${name}` : `persistent-${name}`;
  }
  if (!last) return null;
  if (count === 1) return `new-${name}`;
  if (seq.endsWith(side.repeat(count))) return `consecutive-${name}`;
  return seq.includes(other) ? `oscillating-${name}` : `sporadic-${name}`;
}

/** Every pair of points within `maxD` metres, once, as a flat array (i, j, squared distance). */
export function closePairs(xs: Float64Array, ys: Float64Array, maxD: number): Float64Array {
  const cells = new Map<string, number[]>();
  xs.forEach((x, i) => {
    const key = `${Math.floor(x / maxD)},${Math.floor(ys[i]! / maxD)}`;
    const c = cells.get(key);
    if (c) c.push(i); else cells.set(key, [i]);
  });
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const cx = Math.floor(xs[i]! / maxD), cy = Math.floor(ys[i]! / maxD);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const j of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
        if (j <= i) continue;
        const d2 = (xs[i]! - xs[j]!) ** 2 + (ys[i]! - ys[j]!) ** 2;
        if (d2 <= maxD * maxD) out.push(i, j, d2);
      }
    }
  }
  return Float64Array.from(out);
}

/** Knox counts over listed pairs: 5 distance bands of 200 m by 4 time bands of 7 days. */
export function knoxByPairs(pairs: Float64Array, days: ArrayLike<number>): number[][] {
  const out = Array.from({ length: 5 }, () => [0, 0, 0, 0]);
  for (let k = 0; k < pairs.length; k += 3) {
    const dt = Math.abs((days[pairs[k]!] as number) - (days[pairs[k + 1]!] as number));
    if (dt > 28) continue;
    const d = Math.sqrt(pairs[k + 2]!);
    const db = d <= 200 ? 0 : d <= 400 ? 1 : d <= 600 ? 2 : d <= 800 ? 3 : 4;
    const tb = dt <= 7 ? 0 : dt <= 14 ? 1 : dt <= 21 ? 2 : 3;
    out[db]![tb]!++;
  }
  return out;
}
