/** Scope: the partnership's priority themes and the issues examined under each (configuration, not code). */
import type { Assessment } from '../../../assessment/model.ts';
import type { IssueSection } from '../../../assessment/themes-model.ts';
import { esc } from '../../html/format.ts';
import { sectionHeading } from '../../html/figure.ts';
import { govukTable } from '../../html/table.ts';

/** What the report says when the configuration names no themes and the statutory scope is used. */
const DEFAULT_THEMES_NOTE =
  "These themes are the statutory scope of a strategic assessment (crime and disorder, anti-social behaviour, substance misuse and reoffending) with the vulnerability themes partnerships commonly add: a starting point, not this partnership's agreed priorities. A partnership sets its own under `themes` in its configuration.";

function issueItem(i: IssueSection): string {
  const tag = i.hasData
    ? '<strong class="govuk-tag govuk-tag--green app-tag">Data loaded</strong>'
    : '<strong class="govuk-tag govuk-tag--grey app-tag">No data: intelligence gap</strong>';
  const restricted = i.restricted ? ' <strong class="govuk-tag govuk-tag--purple app-tag">Restricted</strong>' : '';
  return `<li>${esc(i.title)} ${tag}${restricted}</li>`;
}

export function renderScope(a: Assessment): string {
  const heading = sectionHeading('scope', 'Structure and scope');
  const themes = (a.themes ?? []).filter((t) => !t.context);
  if (themes.length === 0) {
    return `${heading}
<p class="govuk-body">No partnership themes are configured for this assessment, so it covers police recorded crime and anti-social behaviour only. Partnership data (for example missing episodes, domestic abuse, fires and reoffending) can be added to extend the scope.</p>`;
  }
  const rows = themes.map((t) => [t.title, { html: `<ul class="govuk-list app-list--tight">${t.issues.map(issueItem).join('')}</ul>` }]);
  const intro = themes.some((t) => t.defaultScope)
    ? `<div class="govuk-inset-text">${esc(DEFAULT_THEMES_NOTE)}</div>`
    : `<p class="govuk-body">The assessment is organised by the partnership's priority themes.</p>`;
  return `${heading}
${intro}
<p class="govuk-body">Issues with no data loaded are listed as intelligence gaps rather than left out.</p>
${govukTable({ caption: 'Priority themes and the issues examined under each', captionSize: 'm', columns: [{ header: 'Priority theme' }, { header: 'Issues examined in the strategic assessment' }], rows })}`;
}
