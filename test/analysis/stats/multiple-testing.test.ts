import { describe, expect, it } from 'vitest';
import { multipleTesting } from '../../../src/analysis/stats/multiple-testing.ts';

function closeAll(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] as number))).toBeLessThan(1e-12));
}

describe('multipleTesting', () => {
  it('Benjamini-Hochberg as R p.adjust(p, "BH")', () => {
    // SciPy 1.17.1: scipy.stats.false_discovery_control([0.01,0.04,0.03,0.005,0.2,0.04,0.9]) (method 'bh')
    const r = multipleTesting({ pValues: [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9] });
    closeAll(r.adjusted, [0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.9]);
    expect(r.significant).toEqual([true, false, false, true, false, false, false]);
    // scipy.stats.false_discovery_control([0.0001, 0.5, 0.5, 0.02, 0.03])
    closeAll(multipleTesting({ pValues: [0.0001, 0.5, 0.5, 0.02, 0.03] }).adjusted, [0.0005, 0.5, 0.5, 0.05, 0.05]);
  });

  it('Bonferroni as R p.adjust(p, "bonferroni")', () => {
    const r = multipleTesting({ pValues: [0.01, 0.3, 0.004] }, { method: 'bonferroni' });
    closeAll(r.adjusted, [0.03, 0.9, 0.012]);
    closeAll(multipleTesting({ pValues: [0.5, 0.6] }, { method: 'bonferroni' }).adjusted, [1, 1]);
  });

  it('edge cases', () => {
    expect(multipleTesting({ pValues: [] }).adjusted).toEqual([]);
    expect(multipleTesting({ pValues: [0.03] }).adjusted).toEqual([0.03]);
    expect(() => multipleTesting({ pValues: [0.1, Number.NaN] })).toThrow(/pValues\[1\]/);
    expect(() => multipleTesting({ pValues: [1.2] })).toThrow(/pValues\[0\]/);
  });
});
