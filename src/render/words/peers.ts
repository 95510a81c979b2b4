import type { DifferenceInChange, NationalComparison, PeersSection } from '../../analysis/types.ts';
import { fmtRate } from '../html/format.ts';

export type VersusFacts = Pick<DifferenceInChange, 'areaDirection' | 'inLine' | 'ratioOfRatios' | 'comparator'>;

/** The area's change against a comparator's, from the test of the difference in change: "rose in line with the rest of Greater Manchester (...)". */
export function versusWords(d: VersusFacts): string {
  const dir = d.areaDirection === null ? 'changed' : d.areaDirection === 'unchanged' ? 'was unchanged' : d.areaDirection;
  if (d.inLine) return `${dir} in line with ${d.comparator} (no significant difference in change)`;
  const worse = (d.ratioOfRatios ?? 1) > 1;
  if (dir === 'rose') return `rose significantly ${worse ? 'more' : 'less'} than ${d.comparator}`;
  if (dir === 'fell') return `fell significantly ${worse ? 'less' : 'more'} than ${d.comparator}`;
  return `changed significantly ${worse ? 'upward' : 'downward'} relative to ${d.comparator}`;
}

/**
 * The area's rate against England and Wales: "Its rate of 8.0 per 1,000 residents is higher than England and Wales's 6.8
 * (the national rate lies below its 95% interval). The England and Wales rate fell 3% on the year before."
 */
export function nationalWords(n: NationalComparison, areaName: string, areaRate: number | null): string {
  const versus =
    n.areaVersusNational === null || areaRate === null
      ? `${n.areaName}'s rate is ${fmtRate(n.ratePer1000)} per 1,000 residents; ${areaName} has no rate to compare with it.`
      : n.areaVersusNational === 'similar'
        ? `${areaName}'s rate of ${fmtRate(areaRate)} per 1,000 residents is similar to ${n.areaName}'s ${fmtRate(n.ratePer1000)} (the national rate lies within its 95% interval).`
        : `${areaName}'s rate of ${fmtRate(areaRate)} per 1,000 residents is ${n.areaVersusNational} than ${n.areaName}'s ${fmtRate(n.ratePer1000)} (the national rate lies ${n.areaVersusNational === 'higher' ? 'below' : 'above'} its 95% interval).`;
  const pct = n.changePct === null ? null : Math.round(n.changePct);
  const change =
    pct === null
      ? ` No ${n.areaName} figure for the year before is loaded, so there is no national change.`
      : ` The ${n.areaName} rate ${pct === 0 ? 'was unchanged (to the nearest 1%)' : `${pct > 0 ? 'rose' : 'fell'} ${Math.abs(pct)}%`} on the year before (${fmtRate(n.baselineRatePer1000!)} per 1,000).`;
  return versus + change;
}

/** Why a peers section has no England and Wales comparison. */
export function nationalGapWords(s: Pick<PeersSection, 'nationalGap' | 'measure' | 'window'>): string {
  return s.nationalGap === 'no-row'
    ? `The England and Wales comparators loaded have no ${s.measure.label.toLowerCase()} row for ${s.window.from} to ${s.window.to}, so there is no national comparison.`
    : 'No England and Wales figures are loaded for this measure, so there is no national comparison.';
}

/**
 * Anti-social behaviour against the force area and England and Wales, one sentence each:
 * rate, rank and its rate against the force area's; change against the rest of the force area; the national comparison.
 */
export function asbPeersWords(s: Omit<PeersSection, 'asb'>, areaName: string, forceAreaName: string): string[] {
  const force = s.groups.find((g) => g.kind === 'force-area');
  const row = force?.rows.find((r) => r.isArea);
  const out: string[] = [];
  if (row && row.ratePer1000 !== null && force) {
    const versus =
      row.versusForceAreaRate === 'similar'
        ? `similar to ${forceAreaName}'s as a whole (its 95% interval contains the force area's rate)`
        : row.versusForceAreaRate
          ? `${row.versusForceAreaRate} than ${forceAreaName}'s as a whole (its 95% interval excludes the force area's rate)`
          : null;
    out.push(`${areaName} recorded ${fmtRate(row.ratePer1000)} incidents of anti-social behaviour per 1,000 residents, ${row.rank} of ${force.of} districts (1 = highest)${versus ? `, ${versus}` : ''}.`);
  } else {
    out.push(`${areaName} has no anti-social behaviour rate for this window (see the coverage notes), so it is not ranked.`);
  }
  if (s.versusForceArea) out.push(`Against the year before, anti-social behaviour ${versusWords(s.versusForceArea)}.`);
  out.push(s.national ? nationalWords(s.national, areaName, row?.ratePer1000 ?? null) : nationalGapWords(s));
  return out;
}
