import { cspError } from '../../errors.ts';
import { checkCount } from './poisson-test.ts';

export interface ConcentrationInput {
  /** Count per small area, for every area of the district including those with 0. */
  counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Optional named subset of areas (e.g. the LSOAs of a town centre); every key must be in `counts`. */
  subset?: readonly string[];
}

export interface ConcentrationOptions {
  /** Fractions of areas to report the share for. Default [0.05, 0.1]. */
  fractions?: readonly number[];
}

export interface TopShare {
  /** Fraction of areas, e.g. 0.05. */
  fraction: number;
  /** Number of areas taken: ceil(fraction × n). */
  areas: number;
  /** Incidents in those areas. */
  count: number;
  /** count / total; null when total = 0. */
  share: number | null;
  /** Keys of the areas taken, highest count first, ties broken by key (ascending). */
  keys: string[];
  /** True when areas left out have the same count as the last one taken (the keys, not the share, depend on the tie-break). */
  tiedAtBoundary: boolean;
}

export interface ConcentrationResult {
  /** Number of areas. */
  areas: number;
  /** Total incidents. */
  total: number;
  top: TopShare[];
  /** Gini coefficient of counts across areas (0 = even, → 1 = all in one area); null when total = 0. */
  gini: number | null;
  /** Share for the named subset, or null when none was given. */
  subset: { areas: number; count: number; share: number | null; areaShare: number } | null;
}

const defaults = { fractions: [0.05, 0.1] } as const;

/** Fill in defaults and check the options. */
export function normaliseConcentrationOptions(options: ConcentrationOptions = {}): Readonly<{ fractions: readonly number[] }> {
  const fractions = options.fractions ?? defaults.fractions;
  fractions.forEach((f, i) => {
    if (!(f > 0 && f <= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `fractions[${i}] must be in (0, 1]: ${f}`);
  });
  return { fractions };
}

/**
 * Concentration of incidents across small areas: share in the top 5 % and 10 % of areas, the Gini
 * coefficient, and the share in a named subset.
 *
 * Method: areas are sorted by count, descending; the top p of n areas is the first ceil(p · n)
 * (at least one area). Ties at the boundary are broken by key, ascending: this changes which areas
 * are listed but never the count or share, since tied areas have equal counts (`tiedAtBoundary`
 * says when it happened). Gini = Σ (2i − n − 1) x₍ᵢ₎ / (n Σ x) with x ascending, i = 1..n — the
 * uncorrected sample Gini, as R's `ineq::Gini(x)`.
 *
 * Assumptions: every area of the study region is listed, zeros included; leaving zero areas out
 * understates concentration. When there are fewer incidents than areas the Gini has a floor above
 * 0 (Bernasco & Steenbeek 2017), so compare Ginis only between similar volumes.
 *
 * Bibliography:
 * - Weisburd, D. (2015). The law of crime concentration and the criminology of place. Criminology
 *   53(2), 133–157. https://doi.org/10.1111/1745-9125.12070
 * - Bernasco, W. & Steenbeek, W. (2017). More places than crimes: implications for evaluating the
 *   law of crime concentration at place. Journal of Quantitative Criminology 33, 451–467.
 *   https://doi.org/10.1007/s10940-016-9324-7
 *
 * @param input - `{counts, subset?}`.
 * @param options - `fractions` ([0.05, 0.1]).
 * @example
 * concentration({ counts: { a: 50, b: 10, c: 0, d: 0 }, subset: ['a'] });
 * // top 5 % and 10 % = 1 area each: share 50/60 = 0.833; gini 0.667; subset share 0.833
 */
export function concentration(input: ConcentrationInput, options?: ConcentrationOptions): ConcentrationResult {
  const opts = normaliseConcentrationOptions(options);
  const entries = input.counts instanceof Map ? [...input.counts.entries()] : Object.entries(input.counts);
  const n = entries.length;
  if (n === 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'counts must not be empty');
  entries.forEach(([k, v]) => checkCount(`counts['${k}']`, v));
  const total = entries.reduce((s, [, v]) => s + v, 0);
  const sorted = [...entries].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const top = opts.fractions.map((fraction): TopShare => {
    const k = Math.max(1, Math.ceil(fraction * n - 1e-9));
    const taken = sorted.slice(0, k);
    const count = taken.reduce((s, [, v]) => s + v, 0);
    const next = sorted[k];
    const last = taken[taken.length - 1];
    return {
      fraction,
      areas: k,
      count,
      share: total === 0 ? null : count / total,
      keys: taken.map(([key]) => key),
      tiedAtBoundary: next !== undefined && last !== undefined && next[1] === last[1],
    };
  });
  let gini: number | null = null;
  if (total > 0) {
    let weighted = 0;
    sorted.forEach(([, v], j) => {
      const i = n - j; // ascending rank of the j-th largest
      weighted += (2 * i - n - 1) * v;
    });
    gini = weighted / (n * total);
  }
  let subset: ConcentrationResult['subset'] = null;
  if (input.subset !== undefined) {
    const lookup = new Map(entries);
    const unique = [...new Set(input.subset)];
    let count = 0;
    for (const key of unique) {
      const v = lookup.get(key);
      if (v === undefined) throw cspError('CSP_ERR_ANALYSIS_INPUT', `subset area is not in counts: ${key}`);
      count += v;
    }
    subset = { areas: unique.length, count, share: total === 0 ? null : count / total, areaShare: unique.length / n };
  }
  return { areas: n, total, top, gini, subset };
}
