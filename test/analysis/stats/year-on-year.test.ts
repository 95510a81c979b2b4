import { describe, expect, it } from 'vitest';
import { yearOnYear } from '../../../src/analysis/stats/year-on-year.ts';
import { poissonTest } from '../../../src/analysis/stats/poisson-test.ts';

function series(from: [number, number], counts: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  counts.forEach((c, i) => {
    const idx = from[0] * 12 + from[1] - 1 + i;
    out[`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`] = c;
  });
  return out;
}

describe('yearOnYear', () => {
  it('compares the latest 12 months with the same months a year earlier', () => {
    const s = series([2022, 7], [...Array<number>(12).fill(10), ...Array<number>(12).fill(15)]);
    const r = yearOnYear({ series: s });
    expect(r.from).toBe('2023-07');
    expect(r.to).toBe('2024-06');
    expect(r.matched).toHaveLength(12);
    expect(r.missing).toEqual([]);
    expect(r.test.before).toBe(120);
    expect(r.test.after).toBe(180);
    expect(r.test.changePct).toBeCloseTo(50, 10);
    // same as poissonTest on the sums (SciPy binomtest(180, 300, 0.5).pvalue = 0.0005863…)
    expect(r.test).toEqual(poissonTest({ before: 120, after: 180, tBefore: 12, tAfter: 12 }));
    expect(r.test.significant).toBe(true);
  });

  it('uses only months present in both years and reports the rest', () => {
    const s: Record<string, number> = { '2023-01': 5, '2023-02': 7, '2024-01': 6, '2024-03': 0, '2024-02': 9 };
    delete s['2023-02'];
    const r = yearOnYear({ series: s }, { months: 3 });
    expect(r.from).toBe('2024-01');
    expect(r.to).toBe('2024-03');
    expect(r.matched).toEqual(['2024-01']);
    expect(r.missing).toEqual([
      { month: '2024-02', missing: 'before' },
      { month: '2024-03', missing: 'before' },
    ]);
    expect(r.test.before).toBe(5);
    expect(r.test.after).toBe(6);
  });

  it('zero counts are data, not gaps; window can end before the latest month', () => {
    const r = yearOnYear(
      { series: new Map([['2023-05', 0], ['2024-05', 0], ['2024-06', 3]]) },
      { months: 1, latest: '2024-05' },
    );
    expect(r.matched).toEqual(['2024-05']);
    expect(r.test).toMatchObject({ before: 0, after: 0, pValue: 1, rateRatio: null });
    const gap = yearOnYear({ series: { '2023-05': 2, '2024-05': 1 } }, { months: 2, latest: '2024-06' });
    expect(gap.missing).toEqual([{ month: '2024-06', missing: 'both' }]);
  });

  it('a period with no data in both years is an error', () => {
    expect(() => yearOnYear({ series: { '2024-01': 3, '2024-02': 4 } })).toThrow(/both years/);
    expect(() => yearOnYear({ series: {} })).toThrow(/series/);
    expect(() => yearOnYear({ series: { '2024-13': 3 } })).toThrow(/YYYY-MM/);
    expect(() => yearOnYear({ series: { '2024-01': -3 } })).toThrow(/series/);
    expect(() => yearOnYear({ series: { '2024-01': 3 } }, { months: 0 })).toThrow(/months/);
  });

  it('large counts', () => {
    const s = series([2023, 1], [...Array<number>(12).fill(100_000), ...Array<number>(12).fill(101_000)]);
    const r = yearOnYear({ series: s });
    expect(r.test.changePct).toBeCloseTo(1, 10);
    expect(r.test.significant).toBe(true);
  });
});
