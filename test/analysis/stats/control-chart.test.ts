import { describe, expect, it } from 'vitest';
import { controlChart } from '../../../src/analysis/stats/control-chart.ts';

// References are closed-form: c-chart limits c̄ ± 3√c̄, u-chart ū ± 3√(ū/nᵢ) (Montgomery §7.3),
// evaluated here with the numbers written out.
describe('controlChart', () => {
  it('c-chart over the whole series flags a spike', () => {
    const values = [10, 12, 9, 11, 10, 30, 8, 10, 11, 9, 12, 10];
    const r = controlChart({ values });
    const centre = 142 / 12;
    expect(r.kind).toBe('c');
    expect(r.centre).toBeCloseTo(centre, 12);
    expect(r.upper[0]).toBeCloseTo(centre + 3 * Math.sqrt(centre), 12);
    expect(r.lower[0]).toBeCloseTo(centre - 3 * Math.sqrt(centre), 12);
    expect(r.flags).toEqual([{ index: 5, value: 30, side: 'high' }]);
    expect(r.shifts).toEqual([]);
  });

  it('baseline = first n points, low flag, lower limit floored at 0', () => {
    const r = controlChart({ values: [40, 42, 38, 40, 10, 41] }, { baseline: 4 });
    expect(r.centre).toBe(40);
    expect(r.lower[0]).toBeCloseTo(40 - 3 * Math.sqrt(40), 12);
    expect(r.flags).toEqual([{ index: 4, value: 10, side: 'low' }]);
    const small = controlChart({ values: [1, 0, 2, 1] });
    expect(small.lower).toEqual([0, 0, 0, 0]);
    expect(small.flags).toEqual([]);
  });

  it('all-zero baseline: limits 0, any count is high', () => {
    const r = controlChart({ values: [0, 0, 0, 2] }, { baseline: 3 });
    expect(r.upper[3]).toBe(0);
    expect(r.flags).toEqual([{ index: 3, value: 2, side: 'high' }]);
  });

  it('run rule: 8 or more consecutive points on one side is a shift', () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 5, 12, 12, 12, 12, 12, 12, 12, 12, 12, 5];
    const r = controlChart({ values }, { baseline: 8, sigma: 100 });
    expect(r.centre).toBe(5);
    // points equal to the centre break runs; 9 points above from index 8 to 16
    expect(r.shifts).toEqual([{ start: 8, end: 16, side: 'high' }]);
    const s = controlChart({ values: [1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9] }, { sigma: 100 });
    expect(s.shifts).toEqual([
      { start: 0, end: 7, side: 'low' },
      { start: 8, end: 15, side: 'high' },
    ]);
    const seven = controlChart({ values: [1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9] }, { sigma: 100 });
    expect(seven.shifts).toEqual([]);
  });

  it('u-chart with exposures', () => {
    const values = [31, 28, 30, 60];
    const exposures = [31, 28, 30, 31];
    const r = controlChart({ values, exposures }, { baseline: 3 });
    expect(r.kind).toBe('u');
    expect(r.centre).toBe(1);
    expect(r.upper[1]).toBeCloseTo(1 + 3 * Math.sqrt(1 / 28), 12);
    expect(r.lower[0]).toBeCloseTo(1 - 3 * Math.sqrt(1 / 31), 12);
    expect(r.flags).toEqual([{ index: 3, value: 60 / 31, side: 'high' }]);
  });

  it('large counts', () => {
    const r = controlChart({ values: [1_000_000, 1_000_500, 999_800, 1_010_000] }, { baseline: 3 });
    expect(r.flags.map((f) => f.index)).toEqual([3]);
  });

  it('rejects invalid input', () => {
    expect(() => controlChart({ values: [] })).toThrow(/values/);
    expect(() => controlChart({ values: [1, -2] })).toThrow(/values\[1\]/);
    expect(() => controlChart({ values: [1, 2] }, { baseline: 3 })).toThrow(/baseline/);
    expect(() => controlChart({ values: [1, 2], exposures: [1] })).toThrow(/exposures/);
    expect(() => controlChart({ values: [1, 2], exposures: [1, 0] })).toThrow(/exposures\[1\]/);
  });
});
