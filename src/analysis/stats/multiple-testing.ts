import { cspError } from '../../errors.ts';

export type AdjustMethod = 'BH' | 'bonferroni';

export interface MultipleTestingInput {
  /** Unadjusted p-values, each in [0, 1]. */
  pValues: readonly number[];
}

export interface MultipleTestingOptions {
  /** 'BH' (Benjamini-Hochberg false discovery rate, default) or 'bonferroni' (family-wise error rate). */
  method?: AdjustMethod;
  /** Level for `significant` (adjusted p < alpha). Default 0.05. */
  alpha?: number;
}

export interface MultipleTestingResult {
  method: AdjustMethod;
  /** Adjusted p-values, in input order. */
  adjusted: number[];
  /** adjusted[i] < alpha. */
  significant: boolean[];
  alpha: number;
}

const defaults = { method: 'BH', alpha: 0.05 } as const;

/** Fill in defaults and check the options. */
export function normaliseMultipleTestingOptions(options: MultipleTestingOptions = {}): Readonly<Required<MultipleTestingOptions>> {
  const method = options.method ?? defaults.method;
  if (method !== 'BH' && method !== 'bonferroni') throw cspError('CSP_ERR_ANALYSIS_INPUT', `invalid method: ${String(method)}`);
  const alpha = options.alpha ?? defaults.alpha;
  if (!(alpha > 0 && alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `alpha must be in (0, 1): ${alpha}`);
  return { method, alpha };
}

/**
 * Adjust p-values for multiple comparisons, as R's `p.adjust(p, "BH")` and `p.adjust(p, "bonferroni")`.
 *
 * Method: Bonferroni, min(1, m p_i). Benjamini-Hochberg: with p sorted decreasingly and i the rank
 * from m down to 1, the adjusted value is the running minimum of min(1, m / i · p_(i)), returned in
 * input order; ties get equal adjusted values.
 *
 * Assumptions: BH controls the false discovery rate for independent or positively dependent tests
 * (e.g. many crime types in one area); Bonferroni holds under any dependence but is conservative.
 * Use one family per question (e.g. all crime-type changes in one assessment).
 *
 * Bibliography:
 * - Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
 *   powerful approach to multiple testing. JRSS B 57(1), 289–300.
 *   https://doi.org/10.1111/j.2517-6161.1995.tb02031.x
 * - Dunn, O. J. (1961). Multiple comparisons among means. JASA 56(293), 52–64.
 *   https://doi.org/10.1080/01621459.1961.10482090
 *
 * @param input - `{pValues}`.
 * @param options - `method` ('BH'), `alpha` (0.05).
 * @example
 * multipleTesting({ pValues: [0.01, 0.04, 0.03, 0.005] });
 * // adjusted [0.02, 0.04, 0.04, 0.02] (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH"))
 */
export function multipleTesting(input: MultipleTestingInput, options?: MultipleTestingOptions): MultipleTestingResult {
  const opts = normaliseMultipleTestingOptions(options);
  const p = input.pValues;
  p.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0 || v > 1) throw cspError('CSP_ERR_ANALYSIS_INPUT', `pValues[${i}] must be a number in [0, 1]: ${v}`);
  });
  const m = p.length;
  let adjusted: number[];
  if (opts.method === 'bonferroni') {
    adjusted = p.map((v) => Math.min(1, m * v));
  } else {
    // stable decreasing order, as R's order(p, decreasing = TRUE)
    const order = p.map((_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
    adjusted = new Array<number>(m).fill(0);
    let running = Number.POSITIVE_INFINITY;
    order.forEach((idx, k) => {
      const rank = m - k;
      running = Math.min(running, (m / rank) * (p[idx] as number));
      adjusted[idx] = Math.min(1, running);
    });
  }
  return { method: opts.method, adjusted, significant: adjusted.map((v) => v < opts.alpha), alpha: opts.alpha };
}
