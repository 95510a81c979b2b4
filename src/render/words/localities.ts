/** Key findings of a locality report, written from its tested facts. */
import type { LocalityReport } from '../../assessment/sections/locality-reports.ts';
import type { ChangeResult } from '../../analysis/change-types.ts';
import { changeSuppressed } from './change.ts';
import { type Edition, countWords, midSentence } from './edition.ts';
import { periodInWords } from './findings-text.ts';

/** "Recorded crime in Central rose 12% from 2014 to 2016 (1,234 to 1,380): a statistically significant change." */
export function changeInPlace(label: string, place: string, c: ChangeResult, ed: Edition): string {
  const span = `from ${periodInWords(c.beforePeriod)} to ${periodInWords(c.afterPeriod)}`;
  const counts = `(${countWords(c.before, ed)} to ${countWords(c.after, ed)})`;
  if (changeSuppressed(c, ed)) return `${label} in ${place} changed ${span} ${counts}; the counts are too small to publish a change.`;
  const pct = c.changePct === null ? null : Math.round(c.changePct);
  const move = pct === null ? `went from none to ${countWords(c.after, ed)}` : pct === 0 ? 'was unchanged' : `${pct > 0 ? 'rose' : 'fell'} ${Math.abs(pct)}%`;
  return `${label} in ${place} ${move} ${span} ${counts}: ${c.significant ? 'a statistically significant change' : 'not a statistically significant change'}.`;
}

export function localityKeyFindings(r: LocalityReport, crimeLabel: string, ed: Edition, hasAsb: boolean): string[] {
  const out: string[] = [];
  if (r.crimeChange) out.push(changeInPlace(crimeLabel, r.name, r.crimeChange, ed));
  if (hasAsb && r.asbChange) out.push(changeInPlace('Anti-social behaviour', r.name, r.asbChange, ed));
  const rising = r.topCategories.filter((c) => c.change?.significant && (c.change.changePct ?? 0) > 0 && !changeSuppressed(c.change, ed));
  if (rising.length) out.push(`Of its most recorded crime types, ${rising.map((c) => `${midSentence(c.category)} (+${Math.round(c.change!.changePct!)}%)`).join(', ')} rose significantly.`);
  const deprived = r.imdDeciles.filter((d) => d.decile <= 2).reduce((s, d) => s + d.lsoas, 0);
  if (r.imdDeciles.length && r.lsoas > 0) {
    out.push(`${deprived === 0 ? 'None' : `${deprived} of its ${r.lsoas}`} neighbourhoods (LSOAs) ${deprived === 1 ? 'is' : 'are'} among the 20% most deprived in England (IMD 2019).`);
  }
  out.push(r.hotspots.length ? `${r.hotspots.length} of its LSOAs ${r.hotspots.length === 1 ? 'is a' : 'are'} statistically significant hot spot${r.hotspots.length === 1 ? '' : 's'} (Gi*).` : 'None of its LSOAs is a statistically significant hot spot (Gi*).');
  if (r.workshop?.top) out.push(`The issue its workshop raised most was ${midSentence(r.workshop.top)}.`);
  return out;
}
