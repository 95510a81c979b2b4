/**
 * England and Wales comparison: the area's rate against the national rate for the same measure and
 * period, from the partnership's `national-comparators` extract (docs/partnership-templates.md).
 * Only a row whose period is exactly the rate window (or the baseline, for the national change) is
 * used: a national rate over other months is not a comparator.
 */
import type { PeriodRange } from './change-types.ts';
import type { NationalComparison, NationalComparatorRow } from './types.ts';

/** "2018-01 to 2018-12" or "2018" (a calendar year) as its first and last month; null otherwise. */
export function parseComparatorPeriod(period: string): { from: string; to: string } | null {
  const p = period.trim();
  const year = /^(\d{4})$/.exec(p);
  if (year) return { from: `${year[1]}-01`, to: `${year[1]}-12` };
  const range = /^(\d{4}-\d{2})\s+to\s+(\d{4}-\d{2})$/.exec(p);
  return range && range[1]! <= range[2]! ? { from: range[1]!, to: range[2]! } : null;
}

/** The row's rate per 1,000 residents: from count and population when both are given, else the stated rate. */
function rateOf(r: NationalComparatorRow): number | null {
  if (r.count !== null && r.population !== null && r.population > 0) return (1000 * r.count) / r.population;
  return r.ratePer1000;
}

function rowFor(rows: readonly NationalComparatorRow[], measure: string, p: PeriodRange): NationalComparatorRow | null {
  const m = measure.trim().toLowerCase();
  return (
    rows.find((r) => {
      const q = parseComparatorPeriod(r.period);
      return r.measure.trim().toLowerCase() === m && q !== null && q.from === p.from && q.to === p.to && rateOf(r) !== null;
    }) ?? null
  );
}

export interface NationalInput {
  /** The measure's label as the extract names it: a police category, 'Anti-social behaviour' or 'Recorded crime'. */
  measure: string;
  window: PeriodRange;
  baseline: PeriodRange;
  /** The area's rate in the window and its 95% interval, per 1,000 residents; null without one. */
  areaRate: { rate: number; ciLow: number; ciHigh: number } | null;
  rows: readonly NationalComparatorRow[];
}

/**
 * The national comparison, or null when the extract has no row for the measure over the rate window.
 * 'similar' when the area's 95% interval contains the national rate (the national rate is taken as
 * known: its own error is negligible beside a district's), else 'higher' or 'lower'.
 *
 * @example
 * nationalComparison({ measure: 'Burglary', window, baseline, areaRate: { rate: 8, ciLow: 6.3, ciHigh: 10 }, rows });
 */
export function nationalComparison(input: NationalInput): NationalComparison | null {
  const now = rowFor(input.rows, input.measure, input.window);
  if (!now) return null;
  const rate = rateOf(now)!;
  const before = rowFor(input.rows, input.measure, input.baseline);
  const a = input.areaRate;
  const versus: NationalComparison['areaVersusNational'] = a === null ? null : rate < a.ciLow ? 'higher' : rate > a.ciHigh ? 'lower' : 'similar';
  const baselineRate = before ? rateOf(before)! : null;
  return {
    areaCode: now.areaCode,
    areaName: now.areaName,
    ratePer1000: rate,
    areaVersusNational: versus,
    baselineRatePer1000: baselineRate,
    changePct: baselineRate !== null && baselineRate > 0 ? (100 * (rate - baselineRate)) / baselineRate : null,
  };
}
