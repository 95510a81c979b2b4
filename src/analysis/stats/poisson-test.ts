import { cspError } from '../../errors.ts';
import { betaQuantile, binomialPmf, binomialTails } from './distributions.ts';

/** Which departure from "no change in rate" the test looks for. */
export type Alternative = 'two.sided' | 'less' | 'greater';

export interface PoissonTestInput {
  /** Count in the earlier period (a non-negative integer). */
  before: number;
  /** Count in the later period (a non-negative integer). */
  after: number;
  /** Length (exposure) of the earlier period, in any unit shared with `tAfter` (months, days, person-years); > 0. */
  tBefore: number;
  /** Length (exposure) of the later period, same unit as `tBefore`; > 0. */
  tAfter: number;
}

export interface PoissonTestOptions {
  /** Alternative hypothesis on after-rate / before-rate: `'two.sided'` (default), `'greater'` (rise) or `'less'` (fall). */
  alternative?: Alternative;
  /** Confidence level of the rate-ratio interval. Default 0.95. */
  confLevel?: number;
  /** Significance level for `significant`. Default 1 - confLevel (0.05). */
  alpha?: number;
}

export interface PoissonTestResult {
  before: number;
  after: number;
  tBefore: number;
  tAfter: number;
  /** Percent change in rate, 100 (rateRatio - 1); equals the change in counts when the periods are equally long. Null when before = 0. */
  changePct: number | null;
  /** (after / tAfter) / (before / tBefore). Null when before = 0 (infinite or undefined). */
  rateRatio: number | null;
  /** Lower confidence limit of the rate ratio (0 when after = 0). */
  ciLow: number;
  /** Upper confidence limit of the rate ratio; null when unbounded (before = 0, or a one-sided 'greater' test). */
  ciHigh: number | null;
  /** Exact conditional p-value. 1 when both counts are 0. */
  pValue: number;
  /** pValue < alpha. */
  significant: boolean;
  alternative: Alternative;
  confLevel: number;
  alpha: number;
}

const defaults = { alternative: 'two.sided', confLevel: 0.95 } as const;

type NormalisedOptions = Readonly<Required<PoissonTestOptions>>;

/** Fill in defaults and check the options. */
export function normalisePoissonTestOptions(options: PoissonTestOptions = {}): NormalisedOptions {
  const alternative = options.alternative ?? defaults.alternative;
  if (alternative !== 'two.sided' && alternative !== 'less' && alternative !== 'greater') {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `invalid alternative: ${String(alternative)}`);
  }
  const confLevel = options.confLevel ?? defaults.confLevel;
  if (!(confLevel > 0 && confLevel < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `confLevel must be in (0, 1): ${confLevel}`);
  const alpha = options.alpha ?? 1 - confLevel;
  if (!(alpha > 0 && alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `alpha must be in (0, 1): ${alpha}`);
  return { alternative, confLevel, alpha };
}

/** Throw unless `value` is a finite non-negative integer. */
export function checkCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `${name} must be a non-negative integer count: ${value}`);
  }
}

/** Throw unless `value` is a finite number > 0. */
export function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || !(value > 0)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `${name} must be a finite number greater than 0: ${value}`);
  }
}

export interface BinomTestResult {
  pValue: number;
  /** Clopper-Pearson interval for the success probability. */
  ciLow: number;
  ciHigh: number;
}

/**
 * Exact binomial test of x successes in n trials against probability p (q = 1 - p), as R's
 * `binom.test`. n may be 0 (p-value 1, interval [0, 1]).
 */
export function _binomTest(x: number, n: number, p: number, q: number, alternative: Alternative, confLevel: number): BinomTestResult {
  const pL = (a: number): number => (x === 0 ? 0 : betaQuantile(a, x, n - x + 1));
  const pU = (a: number): number => (x === n ? 1 : betaQuantile(1 - a, x + 1, n - x));
  let pValue: number;
  let ciLow: number;
  let ciHigh: number;
  if (alternative === 'less') {
    pValue = binomialTails(x, n, p).lower;
    ciLow = 0;
    ciHigh = pU(1 - confLevel);
  } else if (alternative === 'greater') {
    pValue = binomialTails(x - 1, n, p).upper;
    ciLow = pL(1 - confLevel);
    ciHigh = 1;
  } else {
    const a = (1 - confLevel) / 2;
    ciLow = pL(a);
    ciHigh = pU(a);
    pValue = twoSidedBinomialP(x, n, p, q);
  }
  return { pValue: Math.min(1, pValue), ciLow, ciHigh };
}

/**
 * R's two-sided rule: sum the probabilities of all outcomes no more likely than the observed one
 * (with relative tolerance 1e-7). The pmf is monotone on each side of n p, so the boundary on the
 * far side is found by binary search rather than by summing over every outcome.
 */
function twoSidedBinomialP(x: number, n: number, p: number, q: number): number {
  if (n === 0) return 1;
  const relErr = 1 + 1e-7;
  const d = binomialPmf(x, n, p, q) * relErr;
  const m = n * p;
  if (x === m) return 1;
  if (x < m) {
    // smallest i in [ceil(m), n] with pmf(i) <= d; pmf is non-increasing there
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialPmf(mid, n, p, q) <= d) hi = mid;
      else lo = mid + 1;
    }
    return binomialTails(x, n, p).lower + binomialTails(lo - 1, n, p).upper;
  }
  // largest i in [0, floor(m)] with pmf(i) <= d; pmf is non-decreasing there
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (binomialPmf(mid, n, p, q) <= d) lo = mid;
    else hi = mid - 1;
  }
  return binomialTails(lo, n, p).lower + binomialTails(x - 1, n, p).upper;
}

/**
 * Exact conditional test comparing two Poisson rates: a count in a later period (`after`) against
 * one in an earlier period (`before`), each with its exposure.
 *
 * Method: conditional on the total n = after + before, `after` is Binomial(n, p) with
 * p = tAfter / (tAfter + tBefore) under H0 (equal rates). The p-value is R's `binom.test` on that
 * binomial (two-sided: sum of the probabilities of outcomes no more likely than the observed one,
 * relative tolerance 1e-7). The rate ratio's interval is the Clopper-Pearson interval (pL, pU)
 * for p, transformed by π/(1 − π) · tBefore/tAfter. This is exactly
 * `poisson.test(c(after, before), c(tAfter, tBefore))` in R.
 *
 * Assumptions: counts are Poisson (events independent, no over-dispersion). Crime counts are often
 * over-dispersed (repeat victims, series offences), which makes this test anti-conservative; treat
 * borderline p-values with care.
 *
 * Edge cases: before = after = 0 gives pValue 1, rateRatio and changePct null, interval [0, ∞)
 * (ciHigh null). before = 0 < after gives an infinite ratio: rateRatio null, ciHigh null.
 *
 * Bibliography:
 * - Przyborowski, J. & Wilenski, H. (1940). Homogeneity of results in testing samples from Poisson
 *   series. Biometrika 31(3/4), 313–323. https://doi.org/10.2307/2332612
 * - Clopper, C. J. & Pearson, E. S. (1934). The use of confidence or fiducial limits illustrated in
 *   the case of the binomial. Biometrika 26(4), 404–413. https://doi.org/10.1093/biomet/26.4.404
 * - R Core Team. `poisson.test` and `binom.test`, package stats.
 *
 * @param input - `{before, after, tBefore, tAfter}`.
 * @param options - `alternative` ('two.sided'), `confLevel` (0.95), `alpha` (1 − confLevel).
 * @example
 * // R: poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878))
 * poissonTest({ after: 11, tAfter: 800, before: 21, tBefore: 3011 });
 * // → rateRatio 1.704644, ciLow 0.7795364, ciHigh 3.5163057, pValue 0.07967
 */
export function poissonTest(input: PoissonTestInput, options?: PoissonTestOptions): PoissonTestResult {
  const opts = normalisePoissonTestOptions(options);
  const { before, after, tBefore, tAfter } = input;
  checkCount('before', before);
  checkCount('after', after);
  checkPositive('tBefore', tBefore);
  checkPositive('tAfter', tAfter);
  const n = before + after;
  const tSum = tAfter + tBefore;
  const p = tAfter / tSum;
  const q = tBefore / tSum;
  const bt = _binomTest(after, n, p, q, opts.alternative, opts.confLevel);
  const rateRatio = before === 0 ? null : after / tAfter / (before / tBefore);
  const toRatio = (pi: number): number | null => (pi >= 1 ? null : ((pi / (1 - pi)) * tBefore) / tAfter);
  return {
    before,
    after,
    tBefore,
    tAfter,
    changePct: rateRatio === null ? null : 100 * (rateRatio - 1),
    rateRatio,
    ciLow: toRatio(bt.ciLow) ?? 0,
    ciHigh: toRatio(bt.ciHigh),
    pValue: bt.pValue,
    significant: bt.pValue < opts.alpha,
    alternative: opts.alternative,
    confLevel: opts.confLevel,
    alpha: opts.alpha,
  };
}
