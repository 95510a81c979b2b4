/** Changes since the last assessment: what rose or fell (tested), which priorities and hot spots entered or left, which findings are new. */
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc, fmtChangePct, fmtP, listWords } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import { changeSuppressed } from '../../words/change.ts';
import { type Edition, countWords } from '../../words/edition.ts';
import { findingSentence } from '../../words/findings-text.ts';
import { fmtDate } from '../title-page/render.ts';

const list = (items: string[], none: string): string =>
  items.length ? `<ul class="govuk-list govuk-list--bullet">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p class="govuk-body">${esc(none)}</p>`;

export function renderChanges(a: Assessment, ed: Edition): string {
  const c = a.changes;
  if (!c) {
    return `${sectionHeading('changes', 'Changes since the last assessment')}
<p class="govuk-body">No previous assessment was given, so nothing is compared. Building the next assessment with <code>csp-assess assess --previous OLD/assessment.json</code> adds what rose or fell (tested), which priorities and hot spots entered or left, and which findings are new.</p>`;
  }
  const significant = c.measures.filter((m) => m.change.significant && !changeSuppressed(m.change, ed));
  const rose = significant.filter((m) => (m.change.changePct ?? 0) > 0).map((m) => `${m.label} (${fmtChangePct(m.change.changePct)})`);
  const fell = significant.filter((m) => (m.change.changePct ?? 0) < 0).map((m) => `${m.label} (${fmtChangePct(m.change.changePct)})`);
  const first = c.measures[0]?.change;
  const years = first ? `${first.beforePeriod.from.slice(0, 4)} (last assessment) and ${first.afterPeriod.from.slice(0, 4)} (this assessment)` : '';
  const findings = a.findings.filter((f) => c.newFindings.includes(f.id) && !(ed.public && f.restricted)).map((f) => findingSentence(f, a, ed));
  const spot = (g: { lsoa: string; name: string | null; locality: string | null }) => `${g.name ?? g.lsoa} (${g.lsoa})${g.locality ? `, ${g.locality}` : ''}`;
  return `${sectionHeading('changes', 'Changes since the last assessment')}
<p class="govuk-body">Compared with the previous assessment, ${esc(c.previous.title)}, produced ${esc(fmtDate(c.previous.generatedAt))} for ${esc(c.previous.period.from)} to ${esc(c.previous.period.to)}.${years ? ` Counts compare the latest full year of each: ${esc(years)}, each tested allowing for the overdispersion of its monthly counts (quasi-Poisson), with the p-values adjusted for the number of measures compared (Benjamini-Hochberg).` : ' The two assessments end in the same full year, so counts are not compared.'}</p>
<h3 class="govuk-heading-m">What rose and fell</h3>
${list(rose.length ? [`Rose significantly: ${listWords(rose)}.`] : [], 'Nothing rose significantly.')}
${list(fell.length ? [`Fell significantly: ${listWords(fell)}.`] : [], 'Nothing fell significantly.')}
${
  c.measures.length
    ? govukTable({
        caption: 'Latest full year against the last assessment',
        className: 'app-table--compact',
        columns: [{ header: 'Measure' }, { header: 'Last assessment', numeric: true }, { header: 'This assessment', numeric: true }, { header: 'Change', numeric: true }, { header: 'Significant' }],
        rows: c.measures.map((m) => [m.label, countWords(m.change.before, ed), countWords(m.change.after, ed), changeSuppressed(m.change, ed) ? 'not published' : fmtChangePct(m.change.changePct), m.change.significant ? `Yes (${fmtP(m.change.pValue)})` : `No (${fmtP(m.change.pValue)})`]),
      })
    : ''
}
<h3 class="govuk-heading-m">Priorities</h3>
${c.priorities ? list([...c.priorities.entered.map((t) => `Entered the recommended priorities: ${t}.`), ...c.priorities.left.map((t) => `Left the recommended priorities: ${t}.`), ...c.priorities.moved.map((m) => `${m.title}: ranked ${m.rank}, was ${m.previousRank}.`)], 'The recommended priorities are unchanged.') : '<p class="govuk-body">The last assessment had no priority matrix.</p>'}
<h3 class="govuk-heading-m">Hot spots</h3>
${c.hotspots ? list([...c.hotspots.entered.map((g) => `New hot spot: ${spot(g)}.`), ...c.hotspots.left.map((g) => `No longer a hot spot: ${spot(g)}.`)], 'The same LSOAs are hot spots.') : '<p class="govuk-body">One of the assessments has no hot spot analysis.</p>'}
<h3 class="govuk-heading-m">New findings</h3>
${list(findings, 'No headline finding is new.')}`;
}
