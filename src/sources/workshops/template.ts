/** The workshop template: CSV with an example row, or XLSX with a data sheet, a dictionary and the category list. */
import ExcelJS from 'exceljs';
import { WORKSHOP_COLUMNS } from './read.ts';

function example(categories: readonly string[]): string[] {
  return ['central-2017-02', 'Central', '2017-02-14', 'Police', categories[0] ?? 'Other', 'Groups gathering near the bus station in the evenings', '1', '', 'Central locality workshop'];
}

export function workshopTemplateCsv(categories: readonly string[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${WORKSHOP_COLUMNS.map((c) => c.name).join(',')}\r\n${example(categories).map(quote).join(',')}\r\n`;
}

export async function workshopTemplateXlsx(categories: readonly string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet('data');
  data.addRow(WORKSHOP_COLUMNS.map((c) => c.name));
  data.addRow(example(categories));
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const dict = wb.addWorksheet('dictionary');
  dict.addRow(['column', 'required', 'description']);
  for (const c of WORKSHOP_COLUMNS) dict.addRow([c.name, c.required ? 'yes' : 'no', c.description]);
  dict.getRow(1).font = { bold: true };
  const cats = wb.addWorksheet('categories');
  cats.addRow(['category']);
  for (const c of [...categories, 'Other']) cats.addRow([c]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
