import { cspError } from '../errors.ts';
import { addMonths } from './months.ts';
import { incompleteBeta, incompleteGamma } from './stats/distributions.ts';

export type SeasonModel = 'harmonic' | 'monthly' | 'none';

export interface ExpectedCountsInput {
  /** Monthly counts in time order, one per consecutive month; non-negative integers. */
  values: readonly number[];
  /** The first month, 'YYYY-MM'. */
  firstMonth: string;
}

export interface ExpectedCountsOptions {
  /** Months of history a baseline needs; a month with less has no expected count. Default 24. */
  minHistory?: number;
  /** Most months of history a baseline is fitted on (the latest ones). Default 24. */
  window?: number;
  /** Coverage of the prediction intervals. Default 0.95. */
  level?: number;
  /** Months forecast after the last one. Default 6. */
  horizon?: number;
  /**
   * Seasonal effect: 'harmonic' (one sine-cosine pair over the year: 2 parameters), 'monthly' (11
   * month-of-year indicators, only with 24 months of history), or 'none'. Default 'harmonic'.
   */
  season?: SeasonModel;
  /** Fit a linear trend on the log scale. Default true. */
  trend?: boolean;
}

export interface ExpectedMonth {
  month: string;
  /** Expected count from months before this one only; null without `minHistory` months. */
  expected: number | null;
  /** Prediction interval bounds (counts). */
  lower: number | null;
  upper: number | null;
}

export interface ExpectedCountMonth extends ExpectedMonth {
  observed: number;
  /** observed > upper. */
  above: boolean;
  /** observed < lower. */
  below: boolean;
}

/** A baseline fit: the quasi-Poisson log-linear model and its dispersion. */
export interface BaselineFit {
  /** Months the model was fitted on. */
  months: number;
  /** Pearson χ² / residual df (≥ 1 used in intervals; the raw value is reported). */
  dispersion: number;
  /** The seasonal effect fitted. */
  season: SeasonModel;
  /** Trend per month on the log scale (0 when not fitted). */
  trendPerMonth: number;
}

export interface ExpectedCountsResult {
  months: ExpectedCountMonth[];
  /** The months after the last, from a fit on the latest `window` months. Empty when too short. */
  forecast: ExpectedMonth[];
  /** Months whose count was above its interval. */
  above: string[];
  /** The fit behind the forecast (the latest baseline); null when the series is too short. */
  fit: BaselineFit | null;
  options: Readonly<Required<ExpectedCountsOptions>>;
}

const defaults: Required<ExpectedCountsOptions> = { minHistory: 24, window: 24, level: 0.95, horizon: 6, season: 'harmonic', trend: true };

export function normaliseExpectedCountsOptions(options: ExpectedCountsOptions | undefined): Readonly<Required<ExpectedCountsOptions>> {
  const o = { ...defaults, ...(options ?? {}) };
  if (!(Number.isInteger(o.minHistory) && o.minHistory >= 3)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.minHistory must be an integer >= 3: ${o.minHistory}`);
  if (!(Number.isInteger(o.window) && o.window >= o.minHistory)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.window must be an integer >= minHistory: ${o.window}`);
  if (!(o.level > 0 && o.level < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.level must be in (0, 1): ${o.level}`);
  if (o.season !== 'harmonic' && o.season !== 'monthly' && o.season !== 'none') throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.season must be 'harmonic', 'monthly' or 'none': ${String(o.season)}`);
  if (!(Number.isInteger(o.horizon) && o.horizon >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.horizon must be a non-negative integer: ${o.horizon}`);
  return Object.freeze(o);
}

/** Solves the symmetric positive definite system A x = b in place by Cholesky; returns x and A⁻¹. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): { x: Float64Array; inverse: Float64Array } | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const solve = (rhs: Float64Array): Float64Array => {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) { let s = rhs[i]!; for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!; y[i] = s / l[i * p + i]!; }
    const x = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) { let s = y[i]!; for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!; x[i] = s / l[i * p + i]!; }
    return x;
  };
  const inverse = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) { e.fill(0); e[j] = 1; const col = solve(e); for (let i = 0; i < p; i++) inverse[i * p + j] = col[i]!; }
  return { x: solve(b), inverse };
}

/**
 * Design row: intercept, trend (months from the fit's start), then the season: sin and cos of
 * 2π·month/12, or 11 month-of-year indicators (January the base).
 */
function designRow(t: number, calendarMonth: number, season: SeasonModel, trend: boolean): number[] {
  const row = [1];
  if (trend) row.push(t);
  if (season === 'harmonic') row.push(Math.sin((2 * Math.PI * calendarMonth) / 12), Math.cos((2 * Math.PI * calendarMonth) / 12));
  else if (season === 'monthly') for (let m = 1; m < 12; m++) row.push(calendarMonth === m ? 1 : 0);
  return row;
}

interface Fitted {
  beta: Float64Array;
  /** (X'WX)⁻¹, unscaled. */
  covariance: Float64Array;
  trend: boolean;
  fit: BaselineFit;
}

/**
 * Quasi-Poisson log-linear fit by iteratively reweighted least squares: log μ = a + b·t + s(month).
 * A month-of-year with no incidents in the history drives its effect to −∞; a tiny ridge (1e-6 on
 * every coefficient but the intercept) keeps the system solvable without moving other estimates.
 */
function fitBaseline(y: readonly number[], calendar: readonly number[], season: SeasonModel, trend: boolean): Fitted | null {
  const n = y.length;
  const rows = y.map((_, t) => designRow(t, calendar[t]!, season, trend));
  const p = rows[0]!.length;
  if (n <= p) return null;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  if (!(mean > 0)) return null;
  let beta: Float64Array = new Float64Array(p);
  beta[0] = Math.log(mean);
  let inverse: Float64Array = new Float64Array(p * p);
  const eta = new Float64Array(n);
  for (let iter = 0; iter < 50; iter++) {
    const xtwx = new Float64Array(p * p), xtwz = new Float64Array(p);
    for (let t = 0; t < n; t++) {
      const x = rows[t]!;
      let e = 0;
      for (let k = 0; k < p; k++) e += x[k]! * beta[k]!;
      eta[t] = e;
      const mu = Math.exp(e);
      const z = e + (y[t]! - mu) / mu;
      for (let i = 0; i < p; i++) {
        const wi = mu * x[i]!;
        if (wi === 0) continue;
        xtwz[i]! += wi * z;
        for (let j = 0; j < p; j++) xtwx[i * p + j]! += wi * x[j]!;
      }
    }
    for (let k = 1; k < p; k++) xtwx[k * p + k]! += 1e-6;
    const solved = choleskySolve(xtwx, xtwz, p);
    if (!solved) return null;
    inverse = solved.inverse;
    let change = 0;
    for (let k = 0; k < p; k++) change = Math.max(change, Math.abs(solved.x[k]! - beta[k]!));
    beta = solved.x;
    if (change < 1e-9) break;
  }
  let pearson = 0;
  for (let t = 0; t < n; t++) {
    let e = 0;
    for (let k = 0; k < p; k++) e += rows[t]![k]! * beta[k]!;
    const mu = Math.exp(e);
    pearson += (y[t]! - mu) ** 2 / mu;
  }
  return {
    beta,
    covariance: inverse,
    trend,
    fit: { months: n, dispersion: pearson / (n - p), season, trendPerMonth: trend ? beta[1]! : 0 },
  };
}

/** Negative binomial (or Poisson when there is no extra variance) quantile with mean mu and variance v. */
function countQuantile(q: number, mu: number, v: number): number {
  if (!(mu > 0)) return 0;
  const cdf = v > mu * (1 + 1e-9)
    ? (k: number): number => { const r = (mu * mu) / (v - mu); return incompleteBeta(r / (r + mu), r, k + 1).lower; }
    : (k: number): number => incompleteGamma(k + 1, mu).upper;
  // Start near the normal approximation and step to the smallest k with F(k) >= q.
  let k = Math.max(0, Math.floor(mu + Math.sqrt(v) * (q < 0.5 ? -2 : 2)));
  while (k > 0 && cdf(k - 1) >= q) k--;
  while (cdf(k) < q) k++;
  return k;
}

function predict(f: Fitted, t: number, calendarMonth: number, level: number): { expected: number; lower: number; upper: number } {
  const x = designRow(t, calendarMonth, f.fit.season, f.trend);
  const p = x.length;
  let eta = 0, quad = 0;
  for (let i = 0; i < p; i++) {
    eta += x[i]! * f.beta[i]!;
    for (let j = 0; j < p; j++) quad += x[i]! * f.covariance[i * p + j]! * x[j]!;
  }
  const phi = Math.max(1, f.fit.dispersion);
  const mu = Math.exp(eta);
  // Predictive variance: the count's own (φμ) plus the fitted mean's (delta method: μ² Var(η̂)).
  const v = phi * mu + mu * mu * phi * quad;
  const tail = (1 - level) / 2;
  return { expected: mu, lower: countQuantile(tail, mu, v), upper: countQuantile(1 - tail, mu, v) };
}

const calendarOf = (month: string): number => Number(month.slice(5, 7));

/**
 * Expected monthly counts from a seasonal baseline fitted on past months only, prediction intervals
 * that include overdispersion, the months above them, and a forecast of the next months.
 *
 * Method: for each month t with at least `minHistory` earlier months, a quasi-Poisson log-linear
 * model log μ = a + b·(month number) + s(calendar month) is fitted by IRLS to the (up to) `window`
 * months before t, the season s being one sine-cosine pair by default (two parameters: stable on two
 * years, where eleven month indicators would be fitted on two counts each); a two-year window keeps
 * the trend local, so a series that rose and then fell is not forced onto one line (on real GM
 * burglary a 36-month line left a dispersion of 10 for Stockport, a 24-month one 2.6); the dispersion φ is the Pearson χ² over the residual degrees of freedom (floored
 * at 1 in the intervals). The prediction for t is μ̂ with variance φμ̂ + φμ̂²·x'(X'WX)⁻¹x (the
 * count's variance plus the estimate's, by the delta method), and the interval holds the
 * (1 − level)/2 and (1 + level)/2 quantiles of a negative binomial with that mean and variance
 * (Poisson when there is no excess). A month is above when its count exceeds the upper bound. The
 * forecast fits the latest `window` months and predicts the `horizon` months after them.
 *
 * Assumptions: a log-linear trend continues over the window and forecast horizon (check the
 * forecast against the last year); the seasonal pattern is stable; recording changes (a new crime
 * recording standard) break the baseline. Incomplete months must be left out before the call.
 *
 * Bibliography: McCullagh P., Nelder J.A. (1989) Generalized Linear Models, 2nd ed., ch. 6 (quasi-
 * likelihood and overdispersion), doi:10.1201/9780203753736; Farrington C.P. et al. (1996) A
 * statistical algorithm for the early detection of outbreaks of infectious disease, JRSS A 159(3),
 * 547-563, doi:10.2307/2983331; Noufaily A. et al. (2013) An improved algorithm for outbreak
 * detection in multiple surveillance systems, Statistics in Medicine 32(7), 1206-1222,
 * doi:10.1002/sim.5595.
 *
 * @param input `{values, firstMonth}`.
 * @param options `minHistory` (24), `window` (24), `level` (0.95), `horizon` (6), `season` ('harmonic'), `trend` (true).
 * @example
 * const r = expectedCounts({ values: monthly, firstMonth: '2016-02' });
 * r.above; // ['2018-11']
 * r.forecast[0]; // { month: '2019-02', expected: 812.4, lower: 702, upper: 929 }
 */
export function expectedCounts(input: ExpectedCountsInput, options?: ExpectedCountsOptions): ExpectedCountsResult {
  const o = normaliseExpectedCountsOptions(options);
  if (!input || !Array.isArray(input.values) || !/^\d{4}-(0[1-9]|1[0-2])$/.test(String(input.firstMonth))) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {values, firstMonth: "YYYY-MM"}');
  }
  const { values, firstMonth } = input;
  values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.values[${i}] must be a non-negative whole count: ${v}`);
  });
  const monthAt = (t: number): string => addMonths(firstMonth, t);
  const fitOn = (end: number): Fitted | null => {
    const start = Math.max(0, end - o.window);
    const ys = values.slice(start, end);
    const season = o.season === 'monthly' && ys.length < 24 ? 'harmonic' : o.season;
    return fitBaseline(ys, ys.map((_, k) => calendarOf(monthAt(start + k))), season, o.trend);
  };
  const months: ExpectedCountMonth[] = values.map((observed, t) => {
    const f = t >= o.minHistory ? fitOn(t) : null;
    if (!f) return { month: monthAt(t), observed, expected: null, lower: null, upper: null, above: false, below: false };
    const pr = predict(f, t - Math.max(0, t - o.window), calendarOf(monthAt(t)), o.level);
    return { month: monthAt(t), observed, ...pr, above: observed > pr.upper, below: observed < pr.lower };
  });
  const n = values.length;
  const last = n >= o.minHistory ? fitOn(n) : null;
  const forecast: ExpectedMonth[] = last
    ? Array.from({ length: o.horizon }, (_, h) => ({ month: monthAt(n + h), ...predict(last, n - Math.max(0, n - o.window) + h, calendarOf(monthAt(n + h)), o.level) }))
    : [];
  return { months, forecast, above: months.filter((m) => m.above).map((m) => m.month), fit: last?.fit ?? null, options: o };
}

export interface ForecastScoreRow {
  month: string;
  expected: number;
  lower: number;
  upper: number;
  actual: number;
  /** lower <= actual <= upper. */
  within: boolean;
}

export interface ForecastScore {
  rows: ForecastScoreRow[];
  /** Months of the forecast with an actual count. */
  scored: number;
  /** Share of scored months inside their interval (null when none scored). */
  coverage: number | null;
  /** Mean |actual − expected|. */
  meanAbsoluteError: number | null;
  /** Mean (actual − expected): positive when the forecast was too low. */
  meanError: number | null;
}

/**
 * A previous edition's forecast against what happened: months of the forecast that now have a
 * count, whether each fell inside its interval, and the mean absolute and signed errors.
 *
 * @example
 * scoreForecast(previous.forecast, new Map([['2019-02', 790]])).coverage; // 1
 */
export function scoreForecast(forecast: readonly ExpectedMonth[], actuals: ReadonlyMap<string, number>): ForecastScore {
  const rows: ForecastScoreRow[] = [];
  for (const f of forecast) {
    const actual = actuals.get(f.month);
    if (actual === undefined || f.expected === null || f.lower === null || f.upper === null) continue;
    rows.push({ month: f.month, expected: f.expected, lower: f.lower, upper: f.upper, actual, within: actual >= f.lower && actual <= f.upper });
  }
  const k = rows.length;
  const mean = (g: (r: ForecastScoreRow) => number): number | null => (k ? rows.reduce((s, r) => s + g(r), 0) / k : null);
  return {
    rows,
    scored: k,
    coverage: mean((r) => (r.within ? 1 : 0)),
    meanAbsoluteError: mean((r) => Math.abs(r.actual - r.expected)),
    meanError: mean((r) => r.actual - r.expected),
  };
}
