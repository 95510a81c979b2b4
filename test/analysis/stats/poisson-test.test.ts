import { describe, expect, it } from 'vitest';
import { poissonTest } from '../../../src/analysis/stats/poisson-test.ts';

/** Relative closeness (absolute for expected 0). */
function close(actual: number | null, expected: number, rel = 1e-6): void {
  expect(actual).not.toBeNull();
  const a = actual as number;
  if (expected === 0) expect(Math.abs(a)).toBeLessThan(1e-12);
  else expect(Math.abs(a - expected) / Math.abs(expected)).toBeLessThan(rel);
}

// References: SciPy 1.17.1, r = scipy.stats.binomtest(after, after + before, tAfter / (tAfter + tBefore), alternative);
// ci = r.proportion_ci(confLevel, method='exact'); rate-ratio limits = ci / (1 - ci) * tBefore / tAfter.
// This is what R's poisson.test(c(after, before), c(tAfter, tBefore)) computes.
describe('poissonTest', () => {
  it('reproduces R ?poisson.test two-sample example poisson.test(c(11, 6+8+7), c(800, 1083+1050+878))', () => {
    // R prints: p-value = 0.07967; 95 percent CI 0.8584264 4.2772659; rate ratio 1.971488.
    // (The rate ratio is (11/800)/(21/3011) = 1.971488; "1.704644 / 0.7795364 3.5163057" quoted in the brief
    // are not consistent with that definition and are not R's output for this call.)
    const r = poissonTest({ after: 11, before: 21, tAfter: 800, tBefore: 3011 });
    close(r.rateRatio, 1.9714880952380953);
    close(r.ciLow, 0.858426403391619);
    close(r.ciHigh, 4.277265943654079);
    close(r.pValue, 0.0796686330333295);
    close(r.changePct, 97.14880952380953);
    expect(r.significant).toBe(false);
  });

  it('flags a significant rise', () => {
    // binomtest(40, 60, 0.5)
    const r = poissonTest({ after: 40, before: 20, tAfter: 1, tBefore: 1 });
    close(r.pValue, 0.01348929373119186);
    close(r.ciLow, 1.1419116048090903);
    close(r.ciHigh, 3.6110691066316147);
    close(r.changePct, 100);
    expect(r.significant).toBe(true);
  });

  it('handles tiny counts', () => {
    // binomtest(1, 3, 0.5)
    const r = poissonTest({ after: 1, before: 2, tAfter: 1, tBefore: 1 });
    expect(r.pValue).toBe(1);
    close(r.ciLow, 0.00847498034911154);
    close(r.ciHigh, 9.604529884670312);
    close(r.changePct, -50);
  });

  it('handles unequal exposures with small counts', () => {
    // binomtest(3, 7, 2/7)
    const r = poissonTest({ after: 3, before: 4, tAfter: 2, tBefore: 5 });
    close(r.rateRatio, 1.875);
    close(r.pValue, 0.4156346420284065);
    close(r.ciLow, 0.2746586866575875);
    close(r.ciHigh, 11.083149722956897);
  });

  it('after = 0: ratio 0, lower limit 0', () => {
    // binomtest(0, 7, 0.5)
    const r = poissonTest({ after: 0, before: 7, tAfter: 1, tBefore: 1 });
    expect(r.rateRatio).toBe(0);
    expect(r.ciLow).toBe(0);
    close(r.ciHigh, 0.6938139800965825);
    close(r.pValue, 0.015625);
    close(r.changePct, -100);
  });

  it('before = 0: ratio and change undefined, upper limit unbounded', () => {
    // binomtest(5, 5, 0.5)
    const r = poissonTest({ after: 5, before: 0, tAfter: 1, tBefore: 1 });
    expect(r.rateRatio).toBeNull();
    expect(r.changePct).toBeNull();
    expect(r.ciHigh).toBeNull();
    close(r.ciLow, 0.91635585731546);
    close(r.pValue, 0.0625);
  });

  it('both zero: p = 1, nothing estimable', () => {
    const r = poissonTest({ after: 0, before: 0, tAfter: 1, tBefore: 1 });
    expect(r).toMatchObject({ pValue: 1, rateRatio: null, changePct: null, ciLow: 0, ciHigh: null, significant: false });
  });

  it('handles large counts (1e6)', () => {
    // binomtest(1000000, 2001000, 0.5)
    const r = poissonTest({ after: 1_000_000, before: 1_001_000, tAfter: 1, tBefore: 1 });
    close(r.pValue, 0.48004939099003846);
    close(r.ciLow, 0.9962354879014067);
    close(r.ciHigh, 1.001774186102884);
    // binomtest(1000000, 2003000, 0.5)
    const s = poissonTest({ after: 1_000_000, before: 1_003_000, tAfter: 12, tBefore: 12 });
    close(s.pValue, 0.034088365079432);
    close(s.ciLow, 0.9942503496367086);
    close(s.ciHigh, 0.9997752476987439);
    expect(s.significant).toBe(true);
    // binomtest(1000000, 1900000, 365/731): p underflows to 0
    const t = poissonTest({ after: 1_000_000, before: 900_000, tAfter: 365, tBefore: 366 });
    expect(t.pValue).toBeLessThan(1e-300);
    close(t.ciLow, 1.1109858017436045);
    close(t.ciHigh, 1.1173338601918728);
  });

  it('one-sided alternatives', () => {
    // binomtest(30, 48, 0.5, alternative='greater') / 'less'
    const g = poissonTest({ after: 30, before: 18, tAfter: 1, tBefore: 1 }, { alternative: 'greater' });
    close(g.pValue, 0.05570144553050939);
    close(g.ciLow, 0.9848496595806434);
    expect(g.ciHigh).toBeNull();
    const l = poissonTest({ after: 30, before: 18, tAfter: 1, tBefore: 1 }, { alternative: 'less' });
    close(l.pValue, 0.9702683123731148);
    expect(l.ciLow).toBe(0);
    close(l.ciHigh, 2.8721729209029507);
  });

  it('rejects invalid input', () => {
    expect(() => poissonTest({ after: -1, before: 2, tAfter: 1, tBefore: 1 })).toThrow(/after/);
    expect(() => poissonTest({ after: 1.5, before: 2, tAfter: 1, tBefore: 1 })).toThrow(/after/);
    expect(() => poissonTest({ after: 1, before: Number.NaN, tAfter: 1, tBefore: 1 })).toThrow(/before/);
    expect(() => poissonTest({ after: 1, before: 2, tAfter: 0, tBefore: 1 })).toThrow(/tAfter/);
    expect(() => poissonTest({ after: 1, before: 2, tAfter: 1, tBefore: Infinity })).toThrow(/tBefore/);
    expect(() => poissonTest({ after: 1, before: 2, tAfter: 1, tBefore: 1 }, { confLevel: 1 })).toThrow(/confLevel/);
    try {
      poissonTest({ after: -1, before: 2, tAfter: 1, tBefore: 1 });
    } catch (e) {
      expect((e as { code: string }).code).toBe('CSP_ERR_ANALYSIS_INPUT');
    }
  });
});
