/** Peers: the area's rate, rank and tested change against the force area's districts and statistical neighbours. */
import type { PeerGroup, PeersSection } from '../../../assessment/analysis-model.ts';
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc, fmtChangePct, fmtCount, fmtP, fmtPeriod, fmtRate, fmtRatio } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import { asbPeersWords, nationalGapWords, nationalWords, versusWords } from '../../words/peers.ts';

function groupTable(g: PeerGroup, p: PeersSection): string {
  const rows = g.rows.map((r) => [
    r.isArea ? { html: `<strong>${esc(r.name)}</strong>` } : r.name,
    r.count === null ? 'no data' : fmtCount(r.count),
    r.population === null ? 'n/a' : fmtCount(r.population),
    r.ratePer1000 === null ? 'n/a' : fmtRate(r.ratePer1000),
    r.rateCiLow === null || r.rateCiHigh === null ? '' : `${fmtRate(r.rateCiLow)} to ${fmtRate(r.rateCiHigh)}`,
    r.rank === null ? '' : String(r.rank),
    r.change ? fmtChangePct(r.change.changePct) : 'n/a',
    r.change ? fmtP(r.change.pValue) : '',
    r.change ? (r.change.significant ? 'Yes' : 'No') : '',
  ]);
  const missing = g.missing.length
    ? `<p class="govuk-body-s">No ${esc(p.measure.label.toLowerCase())} figures are loaded for ${g.missing.length} configured neighbour(s) (${esc(g.missing.join(', '))}): they are not ranked.</p>`
    : '';
  return `${govukTable({
    caption: `${g.title}: ${p.measure.label} per 1,000 residents, ${fmtPeriod(p.window)}`,
    className: 'app-table--compact',
    columns: [
      { header: 'Area' },
      { header: p.measure.label, numeric: true },
      { header: `Residents (${p.populationYear ?? 'n/a'})`, numeric: true },
      { header: 'Per 1,000', numeric: true },
      { header: '95% interval', numeric: true },
      { header: 'Rank', numeric: true },
      { header: 'Change', numeric: true },
      { header: 'p-value', numeric: true },
      { header: 'Significant' },
    ],
    rows,
  })}${missing}`;
}

/** Anti-social behaviour against the force area's districts and England and Wales, when loaded beside crime. */
function renderAsb(p: PeersSection, a: Assessment): string {
  const s = p.asb;
  const force = s?.groups.find((g) => g.kind === 'force-area');
  if (!s || !force) return '';
  return `<h3 class="govuk-heading-s">Anti-social behaviour</h3>
${asbPeersWords(s, a.area.name, a.area.forceAreaName).map((w) => `<p class="govuk-body">${esc(w)}</p>`).join('\n')}
${groupTable(force, { ...s, asb: null })}`;
}

export function renderPeers(a: Assessment): string {
  const p = a.analysis?.peers;
  if (!p) return '';
  const force = p.groups.find((g) => g.kind === 'force-area');
  const area = force?.rows.find((r) => r.isArea);
  const v = p.versusForceArea;
  const rank = area && force && area.rank !== null ? `It ranks ${area.rank} of ${force.of} (1 = highest rate) at ${fmtRate(area.ratePer1000!)} per 1,000 residents.` : '';
  const inLine = v
    ? `<p class="govuk-body">Comparing ${esc(fmtPeriod(p.window))} with the year before, ${esc(p.measure.label.toLowerCase())} in ${esc(a.area.name)} <strong>${esc(versusWords(v))}</strong>: ratio of rate ratios ${v.ratioOfRatios === null ? 'n/a' : fmtRatio(v.ratioOfRatios)} (95% interval ${fmtRatio(v.ciLow)} to ${v.ciHigh === null ? 'unbounded' : fmtRatio(v.ciHigh)}, ${fmtP(v.pValue)}).</p>`
    : '';
  return `${sectionHeading('peers', 'Comparison with peers')}
<p class="govuk-body">${esc(p.measure.label)} in ${esc(a.area.name)} against the other districts of ${esc(a.area.forceAreaName)}${p.groups.length > 1 ? ' and its statistical neighbours' : ''}. Rates are per 1,000 residents (${p.populationYear ?? 'n/a'} population) for ${esc(fmtPeriod(p.window))}; change compares that with ${esc(fmtPeriod(p.baseline))} allowing for each district's overdispersion (quasi-Poisson), with the p-values adjusted for the number of districts tested (Benjamini-Hochberg). ${esc(rank)}</p>
${inLine}
${p.groups.map((g) => groupTable(g, p)).join('\n')}
${p.national ? `<p class="govuk-body">${esc(nationalWords(p.national, a.area.name, area?.ratePer1000 ?? null))}</p>` : `<p class="govuk-body-s">${esc(nationalGapWords(p))}</p>`}
${renderAsb(p, a)}`;
}
