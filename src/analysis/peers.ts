import type { DifferenceInChange, Measure, PeerGroup, PeerRow, PeersSection } from './types.ts';
import type { PeriodRange } from './change-types.ts';
import { periodChange } from './period-change.ts';
import { differenceInChange } from './stats/difference-in-change.ts';
import { rankAmong, rates } from './stats/rates.ts';

/** One district's figures: counts in the baseline and the rate window, and its residents. */
export interface PeerCounts {
  code: string;
  name: string;
  /** Incidents in the baseline period. */
  before: number;
  /** Incidents in the rate window. */
  after: number;
  population: number | null;
  households: number | null;
}

export interface PeersInput {
  measure: Measure;
  /** The partnership's district code. */
  area: string;
  forceAreaName: string;
  baseline: PeriodRange;
  window: PeriodRange;
  populationYear: number | null;
  /** Every district of the force area, the area among them. */
  districts: readonly PeerCounts[];
  /** Configured statistical neighbours (ONS codes), with residents where loaded. */
  neighbours: readonly { code: string; population: number | null }[];
}

export interface PeersOptions {
  /** Significance level. Default 0.05. */
  significance?: number;
}

function peerRows(districts: readonly PeerCounts[], area: string, baseline: PeriodRange, window: PeriodRange, alpha: number): PeerRow[] {
  const withRate = districts.filter((d) => d.population !== null && d.population > 0);
  const r = rates({ areas: withRate.map((d) => ({ key: d.code, count: d.after, population: d.population! })) });
  const byCode = new Map(r.areas.map((a) => [a.key, a]));
  const values = new Map(r.areas.map((a) => [a.key, a.rate]));
  return districts
    .map((d): PeerRow => {
      const rate = byCode.get(d.code);
      return {
        code: d.code,
        name: d.name,
        count: d.after,
        population: d.population,
        ratePer1000: rate?.rate ?? null,
        rateCiLow: rate?.ciLow ?? null,
        rateCiHigh: rate?.ciHigh ?? null,
        households: d.households,
        ratePer1000Households: d.households ? (1000 * d.after) / d.households : null,
        rank: rate ? rankAmong(values, d.code).rank : null,
        change: periodChange(d.before, d.after, baseline, window, alpha),
        isArea: d.code === area,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
}

function group(kind: PeerGroup['kind'], title: string, rows: PeerRow[], missing: string[]): PeerGroup {
  const area = rows.find((r) => r.isArea);
  return { kind, title, rows, areaRank: area?.rank ?? null, of: rows.filter((r) => r.rank !== null).length, missing };
}

function verdict(areaRatio: number | null, d: { inLine: boolean; ratioOfRatios: number | null }, comparator: string): string {
  const dir = areaRatio === null ? 'changed' : areaRatio > 1 ? 'rose' : areaRatio < 1 ? 'fell' : 'was unchanged';
  if (d.inLine) return `${dir} in line with ${comparator} (no significant difference in change)`;
  const worse = (d.ratioOfRatios ?? 1) > 1;
  if (dir === 'rose') return `rose significantly ${worse ? 'more' : 'less'} than ${comparator}`;
  if (dir === 'fell') return `fell significantly ${worse ? 'less' : 'more'} than ${comparator}`;
  return `changed significantly ${worse ? 'upward' : 'downward'} relative to ${comparator}`;
}

/** The area's change against the sum of the other districts: a test of the difference in change. */
export function versusRest(districts: readonly PeerCounts[], area: string, comparator: string, baseline: PeriodRange, window: PeriodRange, alpha: number): DifferenceInChange | null {
  const own = districts.find((d) => d.code === area);
  const rest = districts.filter((d) => d.code !== area);
  if (!own || rest.length === 0) return null;
  const cb = rest.reduce((s, d) => s + d.before, 0);
  const ca = rest.reduce((s, d) => s + d.after, 0);
  const t = differenceInChange(
    { areaBefore: own.before, areaAfter: own.after, comparatorBefore: cb, comparatorAfter: ca, tBefore: baseline.months, tAfter: window.months },
    { alpha },
  );
  return {
    comparator,
    comparatorBefore: cb,
    comparatorAfter: ca,
    ratioOfRatios: t.ratioOfRatios,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    pValue: t.pValue,
    inLine: t.inLine,
    verdict: verdict(t.areaRateRatio, t, comparator),
  };
}

/**
 * Peer comparison: the area against the other districts of its force area and its configured
 * statistical neighbours, by rate per 1,000 residents (rank 1 = highest), each district's tested
 * change (exact conditional Poisson test, baseline against window), and whether the area's change is
 * in line with the rest of the force area (test of the ratio of rate ratios, not eyeballing).
 *
 * Assumptions: counts are Poisson; the population base is one year's estimate for every period;
 * neighbours outside the force area have figures only when their incidents are loaded, and are
 * otherwise listed as missing rather than ranked as zero.
 *
 * @example
 * peers({ measure, area: 'E08000007', forceAreaName: 'Greater Manchester', baseline, window, populationYear: 2017, districts, neighbours: [] });
 */
export function peers(input: PeersInput, options: PeersOptions = {}): PeersSection {
  const alpha = options.significance ?? 0.05;
  const { baseline, window, area } = input;
  const force = group('force-area', `Districts of ${input.forceAreaName}`, peerRows(input.districts, area, baseline, window, alpha), []);
  const known = new Map(input.districts.map((d) => [d.code, d]));
  const missing = input.neighbours.filter((n) => !known.has(n.code)).map((n) => n.code);
  const neighbourCounts = [known.get(area), ...input.neighbours.map((n) => known.get(n.code))].filter((d): d is PeerCounts => d !== undefined);
  const groups = [force];
  if (input.neighbours.length > 0) {
    groups.push(group('statistical-neighbours', 'Statistical neighbours', peerRows(neighbourCounts, area, baseline, window, alpha), missing));
  }
  return {
    measure: input.measure,
    window,
    baseline,
    populationYear: input.populationYear,
    groups,
    versusForceArea: versusRest(input.districts, area, `the rest of ${input.forceAreaName}`, baseline, window, alpha),
    nationalNote: 'No England and Wales figures are loaded for this measure, so there is no national comparison.',
  };
}
