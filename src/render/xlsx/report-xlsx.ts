/**
 * The report's tables as an XLSX workbook (exceljs): a contents sheet, then one sheet per table with
 * a title row, the source and period, a frozen header, numbers as numbers with their formats.
 */
import ExcelJS from 'exceljs';
import type { Assessment } from '../../assessment/model.ts';
import { fmtPeriod } from '../html/format.ts';
import { cellValue, safeText } from './cell-value.ts';
import { reportTables } from './report-tables.ts';

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(index: number, caption: string, used: Set<string>): string {
  const base = `${index + 1} ${caption.replace(/[[\]:*?/\\]/g, ' ')}`.slice(0, 31).trim();
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 28)} ${k}`;
  used.add(name.toLowerCase());
  return name;
}

export async function renderReportXlsx(a: Assessment, html: string, options: { public: boolean }): Promise<Buffer> {
  const tables = reportTables(html);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'csp-assess';
  wb.created = new Date(a.generatedAt);
  const source = `Source: ${a.data.sources.join('; ')}${a.data.synthetic ? `. ${a.data.label}` : ''}`;
  const period = `Period: ${fmtPeriod(a.period)}. ${options.public ? 'Published edition: small counts suppressed.' : `Full edition${a.document?.protectiveMarking ? `: ${a.document.protectiveMarking}` : ''}.`}`;
  const contents = wb.addWorksheet('Contents');
  contents.addRow([safeText(`${a.title}: ${a.area.name}`)]).font = { bold: true, size: 14 };
  contents.addRow([safeText(source)]);
  contents.addRow([safeText(period)]);
  contents.addRow([]);
  const head = contents.addRow(['Sheet', 'Section', 'Table']);
  head.font = { bold: true };
  contents.views = [{ state: 'frozen', ySplit: 5 }];
  contents.getColumn(1).width = 34;
  contents.getColumn(2).width = 40;
  contents.getColumn(3).width = 80;
  // Theme tables come from partnership extracts: their sheets name those datasets as the source.
  const themeSources = new Map(
    (a.themes ?? []).map((t) => {
      const datasets = [...new Set(t.issues.flatMap((i) => i.datasets))];
      const synthetic = t.issues.some((i) => i.synthetic);
      return [t.title, `Source: partnership extracts (${datasets.join(', ') || 'police categories'})${synthetic ? '; synthetic demonstration data where marked' : ''}`];
    }),
  );
  const used = new Set(['contents']);
  tables.forEach((t, i) => {
    const name = sheetName(i, t.caption || t.section || 'Table', used);
    const ws = wb.addWorksheet(name);
    const link = contents.addRow([name, safeText(t.section), safeText(t.caption)]);
    link.getCell(1).value = { text: name, hyperlink: `#'${name.replace(/'/g, "''")}'!A1` };
    ws.addRow([safeText(t.caption || t.section)]).font = { bold: true, size: 13 };
    ws.addRow([safeText(themeSources.get(t.section) ?? source)]);
    ws.addRow([safeText(period)]);
    const header = ws.addRow(t.header.map(safeText));
    header.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 4 }];
    for (const r of [...t.rows, ...(t.footer ? [t.footer] : [])]) {
      const row = ws.addRow([]);
      r.forEach((text, c) => {
        // The first column names the row: text, even when it looks like a number (a year, a code).
        const v = c === 0 ? { value: safeText(text) } : cellValue(text);
        const cell = row.getCell(c + 1);
        cell.value = v.value;
        if ('numFmt' in v && v.numFmt) cell.numFmt = v.numFmt;
      });
      if (r === t.footer) row.font = { bold: true };
    }
    t.header.forEach((h, c) => {
      const widest = Math.max(h.length, ...t.rows.map((r) => (r[c] ?? '').length));
      ws.getColumn(c + 1).width = Math.min(60, Math.max(10, widest + 2));
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
