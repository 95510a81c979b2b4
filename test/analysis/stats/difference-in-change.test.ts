import { describe, expect, it } from 'vitest';
import { differenceInChange } from '../../../src/analysis/stats/difference-in-change.ts';

function close(actual: number | null, expected: number, rel = 1e-6): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('differenceInChange', () => {
  it('Wald test on the log ratio of rate ratios when all counts >= 5', () => {
    // Python/SciPy: lr = log(150*1000/(100*1000)); se = sqrt(1/100+1/150+1/1000+1/1000);
    // exp(lr ± norm.ppf(0.975)*se); 2*norm.sf(lr/se)
    const r = differenceInChange({ areaBefore: 100, areaAfter: 150, comparatorBefore: 1000, comparatorAfter: 1000 });
    expect(r.method).toBe('wald');
    close(r.areaRateRatio, 1.5);
    close(r.comparatorRateRatio, 1);
    close(r.ratioOfRatios, 1.5);
    close(r.ciLow, 1.1476117556323393);
    close(r.ciHigh, 1.9605933704994507);
    close(r.pValue, 0.003000363176510886);
    expect(r).toMatchObject({ significant: true, inLine: false });
  });

  it('in line with the comparator', () => {
    // Python/SciPy: lr = log(60*1000/(50*900)); se = sqrt(1/50+1/60+1/1000+1/900);
    // exp(lr ± norm.ppf(0.975)*se); 2*norm.sf(abs(lr/se))
    const r = differenceInChange({ areaBefore: 50, areaAfter: 60, comparatorBefore: 1000, comparatorAfter: 900 });
    close(r.ratioOfRatios, (60 * 1000) / (50 * 900));
    close(r.ciLow, 0.9063991695852373);
    close(r.ciHigh, 1.9613629816003446);
    close(r.pValue, 0.14404210104252868);
    expect(r).toMatchObject({ method: 'wald', significant: false, inLine: true });
  });

  it('exact conditional (Fisher) test for small counts, as fisher.test', () => {
    // SciPy: fisher_exact([[3,1],[100,120]]); odds_ratio([[3,1],[100,120]]).confidence_interval(0.95)
    // (table [[areaAfter, areaBefore], [comparatorAfter, comparatorBefore]])
    const r = differenceInChange({ areaBefore: 1, areaAfter: 3, comparatorBefore: 120, comparatorAfter: 100 });
    expect(r.method).toBe('exact');
    close(r.ratioOfRatios, 3.6);
    close(r.pValue, 0.33605117461619705);
    close(r.ciLow, 0.2825297013041427);
    close(r.ciHigh, 190.53281413415812);
    expect(r.inLine).toBe(true);
    // fisher_exact([[2,8],[40,35]]); odds_ratio(...).confidence_interval(0.95)
    const s = differenceInChange({ areaBefore: 8, areaAfter: 2, comparatorBefore: 35, comparatorAfter: 40 });
    close(s.ratioOfRatios, 0.21875);
    close(s.pValue, 0.08873953359864242);
    close(s.ciLow, 0.021627825128378367);
    close(s.ciHigh, 1.2172238910070738);
  });

  it('zero counts', () => {
    // fisher_exact([[0,4],[50,50]]) and its conditional CI (0, 1.6009249220806616)
    const r = differenceInChange({ areaBefore: 4, areaAfter: 0, comparatorBefore: 50, comparatorAfter: 50 });
    expect(r.ratioOfRatios).toBe(0);
    expect(r.ciLow).toBe(0);
    close(r.ciHigh, 1.6009249220806616);
    close(r.pValue, 0.11886385888511972);
    // fisher_exact([[6,0],[50,50]]): CI (1.103852229446328, inf)
    const s = differenceInChange({ areaBefore: 0, areaAfter: 6, comparatorBefore: 50, comparatorAfter: 50 });
    expect(s.ratioOfRatios).toBeNull();
    expect(s.areaRateRatio).toBeNull();
    expect(s.ciHigh).toBeNull();
    close(s.ciLow, 1.103852229446328);
    close(s.pValue, 0.028348086910123416);
    expect(s.significant).toBe(true);
    // area has no data in either period
    const t = differenceInChange({ areaBefore: 0, areaAfter: 0, comparatorBefore: 5, comparatorAfter: 9 });
    expect(t).toMatchObject({ pValue: 1, ciLow: 0, ciHigh: null, ratioOfRatios: null, inLine: true });
  });

  it('exposures scale the rate ratios but not their ratio', () => {
    const r = differenceInChange({ areaBefore: 100, areaAfter: 150, comparatorBefore: 1000, comparatorAfter: 1000, tBefore: 12, tAfter: 6 });
    close(r.areaRateRatio, 3);
    close(r.comparatorRateRatio, 2);
    close(r.ratioOfRatios, 1.5);
  });

  it('large counts', () => {
    const r = differenceInChange({ areaBefore: 1_000_000, areaAfter: 1_000_000, comparatorBefore: 5_000_000, comparatorAfter: 5_000_000 });
    expect(r.pValue).toBeCloseTo(1, 12);
    close(r.ciHigh, Math.exp(1.959963984540054 * Math.sqrt(2 / 1e6 + 2 / 5e6)));
  });

  it('rejects invalid input', () => {
    expect(() => differenceInChange({ areaBefore: -1, areaAfter: 1, comparatorBefore: 1, comparatorAfter: 1 })).toThrow(/areaBefore/);
    expect(() => differenceInChange({ areaBefore: 1, areaAfter: 1, comparatorBefore: 1, comparatorAfter: 1, tAfter: 0 })).toThrow(/tAfter/);
    expect(() => differenceInChange({ areaBefore: 0, areaAfter: 1, comparatorBefore: 1, comparatorAfter: 1 }, { method: 'wald' })).toThrow(/wald/);
  });
});

describe('differenceInChange with overdispersion', () => {
  it('inflates each side by its dispersion (SciPy: 2 norm.sf(|log 1.5| / sqrt(2 (1/100 + 1/150) + 5 (2/1000))))', () => {
    const r = differenceInChange({ areaBefore: 100, areaAfter: 150, comparatorBefore: 1000, comparatorAfter: 1000, dispersionArea: 2, dispersionComparator: 5 });
    expect(r.method).toBe('wald');
    expect(r.pValue).toBeCloseTo(0.05143993113504592, 12);
    expect(r.ciLow).toBeCloseTo(0.9974692771207867, 12);
    expect(r.ciHigh).toBeCloseTo(2.255708573295276, 12);
    expect(r.pValuePoisson).toBeCloseTo(0.0030, 4);
    expect(r.inLine).toBe(true);
  });
});
