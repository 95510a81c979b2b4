/**
 * The cover: partnership, title (the document's only h1), area, period and provenance. It is the one
 * fragment that opens with an h1 rather than an h2, and it has no entry in the contents list.
 */
import type { Assessment } from '../../../assessment/model.ts';
import { esc, fmtMonth, fmtPeriod, measureOf } from '../../html/format.ts';
import type { Edition } from '../../words/edition.ts';

/** ISO timestamp → "1 September 2017" (UTC, so the date never depends on the host zone). */
export function fmtDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${fmtMonth(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)}`;
}

function summaryRow(key: string, value: string): string {
  return `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(key)}</dt><dd class="govuk-summary-list__value">${esc(value)}</dd></div>`;
}

export function renderTitlePage(a: Assessment, ed?: Edition): string {
  const rows = [
    summaryRow('Area', `${a.area.name} (${a.area.code})`),
    summaryRow('Partnership', a.area.partnership),
    summaryRow('Police force area', a.area.forceAreaName),
    summaryRow('Period assessed', `${fmtPeriod(a.period)} (${a.period.months} months)`),
    summaryRow('Localities', a.localities.length ? String(a.localities.length) : 'none configured'),
    summaryRow('Data', a.data.label),
    summaryRow('Produced', fmtDate(a.generatedAt)),
  ];
  const marking = ed?.marking ? `<p class="app-marking"><strong>${esc(ed.marking)}</strong></p>` : '';
  const edition = ed?.public
    ? `<p class="govuk-body"><strong class="govuk-tag govuk-tag--blue app-edition-label">Published edition</strong> Restricted themes are left out and counts below ${ed.suppressBelow} are shown as "fewer than ${ed.suppressBelow}".</p>`
    : `<p class="govuk-body"><strong class="govuk-tag govuk-tag--grey app-edition-label">Full edition</strong> For the partnership: not for publication.</p>`;
  return `<div class="app-title-page">
${marking}
<span class="govuk-caption-xl">${esc(a.area.partnership)}</span>
<h1 class="govuk-heading-xl" id="title">${esc(a.title)}</h1>
<p class="govuk-body-l">A strategic assessment of ${esc(measureOf(a).hasAsb ? 'crime and anti-social behaviour' : measureOf(a).crimeLower)} in ${esc(a.area.name)}, ${esc(fmtPeriod(a.period))}.</p>
${edition}
<dl class="govuk-summary-list app-title-page__summary">
${rows.join('\n')}
</dl>
</div>`;
}
