import type { ChangeResult } from '../assessment/model.ts';
import { adjustChanges, monthlySeries, periodChange, periodRange } from './period-change.ts';
import { estimateDispersion } from './stats/dispersion.ts';

export interface ChangeTableInput {
  /** Earlier and later periods. */
  a: { from: string; to: string };
  b: { from: string; to: string };
  /** Each group's counts in the two periods. */
  groups: readonly { key: string | null; a: number; b: number }[];
  /** Each group's monthly counts ('YYYY-MM' -> count) over the span of both periods. */
  monthly: ReadonlyMap<string | null, ReadonlyMap<string, number>>;
  /** Months with data in that span (other months are gaps, left out of the dispersion fit). */
  monthsWithData: readonly string[];
}

/**
 * One table of tested changes (every crime type, locality or district): each group's change tested
 * with the dispersion of its own monthly series (quasi-Poisson; exact Poisson p kept beside it),
 * then Benjamini-Hochberg across the table, so `significant` is the adjusted p below `alpha`.
 */
export function changeTable(input: ChangeTableInput, alpha: number): { key: string | null; change: ChangeResult }[] {
  const pa = periodRange(input.a.from, input.a.to);
  const pb = periodRange(input.b.from, input.b.to);
  const rows = input.groups.map((g) => {
    const dispersion = estimateDispersion({ series: monthlySeries(input.monthly.get(g.key) ?? new Map(), input.monthsWithData) });
    return { key: g.key, change: periodChange(g.a, g.b, pa, pb, alpha, dispersion) };
  });
  adjustChanges(rows.map((r) => r.change), alpha);
  return rows;
}
