/** Concentration: how much of each measure falls in the busiest LSOAs, each locality and named places. */
import type { ConcentrationBlock } from '../../../assessment/analysis-model.ts';
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc, fmtCount, fmtPeriod, fmtRatio, fmtShare } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';

const share = (s: number | null): string => (s === null ? 'n/a' : fmtShare(s));

function block(b: ConcentrationBlock, area: string): string {
  const tops = b.top.map((t) => `${share(t.share)} in the top ${Math.round(t.fraction * 100)}% (${fmtCount(t.lsoas)} LSOAs)`).join(' and ');
  const places = b.places.map((p) => `<li>${esc(p.name)}: ${share(p.share)} of ${esc(b.measure.label.toLowerCase())} in ${fmtShare(p.areaShare)} of the LSOAs (${fmtCount(p.count)} incidents).</li>`).join('');
  return `<h3 class="govuk-heading-m">${esc(b.measure.label)}</h3>
<p class="govuk-body">Of ${fmtCount(b.total)} incidents located in ${esc(area)}'s ${fmtCount(b.lsoas)} LSOAs (${esc(fmtPeriod(b.period))}), ${tops}. Gini coefficient ${b.gini === null ? 'n/a' : fmtRatio(b.gini)} (0 = spread evenly, 1 = all in one LSOA).</p>
${places ? `<ul class="govuk-list govuk-list--bullet">${places}</ul>` : ''}
${b.localities.length === 0 ? '' : govukTable({
  caption: `${b.measure.label} by locality: share of incidents and of residents`,
  captionSize: 's',
  columns: [{ header: 'Locality' }, { header: 'Incidents', numeric: true }, { header: 'Share of incidents', numeric: true }, { header: 'Share of residents', numeric: true }],
  rows: b.localities.map((l) => [l.name, fmtCount(l.count), share(l.share), share(l.populationShare)]),
})}`;
}

export function renderConcentration(a: Assessment): string {
  const blocks = a.analysis?.concentration ?? [];
  if (blocks.length === 0) return '';
  return `${sectionHeading('concentration', 'Concentration')}
<p class="govuk-body">Crime concentrates in few places. These figures give the share of incidents in the busiest 5% and 10% of LSOAs (small areas of about 1,500 residents)${a.localities.length ? ', in each locality' : ''}${blocks.some((b) => b.places.length) ? ' and in named places' : ''}.</p>
${blocks.map((b) => block(b, a.area.name)).join('\n')}`;
}
