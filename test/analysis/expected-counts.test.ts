import { describe, expect, it } from 'vitest';
import { expectedCounts, scoreForecast } from '../../src/analysis/expected-counts.ts';

/**
 * A 40-month negative binomial series (numpy default_rng(7), mean exp(4 + 0.01 t + 0.25 sin), size 20)
 * starting 2016-02. Reference values from statsmodels 0.15 GLM(Poisson).fit(scale='X2') with an
 * intercept, the month number and the season (sin and cos of 2π·month/12 by default, or 11
 * month-of-year indicators with January the base): the fitted mean,
 * the Pearson dispersion, and scipy.stats.nbinom.ppf(0.025 / 0.975) of a negative binomial with that
 * mean and variance φμ + μ² x'Cov(β̂)x.
 */
const series = [68, 68, 72, 61, 46, 56, 56, 45, 44, 37, 51, 41, 82, 67, 101, 75, 87, 60, 57, 47, 40, 31, 97, 84, 71, 45, 130, 127, 110, 55, 39, 51, 50, 51, 58, 65, 70, 100, 102, 59];

const monthly36 = { season: 'monthly', window: 36 } as const;

describe('expectedCounts against statsmodels', () => {
  it('by default forecasts from the latest 24 months with a harmonic season', () => {
    const r = expectedCounts({ values: series.slice(0, 36), firstMonth: '2016-02' });
    expect(r.fit!.months).toBe(24);
    expect(r.fit!.dispersion).toBeCloseTo(5.802590428037308, 4);
    expect(r.fit!.trendPerMonth).toBeCloseTo(0.0077826347744163055, 5);
    const want = [
      [90.02455022703761, 45, 150],
      [105.57719011091197, 53, 174],
      [112.99333332013063, 57, 187],
      [108.59627013147231, 53, 182],
      [94.9250655493875, 45, 162],
      [78.39959344967495, 35, 137],
    ] as const;
    r.forecast.forEach((f, h) => {
      expect(f.expected!).toBeCloseTo(want[h]![0], 3);
      expect([f.lower, f.upper]).toEqual([want[h]![1], want[h]![2]]);
    });
  });

  it('forecasts six months from a fit on 36 months with month indicators, with quasi-Poisson intervals', () => {
    const r = expectedCounts({ values: series.slice(0, 36), firstMonth: '2016-02' }, monthly36);
    expect(r.fit!.dispersion).toBeCloseTo(4.055161389138605, 4);
    expect(r.fit!.trendPerMonth).toBeCloseTo(0.011162281782483487, 5);
    const want = [
      ['2019-02', 95.72442215740581, 52, 151],
      ['2019-03', 77.96559270738938, 40, 128],
      ['2019-04', 131.24208105743827, 78, 197],
      ['2019-05', 113.91639378912903, 65, 175],
      ['2019-06', 105.2535501549745, 59, 164],
      ['2019-07', 74.06731307201889, 37, 123],
    ] as const;
    expect(r.forecast).toHaveLength(6);
    r.forecast.forEach((f, h) => {
      const [month, mu, lo, hi] = want[h]!;
      expect(f.month).toBe(month);
      expect(f.expected!).toBeCloseTo(mu, 3);
      expect(f.lower).toBe(lo);
      expect(f.upper).toBe(hi);
    });
  });

  it('fits each month on the months before it only', () => {
    const full = expectedCounts({ values: series, firstMonth: '2016-02' }, monthly36);
    const m30 = full.months[30]!;
    expect(m30.month).toBe('2018-08');
    expect(m30.expected!).toBeCloseTo(75.23387793704916, 3);
    expect([m30.lower, m30.upper]).toEqual([36, 127]);
    // Changing later months does not change an earlier month's baseline.
    const changed = expectedCounts({ values: [...series.slice(0, 31), 500, 500, 500], firstMonth: '2016-02' }, monthly36);
    expect(changed.months[30]!.expected).toBe(m30.expected);
    expect(changed.above).toEqual(['2018-09', '2018-10', '2018-11']);
    expect(full.months.slice(0, 24).every((m) => m.expected === null)).toBe(true);
  });

  it('Poisson counts get intervals near Poisson ones, and a spike is flagged', () => {
    const flat = Array.from({ length: 30 }, (_, t) => [48, 52, 50, 47, 53, 49][t % 6]!);
    const r = expectedCounts({ values: [...flat, 90], firstMonth: '2017-01' }, { season: 'none', trend: false });
    const last = r.months[30]!;
    expect(last.expected!).toBeCloseTo(49.8333, 3);
    // Poisson(49.83) 2.5% and 97.5% quantiles are 36 and 64; parameter uncertainty widens them a little.
    expect(last.lower!).toBeLessThanOrEqual(36);
    expect(last.upper!).toBeGreaterThanOrEqual(64);
    expect(last.upper!).toBeLessThanOrEqual(66);
    expect(r.above).toEqual(['2019-07']);
  });

  it('scores a previous forecast against what happened', () => {
    const forecast = [
      { month: '2019-02', expected: 100, lower: 80, upper: 120 },
      { month: '2019-03', expected: 90, lower: 70, upper: 110 },
      { month: '2019-04', expected: 95, lower: 75, upper: 115 },
    ];
    const s = scoreForecast(forecast, new Map([['2019-02', 110], ['2019-03', 130]]));
    expect(s.scored).toBe(2);
    expect(s.coverage).toBe(0.5);
    expect(s.meanAbsoluteError).toBe(25);
    expect(s.meanError).toBe(25);
    expect(s.rows.map((r) => r.within)).toEqual([true, false]);
  });

  it('rejects counts that are not whole and non-negative', () => {
    expect(() => expectedCounts({ values: [1, -1], firstMonth: '2017-01' })).toThrow(/values\[1\]/);
    expect(() => expectedCounts({ values: [1], firstMonth: '2017-13' })).toThrow(/firstMonth/);
  });
});
