/**
 * XLSX extracts as text rows, the way a CSV of the same sheet would read: dates as YYYY-MM-DD,
 * booleans as Y/N, formulas as their saved results (a formula without one is refused), blank rows skipped (each kept row remembers its sheet
 * row for error messages).
 */
// Imported when a workbook is read: loading exceljs costs a quarter of a second of every CSV ingest.
import type ExcelJS from 'exceljs';
import { cspError } from '../../errors.ts';

/** The sheet a template's rows go on; a workbook without one is read from its first sheet. */
export const DATA_SHEET = 'data';

export interface XlsxRows {
  header: string[];
  rows: { row: number; values: (string | null)[] }[];
}

/** Why a cell cannot be read as text; the sheet reader adds where. */
export class CellProblem extends Error {}

function isoDate(d: Date): string {
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1900 || year > 9999) throw new CellProblem('holds a date outside the calendar (years 1900 to 9999)');
  return d.toISOString().slice(0, 10);
}

/** One cell's value as the text a CSV would hold; null when empty. Throws CellProblem for what cannot be read. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('') || null;
  if ('formula' in value || 'sharedFormula' in value) {
    // Only the result Excel saved is read: csp-assess does not calculate, and an empty cell would be a guess.
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) throw new CellProblem('holds a formula with no saved result: open and save the workbook in Excel, or paste the values');
    return cellText(result as ExcelJS.CellValue);
  }
  if ('text' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  return null;
}

export async function readXlsxSheet(bytes: Buffer, file: string): Promise<XlsxRows> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw cspError('CSP_ERR_SOURCE_BINARY', 'not a readable XLSX workbook', { file, line: 1, column: 1 }, e);
  }
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw cspError('CSP_ERR_SOURCE_EMPTY', 'workbook has no rows', { file, line: 1, column: 1 });
  const text = (r: number, c: number): string | null => {
    const cell = sheet.getRow(r).getCell(c);
    try {
      return cellText(cell.value);
    } catch (e) {
      if (e instanceof CellProblem) throw cspError('CSP_ERR_SOURCE_VALUE', `cell ${cell.address} ${e.message}`, { file, line: r, column: c });
      throw e;
    }
  };
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) header.push(text(1, c)?.trim() ?? '');
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const rows: XlsxRows['rows'] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = header.map((_, i) => text(r, i + 1));
    if (values.some((v) => v !== null)) rows.push({ row: r, values });
  }
  return { header, rows };
}
