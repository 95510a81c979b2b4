import { cspError } from '../../errors.ts';
import { addMonths } from '../months.ts';
import type { ControlChartFlag } from './control-chart.ts';
import { dispersionFactor, estimateDispersion } from './dispersion.ts';
import { normalTails, studentTQuantile } from './distributions.ts';

export interface SeasonalControlChartInput {
  /** Monthly counts in time order, one per consecutive month; non-negative. */
  values: readonly number[];
  /** Calendar month (1-12) of the first value. */
  firstMonth: number;
}

export interface SeasonalControlChartOptions {
  /** Width of the limits in standard deviations. Default 3. */
  sigma?: number;
  /** Months of history the expected level is the mean of. Default 12. */
  window?: number;
  /** Estimate and apply seasonal indices, from the 24 or more months before each month judged. Default true. */
  seasonal?: boolean;
  /** Project the window's linear trend one month ahead rather than take its mean. Default true. */
  trend?: boolean;
}

export interface SeasonalControlChartResult {
  /** Expected count per month (null where there is not yet `window` months of history). */
  expected: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Months outside the limits. */
  flags: ControlChartFlag[];
  /** Seasonal index by calendar month (index 0 = January) as estimated from the whole series, for display; each month is judged with indices from the months before it only. All 1 when not estimated. */
  seasonalIndex: number[];
  /** Dispersion used for each month's limits (estimated from the months before it, floored at 1); null where not assessed. */
  dispersion: (number | null)[];
  /** Whether seasonal indices were estimated and applied. */
  seasonallyAdjusted: boolean;
  /** First index that could be assessed. */
  assessedFrom: number;
}

const defaults = { sigma: 3, window: 12, seasonal: true, trend: true } as const;

export function normaliseSeasonalControlChartOptions(o: SeasonalControlChartOptions = {}): Readonly<Required<SeasonalControlChartOptions>> {
  const out = { ...defaults, ...o };
  if (!(out.sigma > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.sigma must be positive, got ${out.sigma}`);
  if (!Number.isInteger(out.window) || out.window < 3) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.window must be an integer >= 3, got ${out.window}`);
  return out;
}

/**
 * Classical multiplicative seasonal indices: ratios to a centred 2x12 moving average, averaged by
 * calendar month, normalised to mean 1; with how many ratios each calendar month's index averages.
 */
function seasonalIndices(values: readonly number[], firstMonth: number): { index: number[]; ratios: number[] } {
  const sums = new Array<number>(12).fill(0);
  const counts = new Array<number>(12).fill(0);
  for (let t = 6; t < values.length - 6; t++) {
    let trend = (values[t - 6]! + values[t + 6]!) / 24;
    for (let k = -5; k <= 5; k++) trend += values[t + k]! / 12;
    if (trend <= 0) continue;
    const m = (firstMonth - 1 + t) % 12;
    sums[m]! += values[t]! / trend;
    counts[m]! += 1;
  }
  const raw = sums.map((s, m) => (counts[m]! > 0 ? s / counts[m]! : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / 12;
  return { index: raw.map((r) => (mean > 0 ? r / mean : 1)), ratios: counts };
}

/**
 * The deseasonalised level expected at month t from the `window` months before it (their mean, or
 * their least-squares line one step on), and the variance factor of that estimate: Var(level) =
 * φ · level · factor, with factor 1/n for a mean and 1/n + (x0 − x̄)² / Sxx for a line carried to x0.
 */
function projectLevel(values: readonly number[], s: (t: number) => number, t: number, window: number, trend: boolean): { level: number; factor: number } {
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  for (let k = 0; k < window; k++) {
    const y = values[t - window + k]! / s(t - window + k);
    sumX += k;
    sumY += y;
    sumXY += k * y;
    sumXX += k * k;
  }
  const mean = sumY / window;
  if (!trend) return { level: mean, factor: 1 / window };
  const sxx = sumXX - (sumX * sumX) / window;
  const slope = (window * sumXY - sumX * sumY) / (window * sumXX - sumX * sumX);
  const dx = window - (window - 1) / 2;
  return { level: mean + slope * dx, factor: 1 / window + (dx * dx) / sxx };
}

/**
 * A control chart for a monthly count series with trend and season: each month is compared with the
 * level the previous `window` months project (deseasonalised, their least-squares line carried one
 * month on), times its calendar month's seasonal index. Everything a month is judged against comes
 * from the months before it, so a month's flag does not change when later months are added:
 * - seasonal indices are the classical decomposition's (ratio to a centred 2x12 moving average,
 *   averaged by calendar month, normalised to mean 1) over the months before it, once there are 24;
 *   with seasonal adjustment on, months are judged from the 25th (earlier ones would be judged
 *   against no season at all);
 * - the dispersion φ (see `estimateDispersion`, floored at 1) is estimated from the months before it.
 * The limits allow for the count's own variation and for the error of the projected level:
 * expected ± k √(φ·e·(1 + 1/r) + s² · φ·L · f), where e = L·s is the expected count, L the projected
 * level, s the seasonal index, r the number of years its index averages (each ratio to the moving
 * average carries about the count's own relative error) and f the variance factor of the projection
 * (1/n + (x₀ − x̄)²/Sxx for a line, 1/n for a mean). k is `sigma` when φ = 1, else the Student t quantile with the dispersion's degrees
 * of freedom at the same tail probability (the dispersion is itself estimated).
 *
 * Bibliography: Montgomery, D. C. (2012) Introduction to Statistical Quality Control, 7th ed., ch. 7
 * (c-charts); Makridakis, Wheelwright & Hyndman (1998) Forecasting: Methods and Applications, ch. 3
 * (classical decomposition); Draper, N. R. & Smith, H. (1998) Applied Regression Analysis, 3rd ed.,
 * §3.1 (variance of a predicted value).
 *
 * @example
 * seasonalControlChart({ values: monthlyCounts, firstMonth: 1 }).flags // [{ index, value, side }]
 */
export function seasonalControlChart(input: SeasonalControlChartInput, options: SeasonalControlChartOptions = {}): SeasonalControlChartResult {
  const o = normaliseSeasonalControlChartOptions(options);
  const { values, firstMonth } = input;
  if (!Number.isInteger(firstMonth) || firstMonth < 1 || firstMonth > 12) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.firstMonth must be 1-12, got ${firstMonth}`);
  }
  for (const v of values) {
    if (!(Number.isFinite(v) && v >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.values must be non-negative numbers, got ${v}`);
  }
  const adjust = o.seasonal && values.length > SEASONAL_HISTORY;
  const start = adjust ? Math.max(o.window, SEASONAL_HISTORY) : o.window;
  const ones = new Array<number>(12).fill(1);
  const first = `2000-${String(firstMonth).padStart(2, '0')}`;
  const tailProb = normalTails(o.sigma).upper;
  const expected: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  const dispersion: (number | null)[] = [];
  const flags: ControlChartFlag[] = [];
  for (let t = 0; t < values.length; t++) {
    if (t < start) {
      expected.push(null);
      lower.push(null);
      upper.push(null);
      dispersion.push(null);
      continue;
    }
    const history = values.slice(0, t);
    const seasons = adjust ? seasonalIndices(history, firstMonth) : null;
    const index = seasons?.index ?? ones;
    const s = (k: number) => index[(firstMonth - 1 + k) % 12]!;
    // An index averaging n ratios, each with relative variance about φ / count, adds φ·e / n to the expected count's variance.
    const ratios = seasons ? Math.max(1, seasons.ratios[(firstMonth - 1 + t) % 12]!) : Number.POSITIVE_INFINITY;
    const { level, factor } = projectLevel(values, s, t, o.window, o.trend);
    const L = Math.max(0, level);
    const e = L * s(t);
    const d = estimateDispersion({ series: new Map(history.map((v, k) => [addMonths(first, k), Math.round(v)])) }, { seasonal: adjust });
    const phi = dispersionFactor(d.dispersion);
    const k = phi > 1 && d.df > 0 ? studentTQuantile(1 - tailProb, d.df) : o.sigma;
    const half = k * Math.sqrt(phi * e * (1 + 1 / ratios) + s(t) * s(t) * phi * L * factor);
    expected.push(e);
    lower.push(Math.max(0, e - half));
    upper.push(e + half);
    dispersion.push(phi);
    const v = values[t]!;
    if (v > e + half) flags.push({ index: t, value: v, side: 'high' });
    else if (v < e - half) flags.push({ index: t, value: v, side: 'low' });
  }
  const seasonalIndex = adjust ? seasonalIndices(values, firstMonth).index : ones;
  return { expected, lower, upper, flags, seasonalIndex, seasonallyAdjusted: adjust, dispersion, assessedFrom: Math.min(start, values.length) };
}

/** Months of history seasonal indices need. */
const SEASONAL_HISTORY = 24;
