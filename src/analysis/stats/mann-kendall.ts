import { cspError } from '../../errors.ts';
import { normalTwoSided } from './distributions.ts';

export interface MannKendallInput {
  /** The series in time order, equally spaced; finite numbers (ties allowed). */
  values: ArrayLike<number>;
}

export interface MannKendallOptions {
  /** Significance level of `trend`. Default 0.05. */
  alpha?: number;
  /** Subtract 1 from |S| before dividing by its standard deviation (as Kendall::MannKendall and ArcGIS do). Default true. */
  continuity?: boolean;
}

export type TrendDirection = 'up' | 'down' | 'none';

export interface MannKendallResult {
  /** Kendall's S: Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Var(S) under no trend, with the tie correction [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18. */
  varS: number;
  /** Kendall's tau-b against time: S / √((n(n−1)/2 − Σ t(t−1)/2) · n(n−1)/2). NaN when every value is tied. */
  tau: number;
  /** Standardised S (with the continuity correction unless disabled); 0 when S = 0 or Var(S) = 0. */
  z: number;
  /** Two-sided normal p-value of z. */
  p: number;
  /** 'up' / 'down' when p < alpha, else 'none'. */
  trend: TrendDirection;
  /** Series length. */
  n: number;
  options: Readonly<Required<MannKendallOptions>>;
}

const defaults: Required<MannKendallOptions> = { alpha: 0.05, continuity: true };

export function normaliseMannKendallOptions(options: MannKendallOptions | undefined): Readonly<Required<MannKendallOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  if (!(o.alpha > 0 && o.alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.alpha must be in (0, 1): ${o.alpha}`);
  if (typeof o.continuity !== 'boolean') throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.continuity must be true or false: ${String(o.continuity)}`);
  return Object.freeze(o);
}

/**
 * Mann-Kendall test for a monotonic trend in a series (e.g. one location's Gi* z-scores over time).
 *
 * Method: S = Σ_{i<j} sign(x_j − x_i); under no trend S has mean 0 and, with tied groups of sizes t,
 * Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18; z = (S − sign(S)) / √Var(S) (continuity
 * correction), p two-sided from the normal. tau is Kendall's tau-b between the series and time
 * (time has no ties), as Kendall::MannKendall and scipy.stats.kendalltau report it.
 *
 * Assumptions: independent observations (serial correlation inflates Var(S) in reality, so p is
 * too small for autocorrelated series); the normal approximation is fair from n ≈ 10.
 *
 * Bibliography: Mann H.B. (1945) Nonparametric tests against trend, Econometrica 13(3), 245-259,
 * doi:10.2307/1907187; Kendall M.G. (1975) Rank Correlation Methods, 4th ed., Griffin;
 * Hipel K.W., McLeod A.I. (1994) Time Series Modelling of Water Resources and Environmental Systems,
 * ch. 23, doi:10.1016/S0167-5648(08)70673-8.
 *
 * @param input `{values}`.
 * @param options `alpha` (0.05), `continuity` (true).
 * @example
 * mannKendall({ values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }); // s 45, varS 125, z 3.935, p 8.3e-5, trend 'up'
 */
export function mannKendall(input: MannKendallInput, options?: MannKendallOptions): MannKendallResult {
  const o = normaliseMannKendallOptions(options);
  if (!input || !input.values) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {values}');
  const x = input.values;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i] as number)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.values[${i}] is not a finite number: ${String(x[i])}`);
  }
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] as number;
    for (let j = i + 1; j < n; j++) {
      const d = (x[j] as number) - xi;
      s += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  // Tie groups from a sorted copy.
  const sorted = Float64Array.from(x).sort();
  let tieVar = 0, tiePairs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) { tieVar += t * (t - 1) * (2 * t + 5); tiePairs += (t * (t - 1)) / 2; }
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieVar) / 18;
  const pairs = (n * (n - 1)) / 2;
  const tau = s / Math.sqrt((pairs - tiePairs) * pairs);
  let z = 0;
  if (s !== 0 && varS > 0) z = (o.continuity ? s - Math.sign(s) : s) / Math.sqrt(varS);
  const p = z === 0 ? 1 : normalTwoSided(z);
  const trend: TrendDirection = p < o.alpha ? (z > 0 ? 'up' : 'down') : 'none';
  return { s, varS, tau, z, p, trend, n, options: o };
}
