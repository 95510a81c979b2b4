/** GOV.UK table markup: a caption, column headers with scope, and the first cell of each row as a row header. */
import { esc } from './format.ts';

export interface TableColumn {
  header: string;
  /** Right-aligned with tabular figures (govuk-table__header--numeric). */
  numeric?: boolean;
}

/** Plain text (escaped here) or trusted markup built by a renderer (lists, tags). */
export type Cell = string | number | { html: string };

const cellHtml = (c: Cell): string => (typeof c === 'object' ? c.html : esc(c));

export interface TableInput {
  caption: string;
  columns: TableColumn[];
  /** The first cell of each row is its row header. */
  rows: Cell[][];
  /** Optional totals row. */
  footer?: Cell[];
  /** Extra class, e.g. 'app-table--compact' for wide tables. */
  className?: string;
  /** Smaller caption for tables inside a section with its own heading. */
  captionSize?: 's' | 'm';
}

function row(cells: Cell[], columns: TableColumn[]): string {
  const tds = cells.map((cell, i) => {
    const numeric = columns[i]?.numeric ? ' govuk-table__cell--numeric' : '';
    return i === 0
      ? `<th scope="row" class="govuk-table__header">${cellHtml(cell)}</th>`
      : `<td class="govuk-table__cell${numeric}">${cellHtml(cell)}</td>`;
  });
  return `<tr class="govuk-table__row">${tds.join('')}</tr>`;
}

export function govukTable(t: TableInput): string {
  const head = t.columns
    .map((c) => `<th scope="col" class="govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}">${esc(c.header)}</th>`)
    .join('');
  const body = t.rows.map((r) => row(r, t.columns)).join('\n');
  const foot = t.footer ? `<tfoot class="app-table__foot">${row(t.footer, t.columns)}</tfoot>` : '';
  return `<table class="govuk-table app-table${t.className ? ` ${t.className}` : ''}">
<caption class="govuk-table__caption govuk-table__caption--${t.captionSize ?? 's'}">${esc(t.caption)}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead>
<tbody class="govuk-table__body">
${body}
</tbody>${foot}
</table>`;
}
