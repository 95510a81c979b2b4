/** Crime by type: chart, then each category's counts by year and its tested change. */
import type { Assessment, CategorySummary, ChangeResult } from '../../../assessment/model.ts';
import { crimeByTypeSvg } from '../../charts/crime-by-type.ts';
import { changePeriodLabel, esc, fmtChangePct, fmtCount, fmtP, fmtRatio, yearLabel } from '../../html/format.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { type Cell, govukTable } from '../../html/table.ts';

const verdict = (c: ChangeResult | null): string => (c === null ? 'not tested' : c.significant ? 'Significant' : 'Not significant');
const pCell = (c: ChangeResult | null): string => (c === null ? '' : fmtP(c.pValue).replace(/^p = /, '').replace(/^p /, ''));
const ciCell = (c: ChangeResult | null): string => (c?.ciLow == null || c.ciHigh == null ? 'n/a' : `${fmtRatio(c.ciLow)} to ${fmtRatio(c.ciHigh)}`);

/** The change's period pair, taken from the first category that has one. */
function periods(a: Assessment, key: 'change' | 'recentChange'): string | null {
  const c = a.categories.find((x) => x[key] !== null)?.[key];
  if (!c) return null;
  return key === 'change' ? `${changePeriodLabel(c.beforePeriod)} to ${changePeriodLabel(c.afterPeriod)}` : `${changePeriodLabel(c.afterPeriod)} against ${changePeriodLabel(c.beforePeriod)}`;
}

const name = (c: CategorySummary): string => (c.isAsb ? `${c.category} (not recorded crime)` : c.category);

export function renderCategories(a: Assessment): string {
  // A breakdown by type needs more than one type: a single-crime assessment has none to show.
  if (a.categories.length < 2) return '';
  const ordered = [...a.categories].sort((x, y) => Number(x.isAsb) - Number(y.isAsb) || y.total - x.total);
  const years = a.overview.byYear;
  const span = periods(a, 'change') ?? 'first to last full year';
  const yearRows: Cell[][] = ordered.map((c) => [
    name(c),
    ...years.map((y) => fmtCount(c.byYear.find((b) => b.year === y.year)?.count ?? 0)),
    fmtChangePct(c.change?.changePct ?? null),
    c.change?.rateRatio == null ? 'n/a' : fmtRatio(c.change.rateRatio),
    ciCell(c.change),
    pCell(c.change),
    verdict(c.change),
  ]);
  const recentSpan = periods(a, 'recentChange');
  const recentRows: Cell[][] = ordered
    .filter((c) => c.recentChange !== null)
    .map((c) => {
      const r = c.recentChange as ChangeResult;
      return [name(c), fmtCount(r.before), fmtCount(r.after), fmtChangePct(r.changePct), pCell(r), verdict(r)];
    });
  const recent = recentSpan
    ? govukTable({
        caption: `Latest months against the same months a year earlier: ${recentSpan}`,
        className: 'app-table--compact',
        columns: [{ header: 'Category' }, { header: 'Before', numeric: true }, { header: 'After', numeric: true }, { header: 'Change', numeric: true }, { header: 'p-value', numeric: true }, { header: 'Test result' }],
        rows: recentRows,
      })
    : '';
  return `${sectionHeading('categories', 'Crime by type')}
${figure(crimeByTypeSvg(a), `Breakdown of recorded crime by type, ${a.area.name}`, 'Anti-social behaviour is not recorded crime and is shown separately.', a.categories.filter((c) => !c.isAsb).map((c) => c.total))}
<p class="govuk-body">Change compares ${esc(span)} as rates per month. The rate ratio is the later rate divided by the earlier one, with its 95% confidence interval; a change is called significant only when chance alone would rarely produce it (p below 0.05).</p>
${govukTable({
  caption: `Recorded crime and ASB by category and year, ${a.area.name}`,
  className: 'app-table--compact',
  columns: [
    { header: 'Category' },
    ...years.map((y) => ({ header: yearLabel(y.year, y.months, a.period), numeric: true })),
    { header: `Change ${span}`, numeric: true },
    { header: 'Rate ratio', numeric: true },
    { header: '95% CI', numeric: true },
    { header: 'p-value', numeric: true },
    { header: 'Test result' },
  ],
  rows: yearRows,
})}
${recent}`;
}
