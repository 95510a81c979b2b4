import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../../src/analysis/stats/mann-kendall.ts';

/**
 * Reference values from SciPy 1.17.1: tau and the uncorrected p from
 * scipy.stats.kendalltau(range(n), x, method='asymptotic'); S by brute force in numpy, Var(S) with the
 * tie correction, and the continuity-corrected z and p = 2 * scipy.stats.norm.sf(|z|).
 */
const cases = [
  { name: 'rising10', x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], s: 45, varS: 125, z: 3.9354796403996297, p: 8.303070332644974e-5, tau: 1, pScipy: 5.699411623331837e-5 },
  {
    name: 'ties',
    x: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4],
    s: 40,
    varS: 930,
    z: 1.2788603797787081,
    p: 0.2009462268643072,
    tau: 0.21999285034854363,
    pScipy: 0.18963769009740916,
  },
  {
    name: 'fallingNoisy',
    x: [12.5, 11.0, 11.8, 9.4, 10.1, 8.7, 9.0, 7.2, 7.9, 6.1, 6.6, 5.0],
    s: -56,
    varS: 212.66666666666666,
    z: -3.771490147280579,
    p: 0.00016227556647604302,
    tau: -0.8484848484848484,
    pScipy: 0.0001230028939102856,
  },
  { name: 'flatTies', x: [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], s: 8, varS: 138.66666666666666, z: 0.5944454429259128, p: 0.5522142220341504, tau: 0.17407765595569782, pScipy: 0.49690584756476797 },
];

describe('mannKendall against SciPy', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = mannKendall({ values: c.x });
      expect(r.s).toBe(c.s);
      expect(r.varS).toBeCloseTo(c.varS, 9);
      expect(r.z).toBeCloseTo(c.z, 9);
      expect(r.p).toBeCloseTo(c.p, 9);
      expect(r.tau).toBeCloseTo(c.tau, 9);
      const plain = mannKendall({ values: c.x }, { continuity: false });
      expect(plain.p).toBeCloseTo(c.pScipy, 9);
    });
  }

  it('calls the direction only when p < alpha', () => {
    expect(mannKendall({ values: cases[0]!.x }).trend).toBe('up');
    expect(mannKendall({ values: cases[2]!.x }).trend).toBe('down');
    expect(mannKendall({ values: cases[1]!.x }).trend).toBe('none');
    expect(mannKendall({ values: cases[1]!.x }, { alpha: 0.25 }).trend).toBe('up');
  });

  it('a constant series has S = 0, z = 0, p = 1 and no tau', () => {
    const r = mannKendall({ values: [2, 2, 2, 2] });
    expect([r.s, r.varS, r.z, r.p]).toEqual([0, 0, 0, 1]);
    expect(r.tau).toBeNaN();
  });

  it('rejects non-finite values and bad options', () => {
    expect(() => mannKendall({ values: [1, Number.NaN] })).toThrow(/values\[1\]/);
    expect(() => mannKendall({ values: [1, 2] }, { alpha: 2 })).toThrow(/alpha/);
  });
});
