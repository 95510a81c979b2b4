import { cspError } from '../../errors.ts';
import { checkCount, normalisePoissonTestOptions, poissonTest, type PoissonTestOptions, type PoissonTestResult } from './poisson-test.ts';

export interface YearOnYearInput {
  /** Monthly counts keyed 'YYYY-MM'. A month with a 0 count is present; a missing key means no data. */
  series: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
}

export interface YearOnYearOptions extends PoissonTestOptions {
  /** Number of latest months to compare. Default 12. */
  months?: number;
  /** Last month of the comparison window, 'YYYY-MM'. Default: the latest month in the series. */
  latest?: string;
}

export interface YearOnYearMissing {
  /** Month of the latest window, 'YYYY-MM'. */
  month: string;
  /** Which side has no data: the month itself ('after'), the month a year earlier ('before'), or both. */
  missing: 'after' | 'before' | 'both';
}

export interface YearOnYearResult {
  /** First and last month of the latest window. */
  from: string;
  to: string;
  /** Months of the latest window present in both years, ascending. */
  matched: string[];
  /** Months of the latest window dropped for lack of data. */
  missing: YearOnYearMissing[];
  /** Test of the summed counts over the matched months (after = latest, before = a year earlier), exposure = months matched. */
  test: PoissonTestResult;
}

const defaults = { months: 12 } as const;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Fill in defaults and check the options (latest is resolved against the series later). */
export function normaliseYearOnYearOptions(options: YearOnYearOptions = {}): Readonly<{ months: number; latest: string | null; test: Readonly<Required<PoissonTestOptions>> }> {
  const months = options.months ?? defaults.months;
  if (!Number.isInteger(months) || months < 1) throw cspError('CSP_ERR_ANALYSIS_INPUT', `months must be a positive integer: ${months}`);
  const latest = options.latest ?? null;
  if (latest !== null && !MONTH.test(latest)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `latest must be a month 'YYYY-MM': ${latest}`);
  return { months, latest, test: normalisePoissonTestOptions(options) };
}

function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw cspError('CSP_ERR_ANALYSIS_INPUT', `series key must be a month 'YYYY-MM': ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Year-on-year change: the latest N months against the same calendar months a year earlier.
 *
 * Method: the window is the N consecutive calendar months ending at `latest`. A month enters the
 * comparison only when it and the month twelve months earlier both have data (a key in the series,
 * zero counts included), so a gap on either side never reads as a fall. The counts are summed over
 * the matched months and compared with `poissonTest` with equal exposures (the number of matched
 * months), so same-month pairing removes seasonality. Leap-year February (29 v 28 days) is ignored.
 *
 * Assumptions: as `poissonTest` (Poisson counts, no over-dispersion); recording practice unchanged
 * between the two years.
 *
 * Bibliography:
 * - Przyborowski, J. & Wilenski, H. (1940). Homogeneity of results in testing samples from Poisson
 *   series. Biometrika 31(3/4), 313–323. https://doi.org/10.2307/2332612
 *
 * @param input - `{series}`.
 * @param options - `months` (12), `latest` (latest month in the series), and `poissonTest` options.
 * @throws CSP_ERR_ANALYSIS_INPUT when the series is empty, a key is not 'YYYY-MM', a count is not a
 *   non-negative integer, or no month of the window has data in both years.
 * @example
 * yearOnYear({ series: { '2023-01': 10, '2023-02': 12, '2024-01': 15, '2024-02': 18 } }, { months: 2 });
 * // matched ['2024-01', '2024-02'], test: before 22, after 33, changePct 50
 */
export function yearOnYear(input: YearOnYearInput, options?: YearOnYearOptions): YearOnYearResult {
  const opts = normaliseYearOnYearOptions(options);
  const entries = input.series instanceof Map ? [...input.series.entries()] : Object.entries(input.series);
  if (entries.length === 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'series must not be empty');
  const byIndex = new Map<number, number>();
  for (const [month, count] of entries) {
    checkCount(`series['${month}']`, count);
    byIndex.set(monthIndex(month), count);
  }
  const last = opts.latest === null ? Math.max(...byIndex.keys()) : monthIndex(opts.latest);
  const first = last - opts.months + 1;
  const matched: string[] = [];
  const missing: YearOnYearMissing[] = [];
  let after = 0;
  let before = 0;
  for (let i = first; i <= last; i++) {
    const now = byIndex.get(i);
    const then = byIndex.get(i - 12);
    if (now !== undefined && then !== undefined) {
      matched.push(monthKey(i));
      after += now;
      before += then;
    } else {
      missing.push({ month: monthKey(i), missing: now === undefined && then === undefined ? 'both' : now === undefined ? 'after' : 'before' });
    }
  }
  if (matched.length === 0) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `series has no month from ${monthKey(first)} to ${monthKey(last)} with data in both years`);
  }
  const test = poissonTest({ before, after, tBefore: matched.length, tAfter: matched.length }, opts.test);
  return { from: monthKey(first), to: monthKey(last), matched, missing, test };
}
