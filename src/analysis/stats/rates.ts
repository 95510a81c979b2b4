import { cspError } from '../../errors.ts';
import { gammaQuantile } from './distributions.ts';
import { checkCount, checkPositive } from './poisson-test.ts';

export interface RatesArea {
  /** Area identifier (e.g. a district code). */
  key: string;
  /** Number of events; a non-negative integer. */
  count: number;
  /** Population base (residents, households); > 0. */
  population: number;
}

export interface RatesInput {
  areas: readonly RatesArea[];
}

export interface RatesOptions {
  /** Rate per this many of the population. Default 1,000. */
  per?: number;
  /** Confidence level of the exact interval. Default 0.95. */
  confLevel?: number;
}

export interface AreaRate {
  key: string;
  count: number;
  population: number;
  /** count / population × per. */
  rate: number;
  /** Exact (Garwood) lower confidence limit of the rate. */
  ciLow: number;
  /** Exact (Garwood) upper confidence limit of the rate. */
  ciHigh: number;
  /** Rank among the areas, 1 = highest rate; ties share the best rank. */
  rank: number;
}

export interface RatesResult {
  per: number;
  confLevel: number;
  /** One entry per input area, in input order. */
  areas: AreaRate[];
}

const defaults = { per: 1000, confLevel: 0.95 } as const;

/** Fill in defaults and check the options. */
export function normaliseRatesOptions(options: RatesOptions = {}): Readonly<Required<RatesOptions>> {
  const per = options.per ?? defaults.per;
  checkPositive('per', per);
  const confLevel = options.confLevel ?? defaults.confLevel;
  if (!(confLevel > 0 && confLevel < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `confLevel must be in (0, 1): ${confLevel}`);
  return { per, confLevel };
}

/**
 * Exact (Garwood) confidence interval for a Poisson mean given an observed count:
 * lower = χ²(α/2; 2x)/2 = Gamma(x, 1) quantile at α/2 (0 when x = 0), upper = χ²(1 − α/2; 2x + 2)/2.
 */
export function poissonMeanInterval(count: number, confLevel = 0.95): { low: number; high: number } {
  checkCount('count', count);
  const a = (1 - confLevel) / 2;
  return { low: count === 0 ? 0 : gammaQuantile(a, count), high: gammaQuantile(1 - a, count + 1) };
}

/**
 * Rates per N (default per 1,000) with exact Poisson confidence intervals and ranks.
 *
 * Method: rate = count / population × per. The interval is Garwood's exact Poisson interval for
 * the count, scaled by per / population (as R's `poisson.test(count, population / per)$conf.int`).
 * Ranks are competition ranks on the rate: 1 = highest, tied areas share the best rank.
 *
 * Assumptions: the count is Poisson and the population is known without error; state the base and
 * its year with the rate (e.g. mid-2022 residents; households for burglary where available).
 *
 * Bibliography:
 * - Garwood, F. (1936). Fiducial limits for the Poisson distribution. Biometrika 28(3/4), 437–442.
 *   https://doi.org/10.1093/biomet/28.3-4.437
 * - Ulm, K. (1990). A simple method to calculate the confidence interval of a standardized
 *   mortality ratio. American Journal of Epidemiology 131(2), 373–375.
 *   https://doi.org/10.1093/oxfordjournals.aje.a115507
 *
 * @param input - `{areas: [{key, count, population}]}`.
 * @param options - `per` (1000), `confLevel` (0.95).
 * @example
 * rates({ areas: [{ key: 'E07000001', count: 137, population: 24198.93 }] });
 * // rate 5.661407, ciLow 4.753125, ciHigh 6.692709 (R: poisson.test(137, 24.19893))
 */
export function rates(input: RatesInput, options?: RatesOptions): RatesResult {
  const opts = normaliseRatesOptions(options);
  const values = new Map<string, number>();
  const areas = input.areas.map((area, i) => {
    checkCount(`areas[${i}].count`, area.count);
    checkPositive(`areas[${i}].population`, area.population);
    if (values.has(area.key)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `duplicate area key: ${area.key}`);
    const scale = opts.per / area.population;
    const rate = area.count * scale;
    values.set(area.key, rate);
    const ci = poissonMeanInterval(area.count, opts.confLevel);
    return { key: area.key, count: area.count, population: area.population, rate, ciLow: ci.low * scale, ciHigh: ci.high * scale };
  });
  return { per: opts.per, confLevel: opts.confLevel, areas: areas.map((a) => ({ ...a, rank: rankAmong(values, a.key).rank })) };
}

/**
 * Rank of one key among values: 1 = highest, ties share the best (lowest) rank ("1224" ranking).
 *
 * @example
 * rankAmong({ a: 5, b: 9, c: 5 }, 'c'); // { rank: 2, of: 3 }
 */
export function rankAmong(values: Readonly<Record<string, number>> | ReadonlyMap<string, number>, key: string): { rank: number; of: number } {
  const entries = values instanceof Map ? [...values.entries()] : Object.entries(values);
  let own: number | undefined;
  for (const [k, v] of entries) {
    if (!Number.isFinite(v)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `values['${k}'] must be a finite number: ${v}`);
    if (k === key) own = v;
  }
  if (own === undefined) throw cspError('CSP_ERR_ANALYSIS_INPUT', `key is not among values: ${key}`);
  const mine = own;
  const rank = 1 + entries.filter(([, v]) => v > mine).length;
  return { rank, of: entries.length };
}
