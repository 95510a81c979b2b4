/** Localities: each locality's crime and ASB, share and rate, its top crime type, and the map. */
import type { Assessment } from '../../../assessment/model.ts';
import { localityShareSvg } from '../../charts/locality-share.ts';
import { localityChoroplethSvg } from '../../maps/choropleth.ts';
import { esc, fmtCount, fmtPeriod, fmtRate, fmtShare, measureOf } from '../../html/format.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { govukTable } from '../../html/table.ts';
import { countWords, type Edition } from '../../words/edition.ts';

function placesHtml(a: Assessment): string {
  if (a.places.length === 0) return '';
  const items = a.places.map(
    (p) =>
      `<li>${esc(p.name)}: ${fmtShare(p.crimeShare)} of located ${esc(measureOf(a).crimeLower)}${measureOf(a).hasAsb ? ` and ${fmtShare(p.asbShare)} of located ASB` : ''}, home to ${fmtShare(p.populationShare)} of residents.</li>`,
  );
  return `<h3 class="govuk-heading-m">Concentration in places</h3>\n<ul class="govuk-list govuk-list--bullet">${items.join('')}</ul>`;
}

/** A rate, or 'withheld' where the published edition withholds it (NaN). */
const rate = (v: number): string => (Number.isFinite(v) ? fmtRate(v) : 'withheld');

export function renderLocalities(a: Assessment, ed: Edition): string {
  const m = measureOf(a);
  if (a.localities.length === 0) {
    return `${sectionHeading('localities', 'Localities')}
<p class="govuk-body">No localities are configured for ${esc(a.area.name)} (a ward-to-locality table, <code>geography.localities</code> in the configuration), so its figures are for the area as a whole and, in the hot spot analysis, by LSOA.</p>
${placesHtml(a)}`;
  }
  const rows = [...a.localities]
    .sort((x, y) => y.crime - x.crime || x.name.localeCompare(y.name))
    .map((l) => [
      l.name,
      fmtCount(l.population),
      fmtCount(l.crime),
      fmtShare(l.crimeShare),
      rate(l.crimeRatePer1000),
      ...(m.hasAsb ? [fmtCount(l.asb), fmtShare(l.asbShare), rate(l.asbRatePer1000)] : []),
      ...(m.crime === 'Recorded crime' ? [l.topCategory ?? 'none'] : []),
    ]);
  const o = a.overview;
  const window = fmtPeriod(o.rateWindow);
  return `${sectionHeading('localities', 'Localities')}
<p class="govuk-body">${esc(a.area.name)} has ${fmtCount(a.localities.length)} localities. Shares are of ${esc(m.hasAsb ? 'crime and ASB' : m.crimeLower)} located in a locality; ${countWords(o.noLocality, ed)} incidents located in ${esc(a.area.name)} but outside every locality are in the ${esc(a.area.name)} totals and in no locality. The ${countWords(o.unknownLocation, ed)} ${esc(a.area.force)} records with no location at all are described in the data quality appendix. Rates are per 1,000 residents for ${esc(window)} (population ${a.population.year}).</p>
${govukTable({
  caption: `${m.hasAsb ? `${m.crime} and ASB` : m.crime} by locality, ${a.area.name}, ${fmtPeriod(a.period)}`,
  className: 'app-table--compact',
  columns: [
    { header: 'Locality' },
    { header: 'Residents', numeric: true },
    { header: m.crime, numeric: true },
    { header: 'Share', numeric: true },
    { header: 'Per 1,000', numeric: true },
    ...(m.hasAsb ? [{ header: 'ASB incidents', numeric: true }, { header: 'Share of ASB', numeric: true }, { header: 'ASB per 1,000', numeric: true }] : []),
    ...(m.crime === 'Recorded crime' ? [{ header: 'Most recorded crime type' }] : []),
  ],
  rows,
  footer: [
    'All localities',
    fmtCount(a.localities.reduce((t, l) => t + l.population, 0)),
    countWords(a.localities.reduce((t, l) => t + l.crime, 0), ed),
    fmtShare(a.localities.reduce((t, l) => t + l.crimeShare, 0)),
    '',
    ...(m.hasAsb ? [countWords(a.localities.reduce((t, l) => t + l.asb, 0), ed), fmtShare(a.localities.reduce((t, l) => t + l.asbShare, 0)), ''] : []),
    ...(m.crime === 'Recorded crime' ? [''] : []),
  ],
})}
<p class="govuk-body-s">The localities add up to ${countWords(a.localities.reduce((t, l) => t + l.crime + l.asb, 0), ed)} incidents; ${esc(a.area.name)}'s total of ${countWords(o.crime + (m.hasAsb ? o.asb : 0), ed)} also holds the ${countWords(o.noLocality, ed)} located in ${esc(a.area.name)} outside every locality. Residents are summed from the localities' LSOAs; shares are rounded.</p>
${placesHtml(a)}
<div class="app-figure-row app-figure-row--maps">
${figure(localityChoroplethSvg(a, { measure: 'crime' }), `${m.crime} per 1,000 residents by locality, ${window}`)}
${m.hasAsb ? figure(localityChoroplethSvg(a, { measure: 'asb' }), `Anti-social behaviour per 1,000 residents by locality, ${window}`) : ''}
</div>
${figure(localityShareSvg(a), `Share of ${m.crimeLower} by locality, ${a.area.name}`, undefined, a.localities.map((l) => l.crime))}`;
}
