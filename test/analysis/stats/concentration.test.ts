import { describe, expect, it } from 'vitest';
import { concentration } from '../../../src/analysis/stats/concentration.ts';

function close(actual: number | null, expected: number, rel = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(rel);
}

// Gini references: NumPy, x = np.sort(x); (2*np.sum(np.arange(1, n+1)*x)/x.sum() - (n+1))/n, the formula of R's ineq::Gini(x).
describe('concentration', () => {
  it('top shares, Gini and a subset', () => {
    const r = concentration({ counts: { a: 50, b: 10, c: 0, d: 0 }, subset: ['a', 'c'] });
    expect(r.total).toBe(60);
    expect(r.top.map((t) => t.areas)).toEqual([1, 1]);
    close(r.top[0]!.share, 50 / 60);
    expect(r.top[0]!.keys).toEqual(['a']);
    close(r.gini, 0.6666666666666667);
    expect(r.subset).toEqual({ areas: 2, count: 50, share: 50 / 60, areaShare: 0.5 });
  });

  it('ceil(p n) areas, ties at the boundary broken by key without changing the share', () => {
    const values = [5, 3, 3, 3, 1, ...Array<number>(15).fill(0), 1, 2];
    const counts = Object.fromEntries(values.map((v, i) => [`L${String(i).padStart(2, '0')}`, v]));
    const r = concentration({ counts });
    // n = 22: top 5% = ceil(1.1) = 2 areas, top 10% = ceil(2.2) = 3 areas
    expect(r.top[0]).toMatchObject({ areas: 2, count: 8, keys: ['L00', 'L01'], tiedAtBoundary: true });
    close(r.top[0]!.share, 8 / 18);
    expect(r.top[1]).toMatchObject({ areas: 3, count: 11, tiedAtBoundary: true });
    close(r.gini, 0.7676767676767675);
  });

  it('exact multiples are not rounded up by floating point (0.1 × 30 = 3)', () => {
    const counts = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, i]));
    const r = concentration({ counts }, { fractions: [0.1] });
    expect(r.top[0]!.areas).toBe(3);
    expect(r.top[0]!.count).toBe(29 + 28 + 27);
  });

  it('uniform counts and a linear ramp', () => {
    expect(concentration({ counts: { a: 4, b: 4, c: 4 } }).gini).toBe(0);
    const ramp = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`a${i}`, i]));
    close(concentration({ counts: ramp }).gini, 0.33666666666666656);
  });

  it('all zero counts: shares and Gini undefined', () => {
    const r = concentration({ counts: new Map([['a', 0], ['b', 0]]), subset: ['a'] });
    expect(r.gini).toBeNull();
    expect(r.top[0]!.share).toBeNull();
    expect(r.subset!.share).toBeNull();
  });

  it('large counts', () => {
    const r = concentration({ counts: { a: 1_000_000, b: 1_000_000, c: 2_000_000 } });
    close(r.gini, (2 * (1e6 + 2e6 + 6e6)) / (3 * 4e6) - 4 / 3);
  });

  it('rejects invalid input', () => {
    expect(() => concentration({ counts: {} })).toThrow(/counts/);
    expect(() => concentration({ counts: { a: -1 } })).toThrow(/counts/);
    expect(() => concentration({ counts: { a: 1 }, subset: ['b'] })).toThrow(/subset/);
    expect(() => concentration({ counts: { a: 1 } }, { fractions: [0] })).toThrow(/fractions/);
  });
});
