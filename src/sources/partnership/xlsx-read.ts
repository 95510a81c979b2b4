/**
 * XLSX extracts as text rows, the way a CSV of the same sheet would read: dates as YYYY-MM-DD,
 * booleans as Y/N, formulas as their results, blank rows skipped (each kept row remembers its sheet
 * row for error messages).
 */
import ExcelJS from 'exceljs';
import { cspError } from '../../errors.ts';

/** The sheet a template's rows go on; a workbook without one is read from its first sheet. */
export const DATA_SHEET = 'data';

export interface XlsxRows {
  header: string[];
  rows: { row: number; values: (string | null)[] }[];
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** One cell's value as the text a CSV would hold; null when empty. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('') || null;
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  return null;
}

export async function readXlsxSheet(bytes: Buffer, file: string): Promise<XlsxRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw cspError('CSP_ERR_SOURCE_BINARY', 'not a readable XLSX workbook', { file, line: 1, column: 1 }, e);
  }
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw cspError('CSP_ERR_SOURCE_EMPTY', 'workbook has no rows', { file, line: 1, column: 1 });
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) header.push(cellText(headerRow.getCell(c).value)?.trim() ?? '');
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const rows: XlsxRows['rows'] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = header.map((_, i) => cellText(row.getCell(i + 1).value));
    if (values.some((v) => v !== null)) rows.push({ row: r, values });
  }
  return { header, rows };
}
