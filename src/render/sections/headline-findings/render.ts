/** Headline findings: each statement with its evidence, and its significance said in words. */
import type { Assessment, Finding } from '../../../assessment/model.ts';
import { esc } from '../../html/format.ts';
import { sectionHeading } from '../../html/figure.ts';
import type { Edition } from '../../words/edition.ts';
import { evidenceRows, findingSentence } from '../../words/findings-text.ts';

function significanceTag(f: Finding): string {
  if (f.significant === true) return '<strong class="govuk-tag govuk-tag--green app-tag">Statistically significant</strong>';
  if (f.significant === false) return '<strong class="govuk-tag govuk-tag--grey app-tag">Not statistically significant</strong>';
  return '';
}

function findingHtml(f: Finding, a: Assessment, ed: Edition): string {
  const evidence = evidenceRows(f, ed)
    .map(([label, words]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(label)}</dt><dd class="govuk-summary-list__value">${esc(words)}</dd></div>`)
    .join('');
  const caution =
    f.significant === false
      ? '<p class="govuk-body-s app-finding__caution">This change is not statistically significant: it is within what chance variation alone would produce, so it should not be read as a trend.</p>'
      : '';
  // The statement leads; its figures sit one click away, as in a slide pack with notes.
  const details = evidence
    ? `<details class="govuk-details app-evidence-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Evidence</span></summary>
<div class="govuk-details__text"><dl class="govuk-summary-list govuk-summary-list--no-border app-evidence" aria-label="Evidence">${evidence}</dl></div></details>`
    : '';
  return `<li class="app-finding" id="finding-${esc(f.id)}">
<p class="govuk-body app-finding__statement">${esc(findingSentence(f, a, ed))}</p>
${significanceTag(f)}${caution}
${details}
</li>`;
}

/** Findings grouped under their priority theme's title, police findings first, in the order built. */
function groups(a: Assessment): { title: string; findings: Finding[] }[] {
  const titles = new Map((a.themes ?? []).map((t) => [t.id, t.title]));
  const police = a.measure.includesAsb ? 'Crime and anti-social behaviour' : a.measure.label;
  const out = new Map<string, Finding[]>();
  for (const f of a.findings) {
    const title = (f.theme !== null && titles.get(f.theme)) || (f.theme === null ? 'Data coverage' : police);
    out.set(title, [...(out.get(title) ?? []), f]);
  }
  return [...out].map(([title, findings]) => ({ title, findings }));
}

export function renderHeadlineFindings(a: Assessment, ed: Edition): string {
  const heading = sectionHeading('headline-findings', 'Headline findings');
  if (a.findings.length === 0) return `${heading}\n<p class="govuk-body">The data gave no headline findings for this period.</p>`;
  const parts = groups(a);
  // One group needs no subheading; several read as the reference's themed slides.
  return `${heading}
${parts
  .map(
    (g) => `${parts.length > 1 ? `<h3 class="govuk-heading-m">${esc(g.title)}</h3>\n` : ''}<ol class="govuk-list app-findings">
${g.findings.map((f) => findingHtml(f, a, ed)).join('\n')}
</ol>`,
  )
  .join('\n')}`;
}
