import { describe, expect, it } from 'vitest';
import { poissonMeanInterval, rankAmong, rates } from '../../../src/analysis/stats/rates.ts';

function close(actual: number, expected: number, rel = 1e-6): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

// References: SciPy 1.17.1, Garwood limits chi2.ppf(a/2, 2x)/2 and chi2.ppf(1-a/2, 2x+2)/2, scaled by per/population.
describe('rates', () => {
  it('reproduces R ?poisson.test one-sample example poisson.test(137, 24.19893)', () => {
    // R prints 95 percent CI 4.753125 6.692709, event rate 5.661407
    const r = rates({ areas: [{ key: 'smr', count: 137, population: 24198.93 }] });
    const a = r.areas[0]!;
    close(a.rate, 5.661407343217241);
    close(a.ciLow, 4.75312480484875);
    close(a.ciHigh, 6.692709334176072);
    expect(a.ciLow.toFixed(6)).toBe('4.753125');
    expect(a.ciHigh.toFixed(6)).toBe('6.692709');
  });

  it('zero, small and large counts; per and confLevel options', () => {
    const r = rates({
      areas: [
        { key: 'zero', count: 0, population: 5000 },
        { key: 'five', count: 5, population: 1234 },
        { key: 'big', count: 1_000_000, population: 60_000_000 },
      ],
    });
    const [zero, five, big] = r.areas;
    expect(zero!.rate).toBe(0);
    expect(zero!.ciLow).toBe(0);
    close(zero!.ciHigh, 0.7377758908227872);
    close(five!.rate, 4.051863857374392);
    close(five!.ciLow, 1.3156291654120102);
    close(five!.ciHigh, 9.455698605609943);
    close(big!.ciLow, 16.6340163890049);
    close(big!.ciHigh, 16.699365199090536);
    expect(r.areas.map((a) => a.rank)).toEqual([3, 2, 1]);
    // chi2.ppf(0.05, 20)/2 * 10/1000, chi2.ppf(0.95, 22)/2 * 10/1000
    const s = rates({ areas: [{ key: 'x', count: 10, population: 1000 }] }, { per: 10, confLevel: 0.9 });
    close(s.areas[0]!.rate, 0.1);
    close(s.areas[0]!.ciLow, 0.054254056970912956);
    close(s.areas[0]!.ciHigh, 0.16962219235721904);
    close(poissonMeanInterval(5).high, 9.455698605609943 * (1234 / 1000));
  });

  it('rankAmong: 1 = highest, ties share the best rank', () => {
    const values = { a: 5, b: 9, c: 5, d: 1 };
    expect(rankAmong(values, 'b')).toEqual({ rank: 1, of: 4 });
    expect(rankAmong(values, 'a')).toEqual({ rank: 2, of: 4 });
    expect(rankAmong(values, 'c')).toEqual({ rank: 2, of: 4 });
    expect(rankAmong(new Map([['a', 5], ['d', 1]]), 'd')).toEqual({ rank: 2, of: 2 });
    expect(() => rankAmong(values, 'z')).toThrow(/key/);
    expect(() => rankAmong({ a: Number.NaN }, 'a')).toThrow(/values/);
  });

  it('rejects invalid input', () => {
    expect(() => rates({ areas: [{ key: 'a', count: -1, population: 10 }] })).toThrow(/count/);
    expect(() => rates({ areas: [{ key: 'a', count: 1, population: 0 }] })).toThrow(/population/);
    expect(() => rates({ areas: [{ key: 'a', count: 1, population: 1 }, { key: 'a', count: 1, population: 1 }] })).toThrow(/duplicate/);
    expect(rates({ areas: [] }).areas).toEqual([]);
  });
});
