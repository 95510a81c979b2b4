import { cspError } from '../../errors.ts';
import { checkCount, checkPositive } from './poisson-test.ts';

export interface ControlChartInput {
  /** Counts per period (e.g. month), in time order; non-negative integers. */
  values: readonly number[];
  /**
   * Optional exposure per period (e.g. days in the month, population / 1,000), same length as
   * `values`, each > 0. When given the chart is a u-chart of values[i] / exposures[i].
   */
  exposures?: readonly number[];
}

export interface ControlChartOptions {
  /** Number of leading points that define the centre line. Default: the whole series. */
  baseline?: number;
  /** Width of the limits in standard deviations. Default 3. */
  sigma?: number;
  /** Run length for the shift rule: this many consecutive points strictly on one side of the centre. Default 8. */
  runLength?: number;
}

export interface ControlChartFlag {
  index: number;
  /** The plotted value: the count (c-chart) or the rate (u-chart). */
  value: number;
  side: 'high' | 'low';
}

export interface ControlChartShift {
  /** First and last index (inclusive) of a maximal run of at least `runLength` points on one side. */
  start: number;
  end: number;
  side: 'high' | 'low';
}

export interface ControlChartResult {
  kind: 'c' | 'u';
  /** Plotted statistic per point: the counts (c-chart) or count / exposure (u-chart). */
  points: number[];
  /** Centre line: mean count (c) or pooled rate ū = Σ counts / Σ exposures (u) over the baseline. */
  centre: number;
  /** Lower limit per point, floored at 0. */
  lower: number[];
  /** Upper limit per point. */
  upper: number[];
  /** Points outside the limits. */
  flags: ControlChartFlag[];
  /** Runs of at least `runLength` points on one side of the centre. */
  shifts: ControlChartShift[];
  /** Number of points used for the centre line. */
  baseline: number;
}

const defaults = { sigma: 3, runLength: 8 } as const;

type NormalisedOptions = Readonly<{ baseline: number; sigma: number; runLength: number }>;

/** Fill in defaults (baseline = series length) and check the options. */
export function normaliseControlChartOptions(options: ControlChartOptions, length: number): NormalisedOptions {
  const baseline = options.baseline ?? length;
  if (!Number.isInteger(baseline) || baseline < 1 || baseline > length) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `baseline must be an integer from 1 to the series length (${length}): ${baseline}`);
  }
  const sigma = options.sigma ?? defaults.sigma;
  checkPositive('sigma', sigma);
  const runLength = options.runLength ?? defaults.runLength;
  if (!Number.isInteger(runLength) || runLength < 2) throw cspError('CSP_ERR_ANALYSIS_INPUT', `runLength must be an integer >= 2: ${runLength}`);
  return { baseline, sigma, runLength };
}

/**
 * Poisson control chart for a count series: a c-chart, or a u-chart when exposures are given.
 *
 * Method: c-chart centre c̄ = mean of the first `baseline` counts, limits c̄ ± 3 √c̄; u-chart
 * centre ū = Σ c_i / Σ n_i over the baseline, limits ū ± 3 √(ū / n_i) for each point. Lower
 * limits are floored at 0. A point strictly above the upper limit is flagged 'high', strictly below
 * the lower limit 'low'. The run rule (Western Electric rule 4 / Nelson rule 2) reports each
 * maximal run of `runLength` (8) or more consecutive points strictly on one side of the centre as a
 * shift; a point exactly on the centre ends a run.
 *
 * Assumptions: counts are Poisson (variance = mean) and independent from period to period with no
 * trend or seasonality in the baseline. Over-dispersed crime series will show more points outside
 * the limits than the nominal 0.27 %; seasonal series should be compared month-on-same-month
 * (see `yearOnYear`). When the baseline mean is 0 both limits are 0 and any non-zero point is high.
 *
 * Bibliography:
 * - Montgomery, D. C. (2019). Introduction to Statistical Quality Control, 8th ed., §7.3 (c and u
 *   charts). Wiley. ISBN 978-1-119-39930-8.
 * - Western Electric Company (1956). Statistical Quality Control Handbook. Indianapolis.
 * - Nelson, L. S. (1984). The Shewhart control chart—tests for special causes. Journal of Quality
 *   Technology 16(4), 237–239. https://doi.org/10.1080/00224065.1984.11978921
 *
 * @param input - `{values, exposures?}`.
 * @param options - `baseline` (all points), `sigma` (3), `runLength` (8).
 * @example
 * controlChart({ values: [10, 12, 9, 11, 30, 10] }, { baseline: 4 });
 * // centre 10.5, upper 10.5 + 3√10.5 = 20.22, flags [{ index: 4, value: 30, side: 'high' }]
 */
export function controlChart(input: ControlChartInput, options: ControlChartOptions = {}): ControlChartResult {
  const { values, exposures } = input;
  if (values.length === 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'values must not be empty');
  values.forEach((v, i) => checkCount(`values[${i}]`, v));
  if (exposures !== undefined) {
    if (exposures.length !== values.length) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', `exposures must have the same length as values (${values.length}): ${exposures.length}`);
    }
    exposures.forEach((e, i) => checkPositive(`exposures[${i}]`, e));
  }
  const opts = normaliseControlChartOptions(options, values.length);
  const n = values.length;
  const exposure = (i: number): number => (exposures === undefined ? 1 : (exposures[i] as number));
  let sumCount = 0;
  let sumExposure = 0;
  for (let i = 0; i < opts.baseline; i++) {
    sumCount += values[i] as number;
    sumExposure += exposure(i);
  }
  const centre = sumCount / sumExposure;
  const points: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const flags: ControlChartFlag[] = [];
  for (let i = 0; i < n; i++) {
    const value = (values[i] as number) / exposure(i);
    const half = opts.sigma * Math.sqrt(centre / exposure(i));
    const lo = Math.max(0, centre - half);
    const hi = centre + half;
    points.push(value);
    lower.push(lo);
    upper.push(hi);
    if (value > hi) flags.push({ index: i, value, side: 'high' });
    else if (value < lo) flags.push({ index: i, value, side: 'low' });
  }
  return {
    kind: exposures === undefined ? 'c' : 'u',
    points,
    centre,
    lower,
    upper,
    flags,
    shifts: findShifts(points, centre, opts.runLength),
    baseline: opts.baseline,
  };
}

function findShifts(points: readonly number[], centre: number, runLength: number): ControlChartShift[] {
  const shifts: ControlChartShift[] = [];
  let start = 0;
  let side = 0;
  const close = (end: number): void => {
    if (side !== 0 && end - start + 1 >= runLength) shifts.push({ start, end, side: side > 0 ? 'high' : 'low' });
  };
  points.forEach((v, i) => {
    const s = Math.sign(v - centre);
    if (s !== side) {
      close(i - 1);
      start = i;
      side = s;
    }
  });
  close(points.length - 1);
  return shifts;
}
