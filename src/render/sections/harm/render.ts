/** Harm: counts weighted by a category-level harm index, beside the counts. */
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc, fmtChangePct, fmtCount, fmtPeriod, fmtShare } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';

export function renderHarm(a: Assessment): string {
  const h = a.analysis?.harm;
  if (!h || h.categories.length === 0) return '';
  const years = govukTable({
    caption: 'Counts and harm by year',
    captionSize: 's',
    columns: [{ header: 'Year' }, { header: 'Crimes', numeric: true }, { header: 'Harm (weighted)', numeric: true }],
    rows: h.byYear.map((y) => [fmtPeriod(y.period), fmtCount(y.count), fmtCount(Math.round(y.harm))]),
  });
  const cats = govukTable({
    caption: 'Harm by crime type, whole period',
    captionSize: 's',
    columns: [{ header: 'Crime type' }, { header: 'Crimes', numeric: true }, { header: 'Weight', numeric: true }, { header: 'Harm', numeric: true }, { header: 'Share of harm', numeric: true }],
    rows: h.categories.map((c) => [c.category, fmtCount(c.count), c.weight === null ? 'none' : fmtCount(c.weight), fmtCount(Math.round(c.harm)), fmtShare(c.harmShare)]),
  });
  const change =
    h.harmChangePct === null
      ? ''
      : `<p class="govuk-body">In the latest year harm changed by ${fmtChangePct(h.harmChangePct)} and the count by ${fmtChangePct(h.countChangePct)} on the year before. Harm is not a count, so this change is not tested for significance.</p>`;
  return `${sectionHeading('harm', 'Harm')}
<div class="govuk-inset-text">${esc(h.label)}. Source: ${esc(h.source)}.${h.unweighted.length ? ` No weight for: ${esc(h.unweighted.join(', '))}.` : ''}</div>
${change}
${years}
${cats}`;
}
