/** A tested change in words, for findings and theme sentences: the one place a change is phrased. */
import type { ChangeResult } from '../../analysis/change-types.ts';
import { type Edition, countWords, isSuppressed } from './edition.ts';

/** "2014 to 2016" for calendar years, else the months. */
function yearsOf(c: ChangeResult): string {
  return `from ${c.beforePeriod.from.slice(0, 4)} to ${c.afterPeriod.from.slice(0, 4)}`;
}

/** Whether a change's counts are withheld: its percentage would give them away, so it is withheld too. */
export function changeSuppressed(c: ChangeResult, ed: Edition): boolean {
  return isSuppressed(c.before, ed) || isSuppressed(c.after, ed);
}

/** "up 23% from 2014 to 2016 (statistically significant)"; counts too small to publish say so. */
export function describeChange(c: ChangeResult | null, ed: Edition): string {
  if (!c) return 'too few full years to test a change';
  const years = yearsOf(c);
  if (changeSuppressed(c, ed)) return `${years}: counts too small to publish (${countWords(c.before, ed)} to ${countWords(c.after, ed)})`;
  if (c.changePct === null) return `from ${countWords(c.before, ed)} to ${countWords(c.after, ed)} ${years}`;
  const pct = Math.round(c.changePct) === 0 ? `unchanged ${years}` : `${c.changePct >= 0 ? 'up' : 'down'} ${Math.abs(Math.round(c.changePct))}% ${years}`;
  return `${pct} (${c.significant ? 'statistically significant' : 'not statistically significant'})`;
}
