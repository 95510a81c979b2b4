import type { DifferenceInChange } from '../../analysis/types.ts';

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
