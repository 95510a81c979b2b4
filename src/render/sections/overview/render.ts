/** Overview: totals, rates per 1,000, and crime and ASB by year with the tested change in words. */
import type { Assessment, ChangeResult } from '../../../assessment/model.ts';
import { yearlyTotalsSvg } from '../../charts/yearly-totals.ts';
import { changeSentence, esc, fmtCount, fmtPeriod, fmtRate, measureOf, yearLabel } from '../../html/format.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { govukTable } from '../../html/table.ts';

function keyFigure(value: string, label: string): string {
  return `<div class="app-key-figure"><span class="app-key-figure__value">${esc(value)}</span><span class="app-key-figure__label">${esc(label)}</span></div>`;
}

function changeParagraph(what: string, c: ChangeResult | null): string {
  return c ? `<p class="govuk-body">${esc(what)} ${esc(changeSentence(c))}.</p>` : `<p class="govuk-body">${esc(what)}: too few full years to test a change.</p>`;
}

export function renderOverview(a: Assessment): string {
  const o = a.overview;
  const m = measureOf(a);
  const window = fmtPeriod(o.rateWindow);
  // Without ASB (a single-crime extract) every ASB figure would be a misleading zero: they are left out.
  const rows = o.byYear.map((y) => [yearLabel(y.year, y.months, a.period), y.months, fmtCount(y.crime), ...(m.hasAsb ? [fmtCount(y.asb)] : [])]);
  const partial = o.byYear.some((y) => y.months < 12);
  return `${sectionHeading('overview', m.hasAsb ? 'Overview of crime and anti-social behaviour' : `Overview of ${m.crimeLower}`)}
<div class="app-key-figures">
${keyFigure(fmtCount(o.crime), `${m.countNoun}, ${fmtPeriod(a.period)}`)}
${m.hasAsb ? keyFigure(fmtCount(o.asb), `ASB incidents, ${fmtPeriod(a.period)}`) : ''}
${keyFigure(fmtRate(o.crimeRatePer1000), `${m.countNoun} per 1,000 residents, ${window}`)}
${m.hasAsb ? keyFigure(fmtRate(o.asbRatePer1000), `ASB incidents per 1,000 residents, ${window}`) : ''}
</div>
<p class="govuk-body-s">Rates use the population of ${fmtCount(a.population.total)} in ${a.population.year} (${esc(a.population.source)}).</p>
${changeParagraph(m.crime, o.crimeChange)}
${m.hasAsb ? changeParagraph('Anti-social behaviour', o.asbChange) : ''}
${govukTable({
  caption: `${m.hasAsb ? `${m.crime} and ASB` : m.crime} by year, ${a.area.name}`,
  columns: [{ header: 'Year' }, { header: 'Months of data', numeric: true }, { header: m.crime, numeric: true }, ...(m.hasAsb ? [{ header: 'ASB incidents', numeric: true }] : [])],
  rows,
})}
${partial ? '<p class="govuk-body-s">A part year holds fewer months and is not comparable with the full years.</p>' : ''}
<div class="app-figure-row">
${figure(yearlyTotalsSvg(a, 'crime'), `${m.crime} by year, ${a.area.name}`, undefined, a.overview.byYear.map((y) => y.crime))}
${m.hasAsb ? figure(yearlyTotalsSvg(a, 'asb'), `Anti-social behaviour incidents by year, ${a.area.name}`, undefined, a.overview.byYear.map((y) => y.asb)) : ''}
</div>`;
}
