import { describe, expect, it } from 'vitest';
import { controlChart } from '../../../src/analysis/stats/control-chart.ts';
import { seasonalControlChart } from '../../../src/analysis/stats/seasonal-control-chart.ts';

const months = (n: number, f: (t: number) => number) => Array.from({ length: n }, (_, t) => Math.round(f(t)));

describe('seasonalControlChart', () => {
  it('flags nothing on a steady rise that a fixed-centre c-chart flags throughout', () => {
    const values = months(42, (t) => 1300 + 12 * t);
    expect(controlChart({ values }).flags.length).toBeGreaterThan(10);
    expect(seasonalControlChart({ values, firstMonth: 1 }).flags).toEqual([]);
  });

  it('flags nothing on a strong season once adjusted, and flags the season when not', () => {
    const values = months(48, (t) => 900 * (1 + 0.2 * Math.cos(((t % 12) - 6) / 6 * Math.PI)));
    const adjusted = seasonalControlChart({ values, firstMonth: 1 });
    expect(adjusted.seasonallyAdjusted).toBe(true);
    expect(adjusted.flags).toEqual([]);
    // July (index 6) is the peak month: about 1.2 times the mean.
    expect(adjusted.seasonalIndex[6]).toBeCloseTo(1.2, 1);
    // Unadjusted, the season is read as noise: the dispersion estimated from the months before is large.
    const unadjusted = seasonalControlChart({ values, firstMonth: 1 }, { seasonal: false });
    expect(unadjusted.dispersion[47]).toBeGreaterThan(10);
    expect(unadjusted.assessedFrom).toBe(12);
  });

  it('flags a spike and a drop against the expected level, with limits allowing for the error of the level', () => {
    const values = months(30, () => 400);
    values[20] = 480; // above 400 + 3·√(400 + 400/12) = 462.45 (count and mean-of-12 errors)
    values[25] = 330; // below 400 − 3·√(400 + 400/12) = 337.55
    const r = seasonalControlChart({ values, firstMonth: 4 }, { seasonal: false, trend: false });
    expect(r.flags).toEqual([
      { index: 20, value: 480, side: 'high' },
      { index: 25, value: 330, side: 'low' },
    ]);
    expect(r.expected[12]).toBe(400);
    expect(r.upper[12]).toBeCloseTo(400 + 3 * Math.sqrt(400 + 400 / 12), 9);
    expect(r.dispersion[12]).toBe(1);
    expect(r.expected[0]).toBeNull();
    expect(r.assessedFrom).toBe(12);
  });

  it("judges a month only on the months before it: adding later months does not change its limits or flag", () => {
    const values = months(40, (t) => 500 * (1 + 0.15 * Math.cos((t / 6) * Math.PI)) + ((t * 37) % 23) - 11);
    const short = seasonalControlChart({ values: values.slice(0, 30), firstMonth: 1 });
    const long = seasonalControlChart({ values, firstMonth: 1 });
    expect(short.assessedFrom).toBe(24);
    for (let t = 24; t < 30; t++) {
      expect(long.expected[t]).toBe(short.expected[t]);
      expect(long.upper[t]).toBe(short.upper[t]);
    }
    expect(long.flags.filter((f) => f.index < 30)).toEqual(short.flags);
  });

  it('carries the recent trend one month on', () => {
    const values = months(24, (t) => 100 + 10 * t);
    const r = seasonalControlChart({ values, firstMonth: 1 }, { seasonal: false });
    expect(r.expected[12]).toBeCloseTo(220, 9);
    expect(r.expected[23]).toBeCloseTo(330, 9);
    expect(seasonalControlChart({ values, firstMonth: 1 }, { seasonal: false, trend: false }).expected[12]).toBeCloseTo(155, 9);
  });

  it('refuses negative counts and a bad first month', () => {
    expect(() => seasonalControlChart({ values: [1, -1], firstMonth: 1 })).toThrow(/non-negative/);
    expect(() => seasonalControlChart({ values: [1], firstMonth: 13 })).toThrow(/firstMonth/);
  });
});
