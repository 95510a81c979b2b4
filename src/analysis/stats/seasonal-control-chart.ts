import { cspError } from '../../errors.ts';
import type { ControlChartFlag } from './control-chart.ts';

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
  /** Estimate and apply seasonal indices when the series has at least 24 months. Default true. */
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
  /** Seasonal index by calendar month (index 0 = January); all 1 when not estimated. */
  seasonalIndex: number[];
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

/** Classical multiplicative seasonal indices: ratios to a centred 2x12 moving average, averaged by calendar month. */
function seasonalIndices(values: readonly number[], firstMonth: number): number[] {
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
  return raw.map((r) => (mean > 0 ? r / mean : 1));
}

/** The deseasonalised level expected at month t from the `window` months before it: their mean, or their least-squares line one step on. */
function projectLevel(values: readonly number[], s: (t: number) => number, t: number, window: number, trend: boolean): number {
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
  if (!trend) return mean;
  const slope = (window * sumXY - sumX * sumY) / (window * sumXX - sumX * sumX);
  return mean + slope * (window - (window - 1) / 2);
}

/**
 * A Poisson control chart for a monthly series with trend and season: each month is compared with
 * the level the previous `window` months project (deseasonalised, their least-squares line carried one
 * month on), times its own month's seasonal index,
 * with limits expected ± sigma·√expected. A chart with one fixed centre line flags every month of a
 * rising series; this one flags months that depart from the recent level and the usual season.
 *
 * Seasonal indices are the classical decomposition's (ratio to a centred 2x12 moving average, averaged
 * by calendar month, normalised to mean 1), estimated when there are 24 months or more.
 *
 * Bibliography: Montgomery, D. C. (2012) Introduction to Statistical Quality Control, 7th ed., ch. 7
 * (c-charts); Makridakis, Wheelwright & Hyndman (1998) Forecasting: Methods and Applications, ch. 3
 * (classical decomposition).
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
  const adjust = o.seasonal && values.length >= 24;
  const index = adjust ? seasonalIndices(values, firstMonth) : new Array<number>(12).fill(1);
  const s = (t: number) => index[(firstMonth - 1 + t) % 12]!;
  const expected: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  const flags: ControlChartFlag[] = [];
  for (let t = 0; t < values.length; t++) {
    if (t < o.window) {
      expected.push(null);
      lower.push(null);
      upper.push(null);
      continue;
    }
    const e = Math.max(0, projectLevel(values, s, t, o.window, o.trend)) * s(t);
    const half = o.sigma * Math.sqrt(e);
    expected.push(e);
    lower.push(Math.max(0, e - half));
    upper.push(e + half);
    const v = values[t]!;
    if (v > e + half) flags.push({ index: t, value: v, side: 'high' });
    else if (v < e - half) flags.push({ index: t, value: v, side: 'low' });
  }
  return { expected, lower, upper, flags, seasonalIndex: index, seasonallyAdjusted: adjust, assessedFrom: Math.min(o.window, values.length) };
}
