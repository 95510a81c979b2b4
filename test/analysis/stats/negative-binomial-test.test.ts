import { describe, expect, it } from 'vitest';
import { nbAlphaFromDispersion, negativeBinomialChange } from '../../../src/analysis/stats/negative-binomial-test.ts';

// Reference: statsmodels 0.15.0, monthly counts
//   y = [30,41,25,38,33,47,29,36,40,31,27,35, 22,30,19,28,26,33,21,25,31,24,20,27] (sums 412 and 306),
//   sm.GLM(y, [1, after], family=sm.families.NegativeBinomial(alpha=a)).fit(method='newton') (converged fully;
//   the default IRLS stops about 1e-7 short): coefficient of `after`.
describe('negative binomial change test', () => {
  it('matches statsmodels NegativeBinomial(alpha=0.05): log RR -0.297438, se 0.1184419, p 0.0120302, 95% CI on the log scale -0.52958 to -0.065297', () => {
    const r = negativeBinomialChange({ before: 412, after: 306, monthsBefore: 12, monthsAfter: 12, alpha: 0.05 });
    expect(Math.log(r.rateRatio!)).toBeCloseTo(-0.29743824742965275, 9);
    expect(r.seLog).toBeCloseTo(0.11844193368719501, 9);
    expect(r.pValue).toBeCloseTo(0.012030175572146277, 8);
    expect(Math.log(r.ciLow!)).toBeCloseTo(-0.52958, 5);
    expect(Math.log(r.ciHigh!)).toBeCloseTo(-0.0652965, 6);
  });

  it('with alpha 0 is the Poisson GLM Wald test (statsmodels Poisson: se 0.0754663, p 8.10276e-05)', () => {
    const r = negativeBinomialChange({ before: 412, after: 306, monthsBefore: 12, monthsAfter: 12, alpha: 0 });
    expect(r.seLog).toBeCloseTo(0.07546627273760845, 9);
    expect(r.pValue! / 8.102764015313252e-5).toBeCloseTo(1, 6);
  });

  it('has no rate ratio when a period has no incidents, and refuses bad input', () => {
    expect(negativeBinomialChange({ before: 0, after: 5, monthsBefore: 12, monthsAfter: 12, alpha: 0.1 }).pValue).toBeNull();
    expect(() => negativeBinomialChange({ before: 5, after: 5, monthsBefore: 0, monthsAfter: 12, alpha: 0.1 })).toThrow(RangeError);
    expect(() => negativeBinomialChange({ before: 5, after: 5, monthsBefore: 12, monthsAfter: 12, alpha: -1 })).toThrow(RangeError);
  });

  it('alpha from the quasi-Poisson scale gives the same variance: mu + alpha mu^2 = phi mu, and 0 below phi = 1', () => {
    const mu = 34.5;
    const a = nbAlphaFromDispersion(2.3, mu);
    expect(mu + a * mu * mu).toBeCloseTo(2.3 * mu, 10);
    expect(nbAlphaFromDispersion(0.8, mu)).toBe(0);
    expect(() => nbAlphaFromDispersion(2, 0)).toThrow(RangeError);
  });
});
