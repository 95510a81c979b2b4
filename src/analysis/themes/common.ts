/** Small pieces every theme analysis shares: full-year windows, tested year change, tallies. */
import type { ChangeResult } from '../change-types.ts';
import type { DispersionResult } from '../stats/dispersion.ts';
import type { NamedCount } from './types.ts';
import { periodChange, yearPeriod } from '../period-change.ts';

/** A series' quasi-Poisson scale and its degrees of freedom, estimated from its monthly counts; null for the exact Poisson test. */
export type DispersionFit = Pick<DispersionResult, 'dispersion' | 'df'> | null;

/** Calendar years wholly inside a period: shared with the police overview. */
export { fullYears } from '../months.ts';

export function share(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

/**
 * The first full year's count against the last's (equal 12-month exposures), tested with the
 * series' dispersion (quasi-Poisson; the exact Poisson p-value kept beside it), or with the exact
 * conditional Poisson test when no dispersion is given. Null with fewer than two full years.
 */
export function yearChange(count: (year: number) => number, years: readonly number[], alpha: number, dispersion: DispersionFit = null): ChangeResult | null {
  if (years.length < 2) return null;
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return periodChange(count(first), count(last), yearPeriod(first), yearPeriod(last), alpha, dispersion);
}

/** Adds `n` to `key` in a count map. */
export function bump<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Counts as a list, most first (ties by name), with shares of `total` (default: their sum). */
export function namedCounts(counts: ReadonlyMap<string, number>, total?: number): NamedCount[] {
  const sum = total ?? [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count, share: share(count, sum) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
