/** Result types of the period-change analyses (src/analysis/period-change.ts and the theme analyses). */

/** A tested comparison of two periods' counts (quasi-Poisson with the series' dispersion, or exact conditional Poisson). */
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
  /** Two-sided p-value of the change: quasi-Poisson when the series is overdispersed (see `dispersion`), else exact Poisson. */
  pValue: number;
  /** pValue below the configured significance level. */
  significant: boolean;
  /** The exact conditional Poisson p-value, kept beside the overdispersed one. Absent in models built before dispersion was estimated. */
  pValuePoisson?: number;
  /** Dispersion (variance / mean) of the series' monthly counts after trend and season; null when too short to estimate. */
  dispersion?: number | null;
  /** Residual degrees of freedom of the dispersion estimate (the t quantiles of the test); null with no estimate. */
  dispersionDf?: number | null;
  /**
   * Benjamini-Hochberg adjusted p-value across the table the change belongs to (every category, every
   * locality, every district); when present, `significant` is this below the significance level.
   */
  pAdjusted?: number;
}

export interface PeriodRange {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month, 'YYYY-MM'. */
  to: string;
  /** Months of data in the range. */
  months: number;
}
