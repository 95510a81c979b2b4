import type { ChangeResult, PeriodRange } from './change-types.ts';
import { addMonths, monthsBetween } from './months.ts';
import { poissonTest } from './stats/poisson-test.ts';

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
 * Tests the change between two periods' counts with the exact conditional Poisson test, weighting
 * by the periods' lengths, so a half year can be compared with a full one.
 */
export function periodChange(
  before: number,
  after: number,
  beforePeriod: PeriodRange,
  afterPeriod: PeriodRange,
  significance: number,
): ChangeResult {
  const t = poissonTest({ before, after, tBefore: beforePeriod.months, tAfter: afterPeriod.months }, { alpha: significance });
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
  };
}
