import type { ChangeResult, PeriodRange } from './change-types.ts';
import { addMonths, monthsBetween } from './months.ts';
import type { DispersionResult } from './stats/dispersion.ts';
import { multipleTesting } from './stats/multiple-testing.ts';
import { quasiPoissonTest } from './stats/quasi-poisson-test.ts';

/** A period of whole months. */
export function periodRange(from: string, to: string): PeriodRange {
  return { from, to, months: monthsBetween(from, to) };
}

/** The calendar year `year` as a period. */
export function yearPeriod(year: number): PeriodRange {
  return periodRange(`${year}-01`, `${year}-12`);
}

/** The last `months` months ending at `to`, and the same months a year earlier. */
export function latestAndYearBefore(to: string, months: number): { before: PeriodRange; after: PeriodRange } {
  const from = addMonths(to, -(months - 1));
  return { before: periodRange(addMonths(from, -12), addMonths(to, -12)), after: periodRange(from, to) };
}

/**
 * Tests the change between two periods' counts, weighting by the periods' lengths so a half year can
 * be compared with a full one: a quasi-Poisson test with the series' dispersion (estimated from its
 * monthly counts after trend and season), the exact conditional Poisson p-value kept beside it. With
 * no dispersion (or one at most 1) the test is the exact Poisson one.
 */
export function periodChange(
  before: number,
  after: number,
  beforePeriod: PeriodRange,
  afterPeriod: PeriodRange,
  significance: number,
  dispersion: Pick<DispersionResult, 'dispersion' | 'df'> | null = null,
): ChangeResult {
  const t = quasiPoissonTest(
    { before, after, tBefore: beforePeriod.months, tAfter: afterPeriod.months, dispersion: dispersion?.dispersion ?? null, df: dispersion?.df ?? null },
    { alpha: significance },
  );
  return {
    before,
    after,
    beforePeriod,
    afterPeriod,
    changePct: t.changePct,
    rateRatio: t.rateRatio,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    pValue: t.pValue,
    significant: t.significant,
    pValuePoisson: t.pValuePoisson,
    dispersion: t.dispersion,
    dispersionDf: t.dispersion === null ? null : (dispersion?.df ?? null),
  };
}

/** A monthly series for `estimateDispersion`: the counts of the months with data, zero where a month with data had none; months without data left out. */
export function monthlySeries(counts: ReadonlyMap<string, number>, monthsWithData: Iterable<string>): Map<string, number> {
  return new Map([...monthsWithData].map((m) => [m, counts.get(m) ?? 0]));
}

/**
 * Benjamini-Hochberg across one table's changes (e.g. every crime category, every locality): sets
 * `pAdjusted` and makes `significant` the adjusted p below `alpha`. Nulls are skipped.
 */
export function adjustChanges(changes: readonly (ChangeResult | null)[], alpha: number): void {
  const tested = changes.filter((c): c is ChangeResult => c !== null);
  if (tested.length === 0) return;
  const adj = multipleTesting({ pValues: tested.map((c) => c.pValue) }, { method: 'BH', alpha });
  tested.forEach((c, i) => {
    c.pAdjusted = adj.adjusted[i]!;
    c.significant = adj.significant[i]!;
  });
}
