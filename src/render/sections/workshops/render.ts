/** Most common issues across the locality workshops, with the top issue in each locality (as the reference lists them). */
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc, fmtCount, listWords } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import type { Edition } from '../../words/edition.ts';

export function renderWorkshops(a: Assessment, _ed: Edition): string {
  const w = a.workshops;
  if (!w) return '';
  const synthetic = w.sources.every((s) => /synthetic/i.test(s));
  const sourceNote = w.sources.map((s) => (s === 'web' ? 'recorded in the web app' : `imported from ${s.replace(/^import:/, '')}`));
  const items = w.categories.slice(0, 10).map((c) => `<li>${esc(c.category)}${c.topIn.length ? ` (top issue in ${esc(listWords(c.topIn))})` : ''}</li>`);
  return `${sectionHeading('workshops', 'Most common issues raised at locality workshops')}
${synthetic ? '<div class="govuk-inset-text"><strong class="govuk-tag govuk-tag--yellow">Synthetic data</strong> These workshop records are synthetic, generated for the demonstration.</div>' : ''}
<p class="govuk-body">${fmtCount(w.workshops)} workshops in ${fmtCount(w.byLocality.length)} localities recorded ${fmtCount(w.issues)} issues (${esc(listWords(sourceNote))}). Issues are ordered by how often practitioners raised them, then by the rank they gave them.</p>
<ol class="govuk-list govuk-list--number">${items.join('')}</ol>
${govukTable({
  caption: 'Top issue by locality',
  columns: [{ header: 'Locality' }, { header: 'Workshops', numeric: true }, { header: 'Issues recorded', numeric: true }, { header: 'Top issue' }],
  rows: w.byLocality.map((l) => [l.locality, fmtCount(l.workshops), fmtCount(l.issues), l.top ?? 'none']),
})}
${govukTable({
  caption: 'Workshop issues across localities',
  columns: [{ header: 'Issue' }, { header: 'Times raised', numeric: true }, { header: 'Localities', numeric: true }, { header: 'Mean rank', numeric: true }, { header: 'Top issue in' }],
  rows: w.categories.map((c) => [c.category, fmtCount(c.mentions), fmtCount(c.localities), c.meanRank === null ? 'n/a' : c.meanRank.toFixed(1), c.topIn.length ? listWords(c.topIn) : '']),
  footer: ['All issues', fmtCount(w.issues), fmtCount(w.byLocality.length), '', ''],
})}`;
}
