/** Space and time: emerging hot spot maps (area and each locality), near-repeat tables, expected counts with forecasts. */
import type { EmergingCategory } from '../../../analysis/spatial/emerging-hotspots.ts';
import type { Assessment } from '../../../assessment/model.ts';
import type { EmergingSection, ExpectedSeries, NearRepeatSection, SpaceTimeSection } from '../../../assessment/sections/space-time.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { esc, fmtCount, fmtMean, fmtMonth, fmtPeriod, listWords } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import { warningText } from '../../html/warning.ts';
import { nearRepeatWindowSentences, stackedPlacesSentence } from '../../words/near-repeat.ts';
import { categoryLabel, emergingMapSvg } from './emerging-map.ts';
import { expectedChartSvg } from './expected-chart.ts';

function emergingHtml(a: Assessment, e: EmergingSection): string {
  const shown = e.summary.filter((s) => s.locations > 0);
  const legend: EmergingCategory[] = shown.map((s) => s.category);
  const patterned = shown.filter((s) => s.category !== 'none');
  const areaMap = emergingMapSvg({ map: e.map, locality: null, legend, width: 560, height: 640, id: 'map-emerging', title: `Emerging hot spots, ${a.area.name}` });
  const localityMaps = e.byLocality.map((l, i) =>
    emergingMapSvg({ map: e.map, locality: l.locality, legend: [], width: 260, height: 260, attribution: false, id: `map-emerging-${i}`, title: `Emerging hot spots, ${l.locality}` }).replace('</svg>', `<text x="8" y="18" font-weight="bold" font-size="14">${esc(l.locality)}</text></svg>`),
  );
  const table = govukTable({
    caption: 'LSOAs by emerging hot spot category',
    columns: [{ header: 'Category' }, { header: a.area.name, numeric: true }, ...e.byLocality.map((l) => ({ header: l.locality, numeric: true }))],
    className: 'app-table--compact',
    rows: shown.map((s) => [categoryLabel(s.category), fmtCount(s.locations), ...e.byLocality.map((l) => fmtCount(l.summary.find((x) => x.category === s.category)?.locations ?? 0))]),
  });
  const words = patterned.length
    ? `${listWords(patterned.map((s) => `${fmtCount(s.locations)} ${categoryLabel(s.category).toLowerCase()}${s.locations === 1 ? '' : 's'}`))}`
    : 'no LSOA with a hot or cold spot pattern';
  return `<h3 class="govuk-heading-m">Emerging hot spots</h3>
<p class="govuk-body">Each LSOA's ${esc(e.measure.toLowerCase())} in each of the ${e.steps.length} months was tested with Getis-Ord Gi* against ${esc(a.area.name)} as a whole (neighbours sharing a boundary point; Benjamini-Hochberg correction within each month, adjusted p &lt; ${e.alpha}); a Mann-Kendall test says whether its Gi* z-scores rose or fell over the months. The categories follow ArcGIS Pro's Emerging Hot Spot Analysis; a persistent hot spot is hot in at least 90% of the months including the last. ${esc(a.area.name)} has ${esc(words)}.</p>
${figure(areaMap, `Emerging hot spots of ${e.measure.toLowerCase()} by LSOA, ${a.area.name}, ${fmtMonth(e.steps[0]!)} to ${fmtMonth(e.steps.at(-1)!)}`)}
${localityMaps.length ? figure(`<div class="app-emerging-localities" style="display:flex;flex-wrap:wrap;gap:8px">${localityMaps.join('\n')}</div>`, 'Emerging hot spots by locality (colours as above)') : ''}
${table}`;
}

function nearRepeatHtml(n: NearRepeatSection): string {
  const alpha = n.window?.alpha ?? 0.05;
  const cell = (d: string, t: string): { html: string } => {
    const c = n.rows.find((r) => r.distance === d && r.time === t)!;
    const ratio = c.knoxRatio === null ? '–' : c.knoxRatio.toFixed(2);
    const p = c.p < 0.001 ? '&lt; 0.001' : c.p.toFixed(3);
    const text = `${ratio}<br><span class="govuk-body-s">${fmtCount(c.observed)} vs ${fmtMean(c.expected)}; p ${p}</span>`;
    return { html: c.p < alpha && (c.knoxRatio ?? 0) > 1 ? `<strong>${text}</strong>` : text };
  };
  const significant = n.rows.filter((r) => r.p < alpha && (r.knoxRatio ?? 0) > 1);
  const windowWords = nearRepeatWindowSentences(n);
  const stacked = stackedPlacesSentence(n);
  return `<h3 class="govuk-heading-m">Near repeat: ${esc(n.category.toLowerCase())}</h3>
<p class="govuk-body">Pairs of ${esc(n.category.toLowerCase())} incidents close in both space and time (Knox test on ${fmtCount(n.incidents)} dated incidents, ${esc(fmtPeriod(n.period))}). Each cell gives the Knox ratio: the pairs observed divided by the pairs expected if the dates were unrelated to the places (the exact mean over every shuffling of the dates among the incidents), then the observed and expected pairs and the p-value from up to ${fmtCount(n.permutations)} random shufflings (a cell stops once ten shufflings have reached its observed pairs). Bold cells have significantly more pairs than expected (p &lt; ${alpha}, each cell tested on its own: with ${n.rows.length} cells, one may reach it by chance): ${significant.length ? esc(listWords(significant.map((r) => `(${r.distance}, ${r.time})`))) : 'none'}.${n.withoutLocation ? ` ${fmtCount(n.withoutLocation)} dated incidents without coordinates were left out.` : ''}</p>
${windowWords.length ? `<p class="govuk-body">${esc(windowWords.join(' '))}</p>` : ''}
${stacked ? warningText(stacked) : ''}
${govukTable({
  caption: `Knox ratios for ${n.category.toLowerCase()}: distance apart (rows) by days apart (columns)`,
  columns: [{ header: 'Distance apart' }, ...n.timeBands.map((t) => ({ header: t, numeric: true }))],
  rows: n.distanceBands.map((d) => [d, ...n.timeBands.map((t) => cell(d, t))]),
})}
<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">The Knox test cell by cell</span></summary>
<div class="govuk-details__text">${govukTable({
  caption: `Knox test for ${n.category.toLowerCase()}, cell by cell`,
  columns: [{ header: 'Distance apart' }, { header: 'Days apart' }, ...['Pairs observed', 'Pairs expected', 'Knox ratio', 'p-value', 'Permutations drawn'].map((header) => ({ header, numeric: true }))],
  className: 'app-table--compact',
  rows: n.rows.map((r) => [r.distance, r.time, fmtCount(r.observed), fmtMean(r.expected), r.knoxRatio === null ? '–' : r.knoxRatio.toFixed(2), r.p.toFixed(3), fmtCount(r.permutations ?? n.permutations)]),
})}</div></details>`;
}

function expectedHtml(a: Assessment, s: SpaceTimeSection): string {
  const area = s.expected.find((e) => e.kind === 'area');
  if (!area || !s.expectedSpan) return '';
  const label = (e: ExpectedSeries): string => (e.kind === 'category' ? e.name : `${e.name} (${e.measure.toLowerCase()})`);
  const next = (e: ExpectedSeries): string => {
    const f = e.forecast[0];
    return f ? `${fmtCount(Math.round(f.expected!))} (${fmtCount(f.lower!)} to ${fmtCount(f.upper!)})` : '–';
  };
  const rows = s.expected.map((e) => [label(e), e.dispersion === null ? '–' : e.dispersion.toFixed(1), e.above.length ? e.above.map(fmtMonth).join(', ') : 'none', next(e)]);
  const previous = s.previous && s.previous.scores.some((x) => x.score.scored > 0)
    ? govukTable({
        caption: `The previous edition's forecast (built ${s.previous.generatedAt.slice(0, 10)}) against what happened`,
        columns: [{ header: 'Series' }, { header: 'Months scored', numeric: true }, { header: 'Inside the interval', numeric: true }, { header: 'Mean absolute error', numeric: true }, { header: 'Mean error', numeric: true }],
        rows: s.previous.scores.filter((x) => x.score.scored > 0).map((x) => [x.name, fmtCount(x.score.scored), `${Math.round(x.score.coverage! * 100)}%`, x.score.meanAbsoluteError!.toFixed(1), x.score.meanError!.toFixed(1)]),
      })
    : '';
  const f0 = area.forecast[0], fl = area.forecast.at(-1);
  return `<h3 class="govuk-heading-m">Expected counts and forecast</h3>
<p class="govuk-body">For each month, the count expected from the months before it only (a log-linear baseline with trend and season fitted on the 24 months before it), with a 95% prediction interval that allows for overdispersion: counts vary more than a Poisson count would, by the dispersion factor in the table. A month above its interval is flagged. ${area.above.length ? `${esc(a.area.name)}'s ${esc(area.measure.toLowerCase())} was above its interval in ${esc(listWords(area.above.map(fmtMonth)))}.` : `No month of ${esc(a.area.name)}'s ${esc(area.measure.toLowerCase())} was above its interval.`}${f0 && fl ? ` The forecast for ${esc(fmtMonth(f0.month))} to ${esc(fmtMonth(fl.month))} continues the fitted trend and season.` : ''}</p>
${figure(expectedChartSvg(area, { id: 'chart-expected', title: `${area.measure} a month, expected and forecast, ${a.area.name}` }), `${area.measure} a month against expected, with the forecast, ${a.area.name}`, undefined, area.months.map((x) => x.observed))}
${govukTable({ caption: 'Expected counts for every tested series', className: 'app-table--compact', columns: [{ header: 'Series' }, { header: 'Dispersion', numeric: true }, { header: 'Months above the interval' }, { header: `Forecast ${f0 ? fmtMonth(f0.month) : ''} (95% interval)`, numeric: true }], rows })}
${previous}`;
}

export function renderSpaceTime(a: Assessment): string {
  const s = a.spaceTime;
  if (!s) return '';
  const parts = [s.emerging ? emergingHtml(a, s.emerging) : '', ...s.nearRepeat.map(nearRepeatHtml), expectedHtml(a, s)].filter(Boolean);
  if (parts.length === 0) return '';
  return `${sectionHeading('space-time', 'Space and time')}
${parts.join('\n')}`;
}
