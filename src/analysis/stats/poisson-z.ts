import { cspError } from '../../errors.ts';
import { normalTwoSided } from './distributions.ts';
import { checkCount } from './poisson-test.ts';

export interface PoissonZInput {
  /** Count in the earlier period ("then"), or the expected count when `reference` is 'expected' (may be non-integer). */
  before: number;
  /** Count in the later period ("now"); a non-negative integer. */
  after: number;
}

export interface PoissonZOptions {
  /**
   * What `before` is. `'count'` (default): an observed count for a period as long as `after`'s, so
   * both sides carry Poisson noise and the score has variance 2. `'expected'`: a stable expected
   * count (for example a long-run monthly mean), so only `after` is random and the score has variance 1.
   */
  reference?: 'count' | 'expected';
  /** Significance level for `significant`. Default 0.05. */
  alpha?: number;
}

export interface PoissonZResult {
  before: number;
  after: number;
  /** The field's Poisson z-score, 2 (√after − √before). */
  z: number;
  /** z scaled to unit variance under H0: z / √2 for reference 'count', z for 'expected'. */
  zStandardised: number;
  /** Two-sided p-value, 2 Φ(−|zStandardised|). */
  pValue: number;
  significant: boolean;
  reference: 'count' | 'expected';
}

const defaults = { reference: 'count', alpha: 0.05 } as const;

/** Fill in defaults and check the options. */
export function normalisePoissonZOptions(options: PoissonZOptions = {}): Readonly<Required<PoissonZOptions>> {
  const reference = options.reference ?? defaults.reference;
  if (reference !== 'count' && reference !== 'expected') {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `invalid reference: ${String(reference)}`);
  }
  const alpha = options.alpha ?? defaults.alpha;
  if (!(alpha > 0 && alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `alpha must be in (0, 1): ${alpha}`);
  return { reference, alpha };
}

/**
 * Poisson z-score screen for a change in a count: z = 2 (√now − √then).
 *
 * Method: the square root is the variance-stabilising transform of the Poisson distribution
 * (Var √X ≈ 1/4 for a mean not too small), so 2 √X has variance ≈ 1. Against a fixed expected
 * count ('expected'), z is approximately standard normal. When "then" is itself an observed count
 * of an equally long period ('count', the default), the difference of two such terms has variance
 * 2, so the p-value uses z / √2; treating z as N(0, 1) there would double the false-alarm rate at
 * |z| = 2. The score `z` itself is the field's formula in both cases so that it matches published
 * thresholds (|z| > 2, or > 3 for a stricter screen, on the 'expected' scale).
 *
 * Assumptions: Poisson counts, equal exposures, means of roughly 5 or more; use `poissonTest` for
 * small counts or unequal periods. This is a quick screen, not the reported test.
 *
 * Bibliography:
 * - Anscombe, F. J. (1948). The transformation of Poisson, binomial and negative-binomial data.
 *   Biometrika 35(3/4), 246–254. https://doi.org/10.1093/biomet/35.3-4.246
 * - Wheeler, A. P. (2016). Tables and graphs for monitoring temporal crime trends: translating
 *   theory into practical crime analysis advice. International Journal of Police Science &
 *   Management 18(3), 159–172. https://doi.org/10.1177/1461355716642781
 *
 * @param input - `{before, after}`.
 * @param options - `reference` ('count'), `alpha` (0.05).
 * @example
 * poissonZ({ before: 16, after: 25 }, { reference: 'expected' }); // z 2, pValue 0.0455
 * poissonZ({ before: 16, after: 25 }); // z 2, zStandardised 1.414, pValue 0.157
 */
export function poissonZ(input: PoissonZInput, options?: PoissonZOptions): PoissonZResult {
  const opts = normalisePoissonZOptions(options);
  const { before, after } = input;
  checkCount('after', after);
  if (opts.reference === 'count') checkCount('before', before);
  else if (!Number.isFinite(before) || before < 0) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `before must be a finite non-negative expected count: ${before}`);
  }
  const z = 2 * (Math.sqrt(after) - Math.sqrt(before));
  const zStandardised = opts.reference === 'count' ? z / Math.SQRT2 : z;
  const pValue = normalTwoSided(zStandardised);
  return { before, after, z, zStandardised, pValue, significant: pValue < opts.alpha, reference: opts.reference };
}
