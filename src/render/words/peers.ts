import type { DifferenceInChange, NationalComparison } from '../../analysis/types.ts';
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
