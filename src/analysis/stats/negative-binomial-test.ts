/**
 * Negative binomial (NB2) alternative to the quasi-Poisson change test: monthly counts with
 * Var = μ + α μ², the mean constant within each period, tested by the Wald statistic of the log rate
 * ratio of a negative binomial GLM with the period as its one covariate and α held fixed (statsmodels
 * `GLM(y, X, family=NegativeBinomial(alpha))`). Not used by the report (quasi-Poisson is); kept for
 * checking that the verdicts do not hang on the choice of overdispersed model.
 */
import { normalQuantile, normalTwoSided } from './distributions.ts';

export interface NegativeBinomialChangeInput {
  /** Incidents in the baseline and the comparison period. */
  before: number;
  after: number;
  /** Months in each period (the monthly observations of the GLM). */
  monthsBefore: number;
  monthsAfter: number;
  /** NB2 α (0 is Poisson). */
  alpha: number;
}

export interface NegativeBinomialChange {
  /** Monthly rate after over monthly rate before; null when either period has no incidents. */
  rateRatio: number | null;
  /** Standard error of log(rateRatio): sqrt(Σ 1/count + α/months) over the two periods. */
  seLog: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * NB2 α from the quasi-Poisson scale φ of a series with monthly mean `mean`: matching Var = φ μ with
 * Var = μ + α μ² gives α = (φ − 1) / μ, floored at 0 (underdispersion is read as Poisson).
 */
export function nbAlphaFromDispersion(dispersion: number, mean: number): number {
  if (!(mean > 0)) throw new RangeError('the monthly mean must be positive');
  return Math.max(0, (dispersion - 1) / mean);
}

/**
 * Wald test of the rate ratio between two periods under NB2 counts, at confidence `level` (default 0.95).
 *
 * @example
 * negativeBinomialChange({ before: 412, after: 306, monthsBefore: 12, monthsAfter: 12, alpha: 0.05 }); // p ≈ 0.01203
 */
export function negativeBinomialChange(input: NegativeBinomialChangeInput, level = 0.95): NegativeBinomialChange {
  const { before, after, monthsBefore, monthsAfter, alpha } = input;
  for (const [k, v] of Object.entries({ before, after, alpha })) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${k} must be a finite number of 0 or more`);
  if (!(monthsBefore > 0 && monthsAfter > 0)) throw new RangeError('each period needs at least one month');
  if (before === 0 || after === 0) return { rateRatio: null, seLog: null, pValue: null, ciLow: null, ciHigh: null };
  const rateRatio = after / monthsAfter / (before / monthsBefore);
  // Expected information of each period's log mean: n μ / (1 + α μ), so its variance is 1/count + α/months.
  const seLog = Math.sqrt(1 / before + alpha / monthsBefore + 1 / after + alpha / monthsAfter);
  const z = normalQuantile(1 - (1 - level) / 2);
  const log = Math.log(rateRatio);
  return { rateRatio, seLog, pValue: normalTwoSided(log / seLog), ciLow: Math.exp(log - z * seLog), ciHigh: Math.exp(log + z * seLog) };
}
