/** Recommended priorities: the ranked MoRiLE-style table with the evidence behind each score, and the risk matrix. */
import type { Assessment } from '../../../assessment/model.ts';
import { riskMatrixSvg } from '../../charts/risk-matrix.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { esc, listWords } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import type { Edition } from '../../words/edition.ts';
import { priorityEvidence } from '../../words/priorities.ts';

const n = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function renderPriorities(a: Assessment, ed: Edition): string {
  const p = a.priorities;
  if (!p) return '';
  const issues = p.issues.filter((i) => !(ed.public && i.restricted));
  const notEntered = issues.filter((i) => !i.positionEntered).map((i) => i.title);
  const top = issues.filter((i) => i.recommended).map((i) => i.title);
  const noEvidence = issues.filter((i) => !i.hasEvidence).map((i) => i.title);
  return `${sectionHeading('priorities', 'Recommended priorities')}
<p class="govuk-body">Each issue is scored on a matrix in the manner of MoRiLE (Management of Risk in Law Enforcement): harm and likelihood give its risk (harm × likelihood, up to ${p.scaleMax * p.scaleMax}); public concern and the partnership's position (its capacity and capability to respond) are added with weights ${n(p.weights.concern)} and ${n(p.weights.position)}. Scales run from 1 to ${p.scaleMax}. Confidence reflects the data behind the issue and is not part of the score.</p>
${top.length ? `<div class="govuk-inset-text">Recommended for the board's agreement: ${esc(listWords(top))}.</div>` : `<div class="govuk-inset-text">No issue has evidence behind it yet, so none is recommended: load the partnership's data, record the locality workshops or enter the analyst's scores.</div>`}
${noEvidence.length ? `<p class="govuk-body-s">No evidence yet (no data loaded, not raised at a workshop, no analyst's scores), so ranked last on assumed mid-scale values and not recommended: ${esc(listWords(noEvidence))}.</p>` : ''}
${notEntered.length ? `<p class="govuk-body-s">Organisational position not yet entered by the analyst (mid-scale assumed): ${esc(listWords(notEntered))}.</p>` : ''}
${govukTable({
  caption: 'Priority matrix, ranked',
  className: 'app-table--compact',
  columns: [
    { header: 'Rank', numeric: true },
    { header: 'Issue' },
    { header: 'Harm', numeric: true },
    { header: 'Likelihood', numeric: true },
    { header: 'Risk (harm × likelihood)', numeric: true },
    { header: 'Concern', numeric: true },
    { header: 'Position', numeric: true },
    { header: 'Score', numeric: true },
    { header: 'Confidence' },
  ],
  rows: issues.map((i) => [String(i.rank), i.title, n(i.harm), n(i.likelihood), n(i.risk), n(i.concern), n(i.position), n(i.score), i.confidence]),
})}
${figure(riskMatrixSvg(issues, p.scaleMax), 'Risk matrix: harm against likelihood, issues numbered by rank')}
${govukTable({
  caption: 'Evidence behind each score',
  className: 'app-table--compact',
  columns: [{ header: 'Issue' }, { header: 'Harm' }, { header: 'Likelihood' }, { header: 'Concern' }, { header: 'Position' }, { header: 'Confidence' }],
  rows: issues.map((i) => {
    const e = priorityEvidence(i, ed);
    return [i.title, e.harm, e.likelihood, e.concern, e.position, e.confidence];
  }),
})}`;
}
