/** Monthly trend: the chart, and the months a control chart flags as unusual, listed in words. */
import type { Assessment } from '../../../assessment/model.ts';
import { monthlySeriesSvg } from '../../charts/monthly-series.ts';
import { esc, fmtCount, fmtMonth, measureOf } from '../../html/format.ts';
import { figure, sectionHeading } from '../../html/figure.ts';

export function renderMonthly(a: Assessment): string {
  const measure = measureOf(a);
  const flagged = a.monthly.flatMap((m) => [
    ...(m.crimeFlag ? [`${fmtMonth(m.month)}: ${fmtCount(m.crime)} ${measure.countNoun}, unusually ${m.crimeFlag}`] : []),
    ...(m.asbFlag ? [`${fmtMonth(m.month)}: ${fmtCount(m.asb)} ASB incidents, unusually ${m.asbFlag}`] : []),
  ]);
  const list = flagged.length
    ? `<ul class="govuk-list govuk-list--bullet">${flagged.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`
    : '<p class="govuk-body">No month was outside the control limits.</p>';
  return `${sectionHeading('monthly', 'Monthly trend and unusual months')}
${figure(monthlySeriesSvg(a), `${measure.hasAsb ? `${measure.crime} and ASB` : measure.crime} by month, ${a.area.name}`, undefined, a.monthly.flatMap((p) => [p.crime, p.asb]))}
<p class="govuk-body">A month is marked unusual when its count is more than three standard deviations from what the previous twelve months and the usual seasonal pattern lead one to expect (a control chart on the seasonally adjusted level, whose limits allow for overdispersion and for the error of the expected level). Counts vary from month to month by chance; a flagged month is one chance alone would very rarely produce, and is worth explaining. Seasonal patterns are taken only from the months before the one judged, so the first 24 months (12 without seasonal adjustment) are the baseline and are not assessed.</p>
<h3 class="govuk-heading-m">Unusual months</h3>
${list}`;
}
