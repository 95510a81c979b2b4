/**
 * Coverage: which months hold data, per force, and which periods a comparison may use. A month with
 * no published data is a gap, never a fall in crime: a figure whose period has a gap on either side,
 * or for any area compared, is not computed, and the reason is kept so the report can say why.
 */
import type { PeriodRange } from '../assessment/model.ts';
import { monthsInRange } from './months.ts';

/** Rows loaded per month for one force (or other publisher). */
export interface ForceCoverage {
  force: string;
  /** Months with data in the configured period, ascending, with the rows loaded for each. */
  months: { month: string; rows: number }[];
  /** Months of the configured period with no rows at all. */
  missingMonths: string[];
}

/** Why a figure was not computed: a period it needs lacks data for some months. */
export interface NotComputed {
  /** Which figure, e.g. 'overview.crimeChange', 'peers.rank'. */
  figure: string;
  reason: 'incomplete-period' | 'no-complete-window';
  /** The period that is incomplete (or the span searched for a complete window). */
  period: PeriodRange;
  /** Months of that period with no data. */
  missingMonths: string[];
  /** Forces (publishers) lacking data in those months. */
  forces: string[];
}

/** Per-force coverage of the configured period from rows per force and month. */
export function forceCoverage(rows: readonly { force: string; month: string; rows: number }[], from: string, to: string): ForceCoverage[] {
  const all = monthsInRange(from, to);
  const byForce = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.month < from || r.month > to) continue;
    const m = byForce.get(r.force) ?? new Map<string, number>();
    m.set(r.month, (m.get(r.month) ?? 0) + r.rows);
    byForce.set(r.force, m);
  }
  return [...byForce]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([force, m]) => ({
      force,
      months: all.filter((x) => m.has(x)).map((month) => ({ month, rows: m.get(month)! })),
      missingMonths: all.filter((x) => !m.has(x)),
    }));
}

/** Months with data for every one of the given forces (an area compared with others needs all of them). */
export function monthsCoveredByAll(coverage: readonly ForceCoverage[], forces: readonly string[]): Set<string> {
  const sets = forces.map((f) => new Set(coverage.find((c) => c.force === f)?.months.map((m) => m.month) ?? []));
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((m) => sets.every((s) => s.has(m))));
}

/** Months of `period` with no data. */
export function missingIn(period: Pick<PeriodRange, 'from' | 'to'>, withData: ReadonlySet<string>): string[] {
  return monthsInRange(period.from, period.to).filter((m) => !withData.has(m));
}

export function isComplete(period: Pick<PeriodRange, 'from' | 'to'>, withData: ReadonlySet<string>): boolean {
  return missingIn(period, withData).length === 0;
}

/**
 * The configured period trimmed to the first and last months with data: months at either end with
 * no data are outside the assessment, so nothing is said about them. Null when no month has data.
 */
export function trimToData(from: string, to: string, withData: ReadonlySet<string>): { from: string; to: string } | null {
  const months = monthsInRange(from, to).filter((m) => withData.has(m));
  return months.length === 0 ? null : { from: months[0]!, to: months[months.length - 1]! };
}

/** A NotComputed entry for `figure` when any of `periods` lacks data; null when all are complete. */
export function gapIn(figure: string, periods: readonly PeriodRange[], coverage: readonly ForceCoverage[], forces: readonly string[]): NotComputed | null {
  const withData = monthsCoveredByAll(coverage, forces);
  for (const p of periods) {
    const missing = missingIn(p, withData);
    if (missing.length > 0) {
      const lacking = forces.filter((f) => {
        const have = new Set(coverage.find((c) => c.force === f)?.months.map((m) => m.month) ?? []);
        return missing.some((m) => !have.has(m));
      });
      return { figure, reason: 'incomplete-period', period: p, missingMonths: missing, forces: lacking };
    }
  }
  return null;
}

/** The latest `months` consecutive months within from..to that all hold data; null when there is none. */
export function latestCompleteWindow(from: string, to: string, months: number, withData: ReadonlySet<string>): PeriodRange | null {
  const all = monthsInRange(from, to);
  let run = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    run = withData.has(all[i]!) ? run + 1 : 0;
    if (run === months) return { from: all[i]!, to: all[i + months - 1]!, months };
  }
  return null;
}

/** Calendar years of from..to whose twelve months all hold data. */
export function completeYears(years: readonly number[], withData: ReadonlySet<string>): number[] {
  return years.filter((y) => isComplete({ from: `${y}-01`, to: `${y}-12` }, withData));
}
