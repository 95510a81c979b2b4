import { cspError } from '../../errors.ts';
import { monthIndex } from '../months.ts';
import { checkCount } from './poisson-test.ts';

export interface DispersionInput {
  /**
   * Monthly counts keyed 'YYYY-MM'. A missing key is a month with no data and is left out of the
   * fit (never read as zero); a key with 0 is a month with data and no incidents.
   */
  series: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
}

export interface DispersionOptions {
  /** Fit a linear trend in log rate. Default true. */
  trend?: boolean;
  /** Fit calendar-month effects when there are at least `seasonalMinMonths` months covering all twelve calendar months. Default true. */
  seasonal?: boolean;
  /** Fewest months for the seasonal terms. Default 24. */
  seasonalMinMonths?: number;
  /** Fewest residual degrees of freedom for an estimate; below it the dispersion is null. Default 6. */
  minDf?: number;
}

export interface DispersionResult {
  /**
   * Pearson χ² / residual degrees of freedom of the Poisson log-linear fit: the quasi-Poisson scale
   * φ, so that Var(count) ≈ φ · mean. 1 for Poisson counts; null when the series is too short
   * (fewer than `minDf` residual degrees of freedom) or holds no incidents.
   */
  dispersion: number | null;
  /** Residual degrees of freedom (months − parameters); the t-distribution degrees of freedom of tests that use φ. */
  df: number;
  /** Months with data that entered the fit. */
  months: number;
  /** Whether the fit had a trend and calendar-month terms. */
  trend: boolean;
  seasonal: boolean;
}

const defaults = { trend: true, seasonal: true, seasonalMinMonths: 24, minDf: 6 } as const;

/** Fill in defaults and check the options. */
export function normaliseDispersionOptions(options: DispersionOptions = {}): Readonly<Required<DispersionOptions>> {
  const o = { ...defaults, ...options };
  if (!Number.isInteger(o.seasonalMinMonths) || o.seasonalMinMonths < 13) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `seasonalMinMonths must be an integer >= 13: ${o.seasonalMinMonths}`);
  }
  if (!Number.isInteger(o.minDf) || o.minDf < 1) throw cspError('CSP_ERR_ANALYSIS_INPUT', `minDf must be a positive integer: ${o.minDf}`);
  return o;
}

/** Solve the symmetric positive-definite system A x = b by Cholesky; null when A is not positive definite. */
function solveSpd(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i]![i]!)))) return null;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** Poisson log-linear fit by iteratively reweighted least squares (as R's glm.fit: start μ = y + 0.1). Returns the fitted means. */
export function _poissonFit(x: readonly number[][], y: readonly number[]): number[] | null {
  const n = y.length;
  const p = x[0]!.length;
  let mu = y.map((v) => v + 0.1);
  let eta = mu.map(Math.log);
  let devOld = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < 100; iter++) {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const w = mu[i]!;
      const z = eta[i]! + (y[i]! - mu[i]!) / mu[i]!;
      const row = x[i]!;
      for (let j = 0; j < p; j++) {
        xtwz[j]! += row[j]! * w * z;
        for (let k = 0; k <= j; k++) xtwx[j]![k]! += row[j]! * w * row[k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) xtwx[j]![k] = xtwx[k]![j]!;
    const beta = solveSpd(xtwx, xtwz);
    if (beta === null) return null;
    eta = x.map((row) => row.reduce((s, v, j) => s + v * beta[j]!, 0));
    mu = eta.map(Math.exp);
    let dev = 0;
    for (let i = 0; i < n; i++) dev += 2 * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - (y[i]! - mu[i]!));
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-10) break;
    devOld = dev;
  }
  return mu;
}

/**
 * Dispersion of a monthly count series after trend and season: how much more the counts vary than
 * Poisson counts with the same means would.
 *
 * Method: a Poisson log-linear model log μ_t = α + β·t (+ a calendar-month effect) is fitted by
 * iteratively reweighted least squares to the months with data; the dispersion is Pearson's
 * φ = Σ (y − μ)² / μ / (n − p), the scale a quasi-Poisson GLM estimates (R
 * `summary(glm(y ~ t + factor(month), family = quasipoisson))$dispersion`, statsmodels
 * `GLM(..., Poisson()).fit(scale='X2').scale`). Calendar-month terms enter when the series has at
 * least 24 months covering every calendar month, so the usual season is not counted as noise.
 *
 * Assumptions: variance proportional to the mean (quasi-Poisson); the trend is log-linear over the
 * series. Crime series are typically overdispersed (repeat victims, series offending, recording
 * batches), so φ is usually well above 1; a φ below 1 (underdispersion) is reported as estimated,
 * and tests that use it floor it at 1 (see `dispersionFactor`).
 *
 * Bibliography:
 * - McCullagh, P. & Nelder, J. A. (1989). Generalized Linear Models, 2nd ed., §4.5 (the dispersion
 *   parameter and quasi-likelihood). Chapman & Hall. https://doi.org/10.1007/978-1-4899-3242-6
 * - Wedderburn, R. W. M. (1974). Quasi-likelihood functions, generalized linear models, and the
 *   Gauss-Newton method. Biometrika 61(3), 439–447. https://doi.org/10.1093/biomet/61.3.439
 *
 * @param input - `{series}`: counts by month, gaps left out.
 * @param options - `trend` (true), `seasonal` (true), `seasonalMinMonths` (24), `minDf` (6).
 * @example
 * estimateDispersion({ series: { '2018-01': 210, '2018-02': 180, ... } }).dispersion // e.g. 2.7
 */
export function estimateDispersion(input: DispersionInput, options?: DispersionOptions): DispersionResult {
  const o = normaliseDispersionOptions(options);
  const entries = (input.series instanceof Map ? [...input.series.entries()] : Object.entries(input.series)) as [string, number][];
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [m, v] of entries) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `series key must be a month 'YYYY-MM': ${m}`);
    checkCount(`series['${m}']`, v);
  }
  const n = entries.length;
  const calendar = new Set(entries.map(([m]) => Number(m.slice(5, 7))));
  const seasonal = o.seasonal && n >= o.seasonalMinMonths && calendar.size === 12;
  const trend = o.trend && n >= 3;
  const p = 1 + (trend ? 1 : 0) + (seasonal ? 11 : 0);
  const df = n - p;
  const result = (dispersion: number | null): DispersionResult => ({ dispersion, df: Math.max(0, df), months: n, trend, seasonal });
  const y = entries.map(([, v]) => v);
  if (df < o.minDf || y.every((v) => v === 0)) return result(null);
  const t0 = monthIndex(entries[0]![0]);
  const x = entries.map(([m]) => {
    const row = [1];
    if (trend) row.push((monthIndex(m) - t0) / 12);
    if (seasonal) for (let c = 2; c <= 12; c++) row.push(Number(m.slice(5, 7)) === c ? 1 : 0);
    return row;
  });
  const mu = _poissonFit(x, y);
  if (mu === null) return result(null);
  let chi2 = 0;
  for (let i = 0; i < n; i++) if (mu[i]! > 1e-12) chi2 += (y[i]! - mu[i]!) ** 2 / mu[i]!;
  return result(chi2 / df);
}

/** The factor a test inflates Poisson variances by: φ floored at 1 (underdispersion is not trusted to sharpen a test); 1 when unknown. */
export function dispersionFactor(dispersion: number | null | undefined): number {
  return dispersion === null || dispersion === undefined || !(dispersion > 1) ? 1 : dispersion;
}
