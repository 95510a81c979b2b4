import { describe, expect, it } from 'vitest';
import { gridContiguity } from '../../../src/analysis/spatial/contiguity.ts';
import { getisOrd } from '../../../src/analysis/spatial/getis-ord.ts';
import { mulberry32 } from '../../../src/analysis/spatial/random.ts';

describe('getisOrd', () => {
  it('matches a hand-computed Gi* on five areas in a line', () => {
    // Ord & Getis (1995), doi:10.1111/j.1538-4632.1995.tb00912.x, binary weights with self:
    //   Gi* = (Σ_j w_ij x_j − x̄ W_i) / ( s √((n W_i − W_i²) / (n − 1)) ),  s² = Σx²/n − x̄².
    // x = [1, 2, 3, 4, 10]: n = 5, x̄ = 4, s² = 130/5 − 16 = 10.
    // Ends have W = 2: (n W − W²)/(n − 1) = 6/4; middles have W = 3: (15 − 9)/4 = 6/4. So s √1.5 = √15.
    // Local sums with self: [3, 6, 9, 17, 14]; numerators: 3−8, 6−12, 9−12, 17−12, 14−8 = [−5, −6, −3, 5, 6].
    const gi = getisOrd({ values: [1, 2, 3, 4, 10], neighbours: [[1], [0, 2], [1, 3], [2, 4], [3]] }, { adjust: 'none' });
    const expected = [-5, -6, -3, 5, 6].map((v) => v / Math.sqrt(15));
    expected.forEach((z, i) => expect(gi.z[i]).toBeCloseTo(z, 12));
    expect(gi.mean).toBe(4);
    expect(gi.sd).toBeCloseTo(Math.sqrt(10), 12);
    // Two-sided p for z = 6/√15 = 1.5492: 2 (1 − Φ(1.5492)) = 0.12133
    expect(gi.p[4]).toBeCloseTo(0.12133, 4);
    expect(gi.classes).toEqual(['none', 'none', 'none', 'none', 'none']);
  });

  it('gives z = 0 and class none when every count is equal', () => {
    const { neighbours } = gridContiguity(10, 10);
    const gi = getisOrd({ values: new Array(100).fill(3), neighbours });
    expect(Array.from(gi.z).every((z) => z === 0)).toBe(true);
    expect(Array.from(gi.p).every((p) => p === 1)).toBe(true);
    expect(gi.classes.every((c) => c === 'none')).toBe(true);
  });

  it('finds a planted hot block and a cold block on a grid, after BH adjustment', () => {
    const w = 40, h = 40;
    const rand = mulberry32(3);
    const values = new Float64Array(w * h);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      const hot = r >= 5 && r < 9 && c >= 5 && c < 9;
      const cold = r >= 25 && r < 32 && c >= 25 && c < 32;
      values[r * w + c] = hot ? 30 + rand() * 5 : cold ? 0 : 8 + rand() * 4;
    }
    const gi = getisOrd({ values, neighbours: gridContiguity(w, h).neighbours });
    expect(gi.classes[6 * w + 6]).toBe('hot');
    expect(gi.classes[28 * w + 28]).toBe('cold');
    expect(gi.classes[20 * w + 2]).toBe('none');
    const bonferroni = getisOrd({ values, neighbours: gridContiguity(w, h).neighbours }, { adjust: 'bonferroni' });
    const hotBh = gi.classes.filter((c) => c === 'hot').length;
    const hotBf = bonferroni.classes.filter((c) => c === 'hot').length;
    expect(hotBf).toBeGreaterThan(0);
    expect(hotBf).toBeLessThanOrEqual(hotBh);
  });

  it('ignores self and duplicate neighbours (binary weights)', () => {
    const a = getisOrd({ values: [1, 2, 3, 4, 10], neighbours: [[1], [0, 2], [1, 3], [2, 4], [3]] });
    const b = getisOrd({ values: [1, 2, 3, 4, 10], neighbours: [[0, 1, 1], [0, 2], [1, 3, 2], [2, 4], [3, 3]] });
    expect(Array.from(b.z)).toEqual(Array.from(a.z));
  });

  it('gives reproducible permutation p-values that agree with the normal ones in a large grid', () => {
    const w = 20, h = 20;
    const rand = mulberry32(9);
    const values = Float64Array.from({ length: w * h }, (_, i) => (i % w < 4 && i < 4 * w ? 40 : 10 + rand() * 10));
    const input = { values, neighbours: gridContiguity(w, h).neighbours };
    const a = getisOrd(input, { permutations: 999, seed: 5 });
    const b = getisOrd(input, { permutations: 999, seed: 5 });
    expect(Array.from(a.pPermutation ?? [])).toEqual(Array.from(b.pPermutation ?? []));
    expect(a.pPermutation?.[w + 1]).toBeCloseTo(1 / 1000, 10); // the planted block: nothing as extreme
    // 16 planted cells at p = 0.001 among 400 tests: BH-adjusted 0.001 × 400 / 16 = 0.025 < 0.05.
    expect(a.classes[w + 1]).toBe('hot');
    const mid = 12 * w + 12;
    expect(Math.abs((a.pPermutation?.[mid] as number) - (a.p[mid] as number))).toBeLessThan(0.2);
  });

  it('handles 35,000 areas quickly', () => {
    const w = 175, h = 200;
    const rand = mulberry32(1);
    const values = Float64Array.from({ length: w * h }, () => Math.floor(rand() * 10));
    const neighbours = gridContiguity(w, h).neighbours;
    const t = performance.now();
    const gi = getisOrd({ values, neighbours });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(gi.z).toHaveLength(35000);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => getisOrd({ values: [1, 2], neighbours: [[1]] })).toThrow(/input.neighbours has 1 lists for 2 values/);
    expect(() => getisOrd({ values: [1, NaN], neighbours: [[1], [0]] })).toThrow(/input.values\[1\]/);
    expect(() => getisOrd({ values: [1, 2], neighbours: [[5], [0]] })).toThrow(/input.neighbours\[0\] holds an invalid index/);
    expect(() => getisOrd({ values: [1, 2], neighbours: [[1], [0]] }, { alpha: 2 })).toThrow(/options.alpha/);
    expect(() => getisOrd({ values: [], neighbours: [] })).toThrow(expect.objectContaining({ code: 'CSP_ERR_ANALYSIS_INPUT' }));
  });
});
