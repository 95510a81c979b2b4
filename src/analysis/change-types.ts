/** Result types of the period-change analyses (src/analysis/period-change.ts and the theme analyses). */

/** A tested comparison of two periods' counts (exact conditional Poisson test). */
export interface ChangeResult {
  /** Count in the earlier period. */
  before: number;
  /** Count in the later period. */
  after: number;
  beforePeriod: PeriodRange;
  afterPeriod: PeriodRange;
  /** Percent change of the rate per month; null when `before` is 0. */
  changePct: number | null;
  /** After-rate / before-rate (rates per month of each period). Null when undefined. */
  rateRatio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number;
  /** pValue below the configured significance level. */
  significant: boolean;
}

export interface PeriodRange {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month, 'YYYY-MM'. */
  to: string;
  /** Months of data in the range. */
  months: number;
}
