/**
 * The published templates: a CSV header, an XLSX workbook (a `data` sheet with the header and a
 * `dictionary` sheet), and the Markdown reference in docs/partnership-templates.md.
 */
import ExcelJS from 'exceljs';
import { typeLabel, type ColumnSpec } from './column-types.ts';
import { partnershipDatasets, type DatasetSpec } from './datasets.ts';
import { DATA_SHEET } from './xlsx-read.ts';

export const DICTIONARY_COLUMNS = ['column', 'type', 'required', 'allowed values', 'example', 'description'] as const;

export function dictionaryRow(c: ColumnSpec): string[] {
  return [c.name, typeLabel(c), c.required ? 'yes' : 'no', c.allowed?.join('; ') ?? '', c.example, c.description];
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The CSV template: the header row only (an example row would be loaded as data if left in). */
export function templateCsv(spec: DatasetSpec): string {
  return csvLine(spec.columns.map((c) => c.name));
}

/** The XLSX template: `data` (header, frozen, with drop-downs for allowed values) and `dictionary`. */
export async function templateXlsx(spec: DatasetSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'csp-assess';
  wb.created = new Date(0); // fixed, so the same template is the same bytes
  wb.modified = new Date(0);
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow(spec.columns.map((c) => c.name)).font = { bold: true };
  spec.columns.forEach((c, i) => {
    data.getColumn(i + 1).width = Math.max(12, c.name.length + 2);
    const choices = c.kind === 'flag' ? ['Y', 'N'] : c.kind === 'choice' ? c.allowed : undefined;
    if (choices && choices.join(',').length < 250) {
      const letter = data.getColumn(i + 1).letter;
      // exceljs types lack the worksheet-level dataValidations collection it supports.
      (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}10000`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${choices.join(',')}"`],
      });
    }
  });
  const dict = wb.addWorksheet('dictionary');
  dict.addRow([`${spec.title}: ${spec.description}`]);
  dict.addRow([`Rows sharing the replacement key with a loaded file are replaced: ${spec.replaceKeyDescription}.`]);
  dict.addRow([...DICTIONARY_COLUMNS]).font = { bold: true };
  for (const c of spec.columns) dict.addRow(dictionaryRow(c));
  [16, 30, 10, 40, 22, 70].forEach((w, i) => (dict.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** docs/partnership-templates.md, generated from the dataset definitions. */
export function partnershipTemplatesMarkdown(): string {
  const cell = (v: string) => v.replace(/\|/g, '\\|');
  const out = [
    '# Partnership data templates',
    '',
    'Generated from `src/sources/partnership/datasets.ts` (a test keeps this file in step). Get a template with',
    '`csp-assess template NAME --format csv|xlsx --out FILE`; load a filled one with `csp-assess ingest partner NAME FILE`.',
    '',
    'Every row is validated; a bad file is refused with `FILE:LINE:COLUMN: message` and the store is left unchanged.',
    'Columns may come in any order; optional columns may be left out. Allowed values match without regard to case.',
    'Person identifiers are replaced on load by an HMAC-SHA-256 pseudonym keyed with `--key-file FILE` or',
    '`CSP_ASSESS_PSEUDONYM_KEY`; the load refuses to run without a key, and raw identifiers are never stored.',
    '',
  ];
  for (const d of partnershipDatasets) {
    out.push(`## ${d.name}: ${d.title}`, '', d.description, '');
    if (d.restricted) out.push('**Restricted**: feeds restricted issues, left out of public outputs.', '');
    out.push(`Replacement key: ${d.replaceKeyDescription}.`, '');
    out.push(`| ${DICTIONARY_COLUMNS.join(' | ')} |`, `|${DICTIONARY_COLUMNS.map(() => '---').join('|')}|`);
    for (const c of d.columns) out.push(`| ${dictionaryRow(c).map(cell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}
