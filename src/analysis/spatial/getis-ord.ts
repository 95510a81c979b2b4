import { cspError } from '../../errors.ts';
import { normalTwoSided } from '../stats/distributions.ts';
import { multipleTesting } from '../stats/multiple-testing.ts';
import { mulberry32 } from './random.ts';

export type HotspotClass = 'hot' | 'cold' | 'none';

export interface GetisOrdInput {
  /** One value per area: counts, or rates (finite). */
  values: ArrayLike<number>;
  /**
   * Binary neighbour lists: `neighbours[i]` are the indices of area i's neighbours. Area i itself is
   * always included (Gi*); listing it, or a neighbour twice, changes nothing. Or the lists as
   * prepared once by {@link prepareNeighbours}, when Gi* runs on many value vectors (time steps).
   */
  neighbours: ReadonlyArray<ReadonlyArray<number>> | PreparedNeighbours;
}

/** Neighbour lists deduplicated, self removed, in compressed rows: area i's at flat[offsets[i]..offsets[i+1]). */
export interface PreparedNeighbours {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly flat: Int32Array;
}

/** Checks and compresses neighbour lists once (see GetisOrdInput.neighbours). */
export function prepareNeighbours(neighbours: ReadonlyArray<ReadonlyArray<number>>): PreparedNeighbours {
  const n = neighbours.length;
  const stamp = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  const flat: number[] = [];
  for (let i = 0; i < n; i++) {
    const list = neighbours[i];
    if (!list) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.neighbours[${i}] is not an array`);
    stamp[i] = i;
    for (const j of list) {
      if (!Number.isInteger(j) || j < 0 || j >= n) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.neighbours[${i}] holds an invalid index: ${String(j)}`);
      if (stamp[j] === i) continue;
      stamp[j] = i;
      flat.push(j);
    }
    offsets[i + 1] = flat.length;
  }
  return { n, offsets, flat: Int32Array.from(flat) };
}

const isPrepared = (nb: GetisOrdInput['neighbours']): nb is PreparedNeighbours => !Array.isArray(nb) && typeof (nb as PreparedNeighbours).n === 'number';

export type MultipleTestingAdjustment = 'bh' | 'bonferroni' | 'none';

export interface GetisOrdOptions {
  /** Significance level applied to the adjusted p-values. Default 0.05. */
  alpha?: number;
  /** Multiple-testing adjustment: Benjamini-Hochberg false discovery rate, Bonferroni, or none. Default `'bh'`. */
  adjust?: MultipleTestingAdjustment;
  /**
   * Conditional permutations for a pseudo p-value (0 = analytic normal p only). When > 0 the
   * pseudo p-values are the ones adjusted and classified. Default 0.
   */
  permutations?: number;
  /** Seed for the permutation generator (mulberry32). Default 1. */
  seed?: number;
}

export interface GetisOrdResult {
  /** Gi* z-score per area (0 where the values have no variance or the area neighbours every area). */
  z: Float64Array;
  /** Two-sided normal p-value per area, 2(1 - Φ(|z|)). */
  p: Float64Array;
  /** Two-sided permutation pseudo p-value, (extreme + 1) / (permutations + 1); null without permutations. */
  pPermutation: Float64Array | null;
  /** The p-values used for classification (permutation if run, else normal), adjusted by `adjust`. */
  pAdjusted: Float64Array;
  /** 'hot' when pAdjusted < alpha and z > 0, 'cold' when pAdjusted < alpha and z < 0, else 'none'. */
  classes: HotspotClass[];
  /** Mean of the values. */
  mean: number;
  /** Population standard deviation of the values (divisor n). */
  sd: number;
  /** Options as applied. */
  options: Readonly<Required<GetisOrdOptions>>;
}

const defaults: Required<GetisOrdOptions> = { alpha: 0.05, adjust: 'bh', permutations: 0, seed: 1 };

function normaliseGetisOrdOptions(options: GetisOrdOptions | undefined): Readonly<Required<GetisOrdOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  if (!(o.alpha > 0 && o.alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.alpha must be in (0, 1): ${o.alpha}`);
  if (o.adjust !== 'bh' && o.adjust !== 'bonferroni' && o.adjust !== 'none') {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.adjust must be 'bh', 'bonferroni' or 'none': ${String(o.adjust)}`);
  }
  if (!(Number.isInteger(o.permutations) && o.permutations >= 0)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.permutations must be a non-negative integer: ${o.permutations}`);
  }
  if (!Number.isInteger(o.seed)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.seed must be an integer: ${o.seed}`);
  return Object.freeze(o);
}

function adjustP(p: Float64Array, how: MultipleTestingAdjustment): Float64Array {
  if (how === 'none') return p.slice();
  const { adjusted } = multipleTesting({ pValues: Array.from(p) }, { method: how === 'bh' ? 'BH' : 'bonferroni' });
  return Float64Array.from(adjusted);
}

/**
 * Getis-Ord Gi* local statistic (self included, binary weights) for hot- and cold-spot detection.
 *
 * Method (Ord & Getis 1995, eq. 14 with binary weights): with n areas, values x, mean x̄ and
 * s² = Σx²/n − x̄², for area i with W*ᵢ = 1 + |neighbours| (self included; S*₁ᵢ = W*ᵢ for binary weights),
 *   Gi* = (Σⱼ w*ᵢⱼ xⱼ − x̄ W*ᵢ) / ( s √((n W*ᵢ − W*ᵢ²) / (n − 1)) ),
 * asymptotically standard normal under the randomisation null. p is two-sided (normalTwoSided from
 * stats/distributions.ts); p-values are then adjusted (multipleTesting from stats/multiple-testing.ts) for the n simultaneous tests (Benjamini-Hochberg FDR by default) and an area is 'hot' or
 * 'cold' when its adjusted p < alpha. When all values are equal (s = 0) or an area neighbours all
 * others, z is set to 0 (class 'none'), not NaN. Optional conditional permutation inference: for each
 * area its own value is kept and |neighbours| values are drawn without replacement from the other
 * n − 1; pseudo p = (#{|sim − E| >= |obs − E|} + 1) / (R + 1).
 *
 * Assumptions: the normal approximation is poor for few neighbours and skewed counts (many zeros),
 * which is typical of crime on small grids: prefer permutations (e.g. 999) there, or report
 * counts with z. Gi* on counts ignores population at risk: use rates when areas differ in size.
 *
 * Bibliography: Getis A., Ord J.K. (1992) The analysis of spatial association by use of distance
 * statistics, Geographical Analysis 24(3), 189-206, doi:10.1111/j.1538-4632.1992.tb00261.x;
 * Ord J.K., Getis A. (1995) Local spatial autocorrelation statistics: distributional issues and an
 * application, Geographical Analysis 27(4), 286-306, doi:10.1111/j.1538-4632.1995.tb00912.x;
 * Benjamini Y., Hochberg Y. (1995) Controlling the false discovery rate, JRSS B 57(1), 289-300,
 * doi:10.1111/j.2517-6161.1995.tb02031.x; Caldas de Castro M., Singer B.H. (2006) Controlling the
 * false discovery rate: a new application to account for multiple and dependent tests in local
 * statistics of spatial association, Geographical Analysis 38(2), 180-208,
 * doi:10.1111/j.0016-7363.2006.00682.x.
 *
 * @param input `{values, neighbours}` (e.g. from contiguity or gridContiguity).
 * @param options `alpha` (0.05), `adjust` ('bh'), `permutations` (0), `seed` (1).
 * @example
 * const { neighbours } = contiguity({ features: lsoas });
 * const gi = getisOrd({ values: counts, neighbours });
 * gi.classes[i]; // 'hot' | 'cold' | 'none'
 */
export function getisOrd(input: GetisOrdInput, options?: GetisOrdOptions): GetisOrdResult {
  const o = normaliseGetisOrdOptions(options);
  if (!input || typeof input !== 'object' || !input.values || !input.neighbours) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {values, neighbours}');
  }
  const { values } = input;
  const n = values.length;
  if (n === 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.values is empty');
  const nbLength = isPrepared(input.neighbours) ? input.neighbours.n : input.neighbours.length;
  if (nbLength !== n) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.neighbours has ${nbLength} lists for ${n} values`);
  const x = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.values[${i}] is not a finite number: ${String(v)}`);
    x[i] = v; sum += v;
  }
  const mean = sum / n;
  // Two-pass variance for accuracy.
  let ss = 0;
  for (let i = 0; i < n; i++) { const d = (x[i] as number) - mean; ss += d * d; }
  const sd = Math.sqrt(ss / n);
  const degenerate = !(sd > 1e-12 * Math.max(1, Math.abs(mean)));

  // Neighbour lists, deduplicated, self removed (self is added by the formula), as CSR.
  const { offsets, flat } = isPrepared(input.neighbours) ? input.neighbours : prepareNeighbours(input.neighbours);
  const local = new Float64Array(n);
  const wstar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = x[i] as number;
    const a = offsets[i] as number, b = offsets[i + 1] as number;
    for (let k = a; k < b; k++) s += x[flat[k] as number] as number;
    local[i] = s;
    wstar[i] = b - a + 1;
  }

  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const W = wstar[i] as number;
    const varTerm = (n * W - W * W) / (n - 1);
    if (degenerate || !(varTerm > 0) || n < 2) { z[i] = 0; p[i] = 1; continue; }
    const zi = ((local[i] as number) - mean * W) / (sd * Math.sqrt(varTerm));
    z[i] = zi;
    p[i] = normalTwoSided(zi);
  }

  let pPermutation: Float64Array | null = null;
  if (o.permutations > 0) {
    pPermutation = new Float64Array(n).fill(1);
    if (!degenerate && n > 1) {
      const rand = mulberry32(o.seed);
      const perm = new Int32Array(n);
      for (let i = 0; i < n; i++) perm[i] = i;
      const R = o.permutations;
      for (let i = 0; i < n; i++) {
        const k = (wstar[i] as number) - 1;
        if (k <= 0 || k >= n - 1) continue; // no neighbours, or all others: nothing to permute
        const xi = x[i] as number;
        const expected = xi + (k * (sum - xi)) / (n - 1);
        const obs = Math.abs((local[i] as number) - expected);
        const tolerance = 1e-9 * Math.max(1, Math.abs(obs));
        let extreme = 0;
        for (let r = 0; r < R; r++) {
          let s = xi, got = 0;
          for (let t = 0; got < k; t++) {
            const j = t + Math.floor(rand() * (n - t));
            const pj = perm[j] as number;
            perm[j] = perm[t] as number;
            perm[t] = pj;
            if (pj === i) continue;
            s += x[pj] as number;
            got++;
          }
          if (Math.abs(s - expected) >= obs - tolerance) extreme++;
        }
        pPermutation[i] = (extreme + 1) / (R + 1);
      }
    }
  }
  const pAdjusted = adjustP(pPermutation ?? p, o.adjust);
  const classes: HotspotClass[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const zi = z[i] as number;
    classes[i] = (pAdjusted[i] as number) < o.alpha && zi !== 0 ? (zi > 0 ? 'hot' : 'cold') : 'none';
  }
  return { z, p, pPermutation, pAdjusted, classes, mean, sd, options: o };
}
