import { cspError } from '../../errors.ts';
import { mannKendall, type TrendDirection } from '../stats/mann-kendall.ts';
import { getisOrd, prepareNeighbours, type HotspotClass, type MultipleTestingAdjustment } from './getis-ord.ts';

/** The pattern kinds of ArcGIS Pro's Emerging Hot Spot Analysis, each for hot and for cold spots. */
export const EMERGING_PATTERNS = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];
/** `'<pattern>-hot'`, `'<pattern>-cold'`, or `'none'` (no pattern detected). */
export type EmergingCategory = `${EmergingPattern}-${'hot' | 'cold'}` | 'none';

/** Every category, hot first then cold, in the pattern order above, then 'none' (legend order). */
export const EMERGING_CATEGORIES: readonly EmergingCategory[] = [
  ...EMERGING_PATTERNS.map((p) => `${p}-hot` as const),
  ...EMERGING_PATTERNS.map((p) => `${p}-cold` as const),
  'none',
];

export interface EmergingHotspotsInput {
  /** counts[t][i]: the count (or rate) of location i in time step t; steps oldest first, same locations each step. */
  counts: ReadonlyArray<ArrayLike<number>>;
  /** Binary neighbour lists between the locations, as for getisOrd (self added by Gi*). */
  neighbours: ReadonlyArray<ReadonlyArray<number>>;
}

export interface EmergingHotspotsOptions {
  /** Significance of a Gi* bin after the per-step adjustment. Default 0.05. */
  alpha?: number;
  /** Multiple-testing adjustment across the locations of each time step. Default 'bh'. */
  adjust?: MultipleTestingAdjustment;
  /** Significance of the Mann-Kendall trend of a location's Gi* z-scores. Default 0.05. */
  trendAlpha?: number;
  /** Share of time steps that makes a location persistent, intensifying, diminishing or historical. Default 0.9. */
  share?: number;
}

export interface EmergingHotspotsResult {
  /** Category per location. */
  categories: EmergingCategory[];
  /** Mann-Kendall z of each location's Gi* z-score series (continuity-corrected). */
  trendZ: Float64Array;
  /** Two-sided Mann-Kendall p of that trend. */
  trendP: Float64Array;
  /** Significant hot bins per location. */
  hotSteps: Int32Array;
  /** Significant cold bins per location. */
  coldSteps: Int32Array;
  /** Gi* z-score per step and location: z[t][i]. */
  z: Float64Array[];
  /** Gi* class per step and location: classes[t][i]. */
  classes: HotspotClass[][];
  /** Number of time steps. */
  steps: number;
  options: Readonly<Required<EmergingHotspotsOptions>>;
}

const defaults: Required<EmergingHotspotsOptions> = { alpha: 0.05, adjust: 'bh', trendAlpha: 0.05, share: 0.9 };

function normaliseEmergingHotspotsOptions(options: EmergingHotspotsOptions | undefined): Readonly<Required<EmergingHotspotsOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  if (!(o.trendAlpha > 0 && o.trendAlpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.trendAlpha must be in (0, 1): ${o.trendAlpha}`);
  if (!(o.share > 0.5 && o.share <= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.share must be in (0.5, 1]: ${o.share}`);
  return Object.freeze(o);
}

/**
 * The category of one location from its per-step classes (oldest first) and the direction of the
 * trend in its Gi* z-scores. The rules, for hot spots (cold: swap hot and cold, and read the trend the
 * other way, a falling z being a cold spot intensifying), with n steps, H hot bins and `share` = 0.9:
 *
 * 1. H ≥ share·n and the last step hot: z trending up → intensifying; down → diminishing; no
 *    significant trend → persistent.
 * 2. H ≥ share·n and the last step not hot → historical.
 * 3. H < share·n and the last step hot, in this order: the only hot bin is the last → new; the hot
 *    bins are one unbroken run of two or more ending at the last step → consecutive; some earlier
 *    step was cold → oscillating; else (hot on and off, never cold) → sporadic.
 * 4. Otherwise no pattern ('none').
 * Hot rules are tried first; cold rules apply when no hot rule fires.
 */
export function classifyEmerging(classes: readonly HotspotClass[], trend: TrendDirection, share = defaults.share): EmergingCategory {
  return classifySide(classes, trend, share, 'hot') ?? classifySide(classes, trend, share, 'cold') ?? 'none';
}

function classifySide(classes: readonly HotspotClass[], trend: TrendDirection, share: number, side: 'hot' | 'cold'): EmergingCategory | null {
  const n = classes.length;
  if (n === 0) return null;
  const other = side === 'hot' ? 'cold' : 'hot';
  let count = 0, otherCount = 0;
  for (const c of classes) { if (c === side) count++; else if (c === other) otherCount++; }
  const lastIs = classes[n - 1] === side;
  // A small tolerance so that, e.g., 9 of 10 counts as 90%.
  const mostly = count >= share * n - 1e-9;
  const stronger = side === 'hot' ? 'up' : 'down';
  const weaker = side === 'hot' ? 'down' : 'up';
  if (mostly && lastIs) return `${trend === stronger ? 'intensifying' : trend === weaker ? 'diminishing' : 'persistent'}-${side}`;
  if (mostly) return `historical-${side}`;
  if (!lastIs) return null;
  if (count === 1) return `new-${side}`;
  let run = 0;
  for (let t = n - 1; t >= 0 && classes[t] === side; t--) run++;
  if (run === count) return `consecutive-${side}`;
  if (otherCount > 0) return `oscillating-${side}`;
  return `sporadic-${side}`;
}

/**
 * Emerging hot spot analysis on a space-time cube: which locations are new, consecutive,
 * intensifying, persistent, diminishing, sporadic, oscillating or historical hot (or cold) spots.
 *
 * Method: for each time step, Gi* on that step's counts with the given neighbours and the per-step
 * multiple-testing adjustment (getisOrd: Benjamini-Hochberg by default, the project's Gi*); for each
 * location, a Mann-Kendall test (continuity-corrected, tie-corrected) on its series of Gi* z-scores;
 * then the rules of {@link classifyEmerging}, which follow ArcGIS Pro's documented definitions
 * (docs/emerging-hotspots.md states each rule and where we differ).
 *
 * Assumptions and differences from ArcGIS Pro: the neighbourhood is spatial only (ArcGIS also counts
 * bins of earlier time steps as neighbours), so each step's Gi* is the same statistic as the
 * project's single-period Gi*; FDR is applied within each step; the trend test ignores serial
 * correlation of z-scores, so its p is optimistic.
 *
 * Bibliography: Esri (2024) How Emerging Hot Spot Analysis works, ArcGIS Pro 3.x documentation;
 * Getis A., Ord J.K. (1992) doi:10.1111/j.1538-4632.1992.tb00261.x; Mann H.B. (1945)
 * doi:10.2307/1907187; Benjamini Y., Hochberg Y. (1995) doi:10.1111/j.2517-6161.1995.tb02031.x.
 *
 * @param input `{counts, neighbours}`: counts[t][i] per time step t and location i.
 * @param options `alpha` (0.05), `adjust` ('bh'), `trendAlpha` (0.05), `share` (0.9).
 * @example
 * const r = emergingHotspots({ counts: monthlyCountsPerCell, neighbours: gridContiguity(w, h).neighbours });
 * r.categories[i]; // e.g. 'intensifying-hot'
 */
export function emergingHotspots(input: EmergingHotspotsInput, options?: EmergingHotspotsOptions): EmergingHotspotsResult {
  const o = normaliseEmergingHotspotsOptions(options);
  if (!input || !Array.isArray(input.counts) || !input.neighbours) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {counts, neighbours}');
  const steps = input.counts.length;
  if (steps < 2) throw cspError('CSP_ERR_ANALYSIS_INPUT', `emerging hot spots need at least two time steps, got ${steps}`);
  const n = input.neighbours.length;
  const z: Float64Array[] = [];
  const classes: HotspotClass[][] = [];
  // The same neighbours every step: checked and compressed once.
  const neighbours = prepareNeighbours(input.neighbours);
  input.counts.forEach((values, t) => {
    if (!values || values.length !== n) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.counts[${t}] has ${values?.length ?? 'no'} values for ${n} locations`);
    const gi = getisOrd({ values, neighbours }, { alpha: o.alpha, adjust: o.adjust });
    z.push(gi.z);
    classes.push(gi.classes);
  });
  const categories: EmergingCategory[] = new Array(n);
  const trendZ = new Float64Array(n), trendP = new Float64Array(n);
  const hotSteps = new Int32Array(n), coldSteps = new Int32Array(n);
  const series = new Float64Array(steps);
  const own: HotspotClass[] = new Array(steps);
  for (let i = 0; i < n; i++) {
    let h = 0, c = 0;
    for (let t = 0; t < steps; t++) {
      series[t] = z[t]![i]!;
      const k = classes[t]![i]!;
      own[t] = k;
      if (k === 'hot') h++; else if (k === 'cold') c++;
    }
    const mk = mannKendall({ values: series }, { alpha: o.trendAlpha });
    trendZ[i] = mk.z; trendP[i] = mk.p;
    hotSteps[i] = h; coldSteps[i] = c;
    categories[i] = classifyEmerging(own, mk.trend, o.share);
  }
  return { categories, trendZ, trendP, hotSteps, coldSteps, z, classes, steps, options: o };
}
