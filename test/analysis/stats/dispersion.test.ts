import { describe, expect, it } from 'vitest';
import { dispersionFactor, estimateDispersion } from '../../../src/analysis/stats/dispersion.ts';
import { studentTQuantile, studentTTwoSided } from '../../../src/analysis/stats/distributions.ts';
import { quasiPoissonTest } from '../../../src/analysis/stats/quasi-poisson-test.ts';
import { poissonTest } from '../../../src/analysis/stats/poisson-test.ts';
import { addMonths } from '../../../src/analysis/months.ts';

function close(actual: number | null, expected: number, rel = 1e-7): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(rel);
}

const series = (first: string, values: readonly number[], skip: readonly number[] = []): Map<string, number> =>
  new Map(values.map((v, i) => [addMonths(first, i), v] as [string, number]).filter((_, i) => !skip.includes(i)));

// References: statsmodels 0.15.0, sm.GLM(y, X, family=Poisson()).fit(scale='X2').scale with X = [1, months/12,
// calendar-month dummies Feb..Dec], the same as R summary(glm(y ~ t + factor(month), family = quasipoisson))$dispersion.
describe('estimateDispersion', () => {
  // numpy default_rng(7): Poisson(Gamma(shape 50, mean mu_t)) with a 1%/month trend and a cosine season, from 2016-02.
  const overdispersed = [303, 238, 240, 241, 230, 241, 229, 244, 213, 174, 233, 286, 328, 202, 297, 196, 275, 219, 244, 326, 282, 313, 395, 278, 407, 451, 282, 322, 310, 277, 265, 280, 296, 368, 451, 343];
  it('matches the quasi-Poisson scale of a trend + season fit (36 months)', () => {
    const r = estimateDispersion({ series: series('2016-02', overdispersed) });
    close(r.dispersion, 7.426369715438975);
    expect(r).toMatchObject({ df: 23, months: 36, trend: true, seasonal: true });
  });

  it('matches a smooth series (underdispersed, reported as estimated)', () => {
    const y = [212, 187, 205, 230, 241, 198, 220, 254, 263, 290, 301, 276, 240, 201, 219, 248, 236, 214, 229, 262, 281, 312, 330, 290, 262, 228, 231, 270, 249, 231, 252, 281, 300, 344, 356, 318];
    const r = estimateDispersion({ series: series('2016-02', y) });
    close(r.dispersion, 0.15831000958748004, 1e-6);
    expect(dispersionFactor(r.dispersion)).toBe(1);
  });

  it('fits trend only below 24 months, and leaves gaps out rather than reading them as zero', () => {
    const y = [31, 22, 40, 28, 35, 19, 44, 37, 25, 30, 52, 33, 29, 41, 38, 27, 46, 36];
    const full = estimateDispersion({ series: series('2016-02', y) });
    close(full.dispersion, 2.107080937814275);
    expect(full).toMatchObject({ df: 16, seasonal: false, trend: true });
    const gap = estimateDispersion({ series: series('2016-02', y, [5, 6]) });
    close(gap.dispersion, 1.73367120480086);
    expect(gap.df).toBe(14);
  });

  it('gives no estimate for a short or empty series', () => {
    expect(estimateDispersion({ series: series('2019-01', [3, 4, 5, 6]) }).dispersion).toBeNull();
    expect(estimateDispersion({ series: series('2019-01', new Array(20).fill(0)) }).dispersion).toBeNull();
  });
});

describe('Student t', () => {
  it('matches scipy.stats.t', () => {
    close(studentTTwoSided(2.1, 7), 0.07387119621292265, 1e-9);
    close(studentTQuantile(0.975, 7), 2.364624251592784, 1e-9);
    close(studentTQuantile(0.995, 30), 2.7499956535672254, 1e-9);
  });
});

// References: statsmodels GLM([b, a], [[1, 0], [1, 1]], Poisson(), offset=log([tB, tA])).fit(scale=phi) gives
// params[1] = log RR and bse[1] = sqrt(phi (1/a + 1/b)) (agreeing to 1e-6, its IRLS tolerance); the values below are
// that closed form with SciPy 1.17.1: p = 2 t.sf(|log RR / se|, df) (norm.sf when df is None), CI exp(log RR ± t.ppf(0.975, df) se).
describe('quasiPoissonTest', () => {
  it('inflates the variance by the dispersion and keeps the exact Poisson p-value beside it', () => {
    const r = quasiPoissonTest({ before: 1000, after: 900, tBefore: 12, tAfter: 12, dispersion: 4, df: 22 });
    close(r.rateRatio, 0.9);
    close(r.pValue, 0.263886093521259, 1e-9);
    close(r.ciLow, 0.743834809669553, 1e-9);
    close(r.ciHigh, 1.0889514573267158, 1e-9);
    expect(r.significant).toBe(false);
    expect(r.method).toBe('quasi-poisson');
    close(r.pValuePoisson, poissonTest({ before: 1000, after: 900, tBefore: 12, tAfter: 12 }).pValue, 1e-12);
    expect(r.pValuePoisson).toBeLessThan(0.05);
  });

  it('weights unequal periods', () => {
    const r = quasiPoissonTest({ before: 3011, after: 2950, tBefore: 12, tAfter: 6, dispersion: 2.5, df: 10 });
    close(r.rateRatio, 1.959481899701095);
    close(r.pValue, 1.4593616678041637e-8, 1e-7);
    close(r.ciLow, 1.7885672045536607, 1e-9);
    close(r.ciHigh, 2.1467291279191185, 1e-9);
  });

  it('uses the normal distribution without degrees of freedom', () => {
    const r = quasiPoissonTest({ before: 120, after: 150, tBefore: 12, tAfter: 12, dispersion: 3.2, df: null });
    close(r.pValue, 0.30843740596472247, 1e-9);
    close(r.ciLow, 0.8136190311970326, 1e-9);
    close(r.ciHigh, 1.9204319713382074, 1e-9);
  });

  it('is the exact Poisson test when the dispersion is unknown or at most 1', () => {
    for (const dispersion of [null, 0.7, 1]) {
      const r = quasiPoissonTest({ before: 40, after: 20, tBefore: 1, tAfter: 1, dispersion, df: 20 });
      expect(r.method).toBe('poisson');
      expect(r.pValue).toBe(r.pValuePoisson);
      expect(r.dispersion).toBe(dispersion);
    }
  });

  it('uses the score statistic when a count is zero', () => {
    // (0 - 10 * 0.5) / sqrt(2 * 10 * 0.25) = -2.236068; 2 * norm.sf(2.236068) = 0.025347
    const r = quasiPoissonTest({ before: 10, after: 0, tBefore: 1, tAfter: 1, dispersion: 2, df: null });
    expect(r.method).toBe('quasi-poisson-score');
    close(r.pValue, 0.025347318677468252, 1e-8);
  });
});
