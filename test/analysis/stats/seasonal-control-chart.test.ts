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
    expect(seasonalControlChart({ values, firstMonth: 1 }, { seasonal: false }).flags.length).toBeGreaterThan(0);
  });

  it('flags a spike and a drop against the expected level, with Poisson limits', () => {
    const values = months(30, () => 400);
    values[20] = 480; // 400 + 3·√400 = 460
    values[25] = 330; // 400 − 3·√400 = 340
    const r = seasonalControlChart({ values, firstMonth: 4 }, { seasonal: false, trend: false });
    expect(r.flags).toEqual([
      { index: 20, value: 480, side: 'high' },
      { index: 25, value: 330, side: 'low' },
    ]);
    expect(r.expected[12]).toBe(400);
    expect(r.upper[12]).toBe(460);
    expect(r.expected[0]).toBeNull();
    expect(r.assessedFrom).toBe(12);
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
