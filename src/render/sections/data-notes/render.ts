/** Data notes: how the figures were made, in plain English, and where they come from. */
import type { Assessment } from '../../../assessment/model.ts';
import { esc, fmtCount, fmtPeriod } from '../../html/format.ts';
import { sectionHeading } from '../../html/figure.ts';
import { coverageHtml } from '../background/render.ts';
import { govukTable } from '../../html/table.ts';
import { type Edition, countWords } from '../../words/edition.ts';

function coverageTable(a: Assessment, ed: Edition): string {
  const byMonth = new Map(a.monthly.map((m) => [m.month, m]));
  const years = [...new Set([...a.monthly.map((m) => m.month.slice(0, 4)), ...a.coverage.missingMonths.map((m) => m.slice(0, 4))])].sort();
  const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
  const inPeriod = (m: string) => m >= a.period.from && m <= a.period.to;
  return govukTable({
    caption: `Police data coverage by month, ${a.area.force}: incidents located in ${a.area.name} (none = a month with no data)`,
    className: 'app-table--compact',
    columns: [{ header: 'Year' }, ...months.map((m) => ({ header: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1]!, numeric: true }))],
    rows: years.map((y) => [
      y,
      ...months.map((m) => {
        const key = `${y}-${m}`;
        if (!inPeriod(key)) return '';
        const p = byMonth.get(key);
        return p ? countWords(p.crime + p.asb, ed) : 'none';
      }),
    ]),
  });
}

function vintageHtml(a: Assessment, ed: Edition): string {
  const q = a.dataQuality;
  if (!q) return '';
  const vintages = govukTable({
    caption: 'Incidents by the boundary vintage of the LSOA they were placed in',
    columns: [{ header: 'LSOA vintage' }, { header: 'LSOAs', numeric: true }, { header: 'Incidents', numeric: true }],
    rows: q.lsoaVintages.map((v) => [v.vintage === null ? 'not in the lookup' : String(v.vintage), countWords(v.lsoas, ed), countWords(v.incidents, ed)]),
  });
  const resupplied = q.resuppliedMonths.length
    ? `<p class="govuk-body">Months the force re-supplied (the latest version replaced the earlier): ${esc(q.resuppliedMonths.map((m) => `${m.month} (${m.loads} versions)`).join(', '))}.</p>`
    : '<p class="govuk-body">No month was re-supplied: each month was loaded once.</p>';
  return `<h3 class="govuk-heading-m">LSOA boundary vintage</h3>
<p class="govuk-body">data.police.uk places incidents in the LSOAs current when each month was published; 2011 and 2021 LSOAs are both mapped to wards and localities through their own lookups.</p>
${vintages}
<h3 class="govuk-heading-m">Re-supplied months</h3>
${resupplied}`;
}

function suppressionHtml(ed: Edition): string {
  return ed.public
    ? `<h3 class="govuk-heading-m">Statement of suppression</h3>
<p class="govuk-body">This is the published edition. Restricted themes (child sexual exploitation detail, organised crime groups, Prevent) are left out. Every count from 1 to ${ed.suppressBelow - 1} is shown as "fewer than ${ed.suppressBelow}". Where a suppressed count could be worked out from a total, from the other cells of its row or column, or from a percentage or rate, those figures are withheld too (secondary suppression), and sentences built on a suppressed count give no percentage.</p>`
    : `<h3 class="govuk-heading-m">Small numbers</h3>
<p class="govuk-body">This full edition shows every count. The published edition shows counts from 1 to ${ed.suppressBelow - 1} as "fewer than ${ed.suppressBelow}" and withholds figures from which they could be worked out.</p>`;
}

export function renderDataNotes(a: Assessment, ed: Edition): string {
  const o = a.overview;
  const list = (items: string[]): string => `<ul class="govuk-list govuk-list--bullet">${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`;
  const synthetic = a.data.synthetic
    ? `<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${esc(a.data.label)}. The figures in this report show how the assessment works; they describe no real place, crime or person.</strong></div>`
    : '';
  return `${sectionHeading('data-notes', 'Data quality appendix')}
${synthetic}
<h3 class="govuk-heading-m">Police data</h3>
<p class="govuk-body">Street-level crime and anti-social behaviour from data.police.uk for the ${esc(a.area.forceAreaName)} force area, ${esc(fmtPeriod(a.period))}. Recorded crime is every police category except anti-social behaviour. Where the force re-supplied a month, the latest version is used.</p>
${coverageHtml(a)}
${coverageTable(a, ed)}
<h3 class="govuk-heading-m">Records without a location</h3>
<p class="govuk-body">${countWords(o.unknownLocation, ed)} records of ${esc(a.area.force)} in the period had no known location (no map point and no neighbourhood code). They are real crimes and incidents, kept and counted in the store, but no district can be given them, so they are in no area's totals, including ${esc(a.area.name)}'s.${a.localities.length ? ` A further ${countWords(o.noLocality, ed)} were located in ${esc(a.area.name)} but to no configured locality.` : ''}</p>
${vintageHtml(a, ed)}
${suppressionHtml(ed)}
<h3 class="govuk-heading-m">Population base</h3>
<p class="govuk-body">Rates per 1,000 residents use ${fmtCount(a.population.total)} residents in ${a.population.year} (${esc(a.population.source)}), and count crimes in the latest 12 months, ${esc(fmtPeriod(o.rateWindow))}.</p>
<h3 class="govuk-heading-m">Statistical methods</h3>
${list([
  'Change between two periods: a quasi-Poisson test. Crime counts vary more from month to month than chance alone would make them (overdispersion); each series\' extra variation is measured from its monthly counts after trend and season, and the test allows for it. The exact Poisson test, which assumes no extra variation, is kept beside it in the data. Periods of different lengths are compared as rates per month.',
  'Several changes in one table (crime types, localities, districts) are adjusted for multiple testing (Benjamini-Hochberg), so a table of many tests does not produce significant results by chance alone.',
  'Rate ratio: the later monthly rate divided by the earlier one; 1 means no change. The 95% confidence interval is the range of ratios consistent with the data.',
  'Significant means the p-value is below 0.05: chance alone would produce a change this large less than one time in 20. "Not significant" means the change could be chance and should not be read as a trend.',
  'Unusual months: a control chart. Each month is compared with the count expected from the previous twelve months (their trend carried one month on, adjusted for the seasonal pattern of the months before it only, so a month\'s flag does not change in later editions); the limits (3 sigma) allow for the count\'s own chance variation, its overdispersion measured on earlier months, and the error of the expected level, and months outside them are flagged. With seasonal adjustment the first 24 months are the baseline.',
  'Shares of locality crime are of records with a location in a locality; percentages are rounded, so may not add to 100%.',
])}
<h3 class="govuk-heading-m">Sources and attribution</h3>
${list([...a.data.sources, ...a.data.attribution])}`;
}
