/**
 * False-alarm rate of the seasonal control chart on simulated series with no special causes: Poisson
 * and overdispersed (gamma-Poisson, φ = 5) monthly counts with a trend and a season like real
 * burglary. At 3 sigma the nominal two-sided rate is 0.27%; the chart must stay within twice that.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/analysis/spatial/random.ts';
import { seasonalControlChart } from '../../../src/analysis/stats/seasonal-control-chart.ts';
import { gammaPoissonDraw } from '../../../src/synthetic/draws.ts';

const NOMINAL = 0.0027;

function falseAlarmRate(dispersion: number, seed: number, series = 300, length = 48): { rate: number; judged: number } {
  const rand = mulberry32(seed);
  let flags = 0;
  let judged = 0;
  for (let s = 0; s < series; s++) {
    const base = 150 + 150 * rand();
    const growth = 0.006 * (rand() - 0.5);
    const values = Array.from({ length }, (_, t) => gammaPoissonDraw(base * Math.exp(growth * t) * (1 + 0.12 * Math.cos(((t % 12) - 11) / 6 * Math.PI)), dispersion, rand));
    const r = seasonalControlChart({ values, firstMonth: 1 });
    flags += r.flags.length;
    judged += length - r.assessedFrom;
  }
  return { rate: flags / judged, judged };
}

describe('seasonalControlChart false alarms', () => {
  it('Poisson series: within twice the nominal 3-sigma rate', () => {
    const r = falseAlarmRate(1, 11);
    expect(r.judged).toBe(300 * 24);
    expect(r.rate).toBeLessThan(2 * NOMINAL);
    expect(r.rate).toBeGreaterThan(NOMINAL / 4);
  });

  it('overdispersed series (φ = 5): within twice the nominal rate', () => {
    const r = falseAlarmRate(5, 12);
    expect(r.rate).toBeLessThan(2 * NOMINAL);
    expect(r.rate).toBeGreaterThan(NOMINAL / 4);
  });
});
