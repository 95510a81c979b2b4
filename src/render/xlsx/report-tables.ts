/**
 * Every table of the rendered report, read back from its HTML: caption, header, body rows and the
 * section it sits in. The XLSX export is built from these, so it holds exactly what the report shows
 * in the same edition (suppression included), and a new table in any section reaches it unasked.
 */
import { parseHTML } from 'linkedom';

export interface ReportTable {
  /** The section heading the table sits under. */
  section: string;
  caption: string;
  header: string[];
  rows: string[][];
  /** Totals row, when the table has one. */
  footer: string[] | null;
}

/** An element's text; a line break inside it separates words (a cell of a value and its detail). */
const text = (el: Element): string => {
  for (const br of Array.from(el.querySelectorAll('br'))) br.replaceWith(' ');
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
};

export function reportTables(html: string): ReportTable[] {
  const { document } = parseHTML(html);
  const out: ReportTable[] = [];
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const section = table.closest('section')?.querySelector('h2');
    const cells = (row: Element) => Array.from(row.querySelectorAll('th, td')).map(text);
    const headRow = table.querySelector('thead tr');
    const foot = table.querySelector('tfoot tr');
    out.push({
      section: section ? text(section) : '',
      caption: table.querySelector('caption') ? text(table.querySelector('caption')!) : '',
      header: headRow ? cells(headRow) : [],
      rows: Array.from(table.querySelectorAll('tbody tr')).map(cells),
      footer: foot ? cells(foot) : null,
    });
  }
  return out;
}
