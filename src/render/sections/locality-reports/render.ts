/**
 * One report per locality, as in the reference's place-based reports: profile (residents, IMD 2019
 * deciles), crime and ASB trend with its test, top categories with their change, its heat map on the
 * colour scale shared by every locality, its Gi* hot spots, key findings and workshop issues.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Assessment } from '../../../assessment/model.ts';
import type { LocalityReport } from '../../../assessment/sections/locality-reports.ts';
import { figure } from '../../html/figure.ts';
import { esc, fmtChangePct, fmtCount, fmtP } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import { type Edition, countWords, isSuppressed } from '../../words/edition.ts';
import { localityKeyFindings } from '../../words/localities.ts';
import { heatBreaks, heatLegendSvg, heatmapSvg } from '../hotspots/heatmap.ts';

export const localitySlug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function changeCells(c: LocalityReport['crimeChange'], ed: Edition): string[] {
  if (!c) return ['n/a', 'n/a'];
  if (isSuppressed(c.before, ed) || isSuppressed(c.after, ed)) return ['not published', 'not published'];
  return [fmtChangePct(c.changePct), c.significant ? `Yes (${fmtP(c.pValue)})` : `No (${fmtP(c.pValue)})`];
}

function heatMap(a: Assessment, r: LocalityReport): string {
  const layer = a.analysis?.hotspots?.kde[0];
  const feature = a.localityMap.features.find((f) => f.properties.name === r.name);
  if (!layer || !feature) return '';
  const breaks = heatBreaks(layer);
  if (breaks.length === 0) return '';
  const id = `loc-heat-${localitySlug(r.name)}`;
  return figure(
    `${heatmapSvg({ layer, locality: feature as Feature<Polygon | MultiPolygon, { name: string }>, breaks, id })}${heatLegendSvg(layer, breaks, `${id}-legend`)}`,
    `${layer.measure.label} density in ${r.name}, on the colour scale shared by every locality`,
  );
}

function report(a: Assessment, r: LocalityReport, ed: Edition): string {
  const hasAsb = a.measure.includesAsb;
  const deprived = r.imdDeciles.filter((d) => d.decile <= 2).reduce((s, d) => s + d.lsoas, 0);
  const profile = govukTable({
    caption: `${r.name}: profile`,
    columns: [{ header: 'Measure' }, { header: 'Value', numeric: true }],
    rows: [
      ['Residents', `${fmtCount(r.residents)} (${a.population.year})`],
      ['Neighbourhoods (LSOAs)', fmtCount(r.lsoas)],
      ...(r.imdDeciles.length ? [['In the 20% most deprived in England (IMD 2019 deciles 1-2)', `${fmtCount(deprived)} of ${fmtCount(r.lsoas)}`]] : []),
    ],
  });
  const deciles = r.imdDeciles.length
    ? govukTable({
        caption: `${r.name}: LSOAs by IMD 2019 decile (1 = most deprived tenth of England)`,
        className: 'app-table--compact',
        columns: [{ header: 'Decile' }, ...r.imdDeciles.map((d) => ({ header: String(d.decile), numeric: true })), { header: 'All', numeric: true }],
        rows: [['LSOAs', ...r.imdDeciles.map((d) => fmtCount(d.lsoas)), fmtCount(r.imdDeciles.reduce((s, d) => s + d.lsoas, 0))]],
      })
    : '';
  const trend = govukTable({
    caption: `${r.name}: ${a.measure.label.toLowerCase()}${hasAsb ? ' and anti-social behaviour' : ''} by full year`,
    columns: [{ header: 'Year' }, { header: a.measure.label, numeric: true }, ...(hasAsb ? [{ header: 'ASB incidents', numeric: true }] : [])],
    rows: r.byYear.map((y) => [String(y.year), countWords(y.crime, ed), ...(hasAsb ? [countWords(y.asb, ed)] : [])]),
  });
  const first = r.byYear[0]?.year;
  const last = r.byYear[r.byYear.length - 1]?.year;
  const top = r.topCategories.length
    ? govukTable({
        caption: `${r.name}: most recorded crime types in ${last}, with change from ${first}`,
        columns: [{ header: 'Crime type' }, { header: `Crimes ${last}`, numeric: true }, { header: 'Change', numeric: true }, { header: 'Significant' }],
        rows: r.topCategories.map((c) => [c.category, countWords(c.lastYear, ed), ...changeCells(c.change, ed)]),
      })
    : '';
  const hot = r.hotspots.length
    ? govukTable({
        caption: `${r.name}: Gi* hot spot LSOAs`,
        className: 'app-table--compact',
        columns: [{ header: 'LSOA' }, { header: 'Incidents', numeric: true }, { header: 'Gi* z', numeric: true }, { header: 'Adjusted p', numeric: true }, { header: 'Across years' }],
        rows: r.hotspots.slice(0, 8).map((h) => [`${h.name ?? h.lsoa} (${h.lsoa})`, countWords(h.count, ed), h.z.toFixed(2), fmtP(h.pAdjusted).replace(/^p =? ?/, ''), h.persistence]),
      })
    : '';
  const workshop = r.workshop
    ? `<h3 class="govuk-heading-m">Workshop issues</h3>
${govukTable({
  caption: `${r.name}: issues raised at the locality workshop (${r.workshop.heldOn.join(', ')})`,
  columns: [{ header: 'Issue' }, { header: 'Times raised', numeric: true }, { header: 'Mean rank', numeric: true }],
  rows: r.workshop.categories.slice(0, 5).map((c) => [c.category, fmtCount(c.mentions), c.meanRank === null ? 'n/a' : c.meanRank.toFixed(1)]),
})}`
    : '';
  const findings = localityKeyFindings(r, a.measure.label, ed, hasAsb);
  return `<h2 class="govuk-heading-l" id="locality-${esc(localitySlug(r.name))}">Locality report: ${esc(r.name)}</h2>
<h3 class="govuk-heading-m">Key findings</h3>
<ul class="govuk-list govuk-list--bullet">${findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
<h3 class="govuk-heading-m">Profile</h3>
${profile}
${deciles}
<h3 class="govuk-heading-m">Trend</h3>
${trend}
${top}
<h3 class="govuk-heading-m">Where</h3>
${heatMap(a, r)}
${hot || '<p class="govuk-body">No LSOA in this locality is a statistically significant hot spot.</p>'}
${workshop}`;
}

export function renderLocalityReports(a: Assessment, ed: Edition): string {
  return (a.localityReports ?? []).map((r) => report(a, r, ed)).join('\n');
}
