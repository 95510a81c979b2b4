import { dispersionFactor } from './dispersion.ts';
import { normalTails, studentTQuantile, studentTTwoSided } from './distributions.ts';
import { normalisePoissonTestOptions, poissonTest, type PoissonTestInput, type PoissonTestOptions, type PoissonTestResult } from './poisson-test.ts';

export interface QuasiPoissonTestInput extends PoissonTestInput {
  /** Dispersion φ of the series the counts come from (see `estimateDispersion`); null when unknown. */
  dispersion: number | null;
  /** Residual degrees of freedom of that estimate: the test uses Student's t with them. Null: the normal distribution. */
  df: number | null;
}

export interface QuasiPoissonTestResult extends PoissonTestResult {
  /** The exact conditional Poisson p-value (as `poissonTest`), kept beside the overdispersed one. */
  pValuePoisson: number;
  /** φ as estimated (may be below 1), or null when unknown. */
  dispersion: number | null;
  /**
   * How `pValue` was computed: 'quasi-poisson' (Wald t on the log rate ratio with variance φ (1/a + 1/b)),
   * 'quasi-poisson-score' (a count is 0: score test with variance φ n p q), or 'poisson' (φ unknown or
   * at most 1: the exact conditional Poisson test).
   */
  method: 'quasi-poisson' | 'quasi-poisson-score' | 'poisson';
}

function tails(stat: number, df: number | null): { lower: number; upper: number } {
  if (df === null) return normalTails(stat);
  const two = studentTTwoSided(stat, df);
  return stat >= 0 ? { lower: 1 - two / 2, upper: two / 2 } : { lower: two / 2, upper: 1 - two / 2 };
}

/**
 * Change between two periods' counts allowing for overdispersion: a quasi-Poisson test.
 *
 * Method: with φ = max(1, dispersion) estimated from the series' monthly counts after trend and
 * season, the log rate ratio log((a/tA)/(b/tB)) has variance φ (1/a + 1/b), as in a quasi-Poisson
 * GLM of the two periods' counts with a period indicator and log-exposure offset whose scale is
 * fixed at φ. The two-sided p-value is Student's t with the dispersion's residual degrees of freedom
 * (normal when none given), and the interval exp(log RR ± t·se). When a count is 0 the log ratio is
 * undefined, and the score statistic (a − n p) / √(φ n p q), p = tA / (tA + tB), is used instead
 * (the interval is then the exact Poisson one). When φ ≤ 1 or is unknown the test is the exact
 * conditional Poisson test. The exact Poisson p-value is always returned as `pValuePoisson`.
 *
 * Assumptions: Var(count) = φ · mean with the same φ in both periods; counts of different months are
 * independent given the trend and season (autocorrelation inflates year-on-year variation further).
 *
 * Bibliography:
 * - Wedderburn, R. W. M. (1974). Quasi-likelihood functions, generalized linear models, and the
 *   Gauss-Newton method. Biometrika 61(3), 439–447. https://doi.org/10.1093/biomet/61.3.439
 * - Ver Hoef, J. M. & Boveng, P. L. (2007). Quasi-Poisson vs. negative binomial regression: how
 *   should we model overdispersed count data? Ecology 88(11), 2766–2772. https://doi.org/10.1890/07-0043.1
 *
 * @example
 * quasiPoissonTest({ before: 1000, after: 900, tBefore: 12, tAfter: 12, dispersion: 4, df: 22 });
 * // rateRatio 0.9, pValue ≈ 0.24 (Poisson p ≈ 0.0019)
 */
export function quasiPoissonTest(input: QuasiPoissonTestInput, options?: PoissonTestOptions): QuasiPoissonTestResult {
  const opts = normalisePoissonTestOptions(options);
  const exact = poissonTest(input, opts);
  const phi = dispersionFactor(input.dispersion);
  const base = { ...exact, pValuePoisson: exact.pValue, dispersion: input.dispersion };
  if (phi === 1) return { ...base, method: 'poisson' };
  const { before: b, after: a, tBefore, tAfter } = input;
  const df = input.df !== null && input.df > 0 ? input.df : null;
  const pValueOf = (stat: number): number => {
    const t = tails(stat, df);
    const p = opts.alternative === 'two.sided' ? 2 * Math.min(t.lower, t.upper) : opts.alternative === 'greater' ? t.upper : t.lower;
    return Math.min(1, p);
  };
  if (a === 0 || b === 0) {
    const n = a + b;
    const p = tAfter / (tAfter + tBefore);
    const pValue = n === 0 ? 1 : pValueOf((a - n * p) / Math.sqrt(phi * n * p * (1 - p)));
    return { ...base, pValue, significant: pValue < opts.alpha, method: 'quasi-poisson-score' };
  }
  const logRr = Math.log(a / tAfter) - Math.log(b / tBefore);
  const se = Math.sqrt(phi * (1 / a + 1 / b));
  const pValue = pValueOf(logRr / se);
  const q = (level: number): number => (df === null ? studentTQuantile(level, Number.POSITIVE_INFINITY) : studentTQuantile(level, df));
  let ciLow: number;
  let ciHigh: number | null;
  if (opts.alternative === 'two.sided') {
    const k = q(1 - (1 - opts.confLevel) / 2);
    ciLow = Math.exp(logRr - k * se);
    ciHigh = Math.exp(logRr + k * se);
  } else if (opts.alternative === 'greater') {
    ciLow = Math.exp(logRr - q(opts.confLevel) * se);
    ciHigh = null;
  } else {
    ciLow = 0;
    ciHigh = Math.exp(logRr + q(opts.confLevel) * se);
  }
  return { ...base, ciLow, ciHigh, pValue, significant: pValue < opts.alpha, method: 'quasi-poisson' };
}
