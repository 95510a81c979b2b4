/**
 * Reads a partnership extract (CSV or XLSX) into a staging table of text columns named after the
 * template, in file order (rowid = record index), and validates every row. Errors name FILE:LINE:COLUMN:
 * for CSV the text line and field number, for XLSX the sheet row and column number.
 */
import { readFileSync } from 'node:fs';
import { cspError } from '../../errors.ts';
import { quotedIdentifier as q } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { type StagedText, stageTextCsv, validateStaged } from '../stage-text-csv.ts';
import { columnRules } from './column-types.ts';
import type { DatasetSpec } from './datasets.ts';
import { readXlsxSheet } from './xlsx-read.ts';

export interface StagedPartnerFile {
  table: string;
  rows: number;
  /** utf-8, utf-8-bom, windows-1252 or xlsx. */
  encoding: string;
  bytes: Buffer;
}

/** Checks the header against the template: every column known, none twice, every required one present. */
export function checkPartnerHeader(spec: DatasetSpec, header: readonly string[], file: string): void {
  const names = spec.columns.map((c) => c.name);
  const has = `the ${spec.name} template has ${names.join(', ')}`;
  header.forEach((h, i) => {
    const at = { file, line: 1, column: i + 1 };
    if (h === '') throw cspError('CSP_ERR_SOURCE_HEADER', `column ${i + 1} has no name (${has})`, at);
    if (!names.includes(h)) throw cspError('CSP_ERR_SOURCE_HEADER', `unknown column "${h}" (${has})`, at);
    if (header.indexOf(h) !== i) throw cspError('CSP_ERR_SOURCE_HEADER', `column "${h}" appears twice`, at);
  });
  const missing = spec.columns.find((c) => c.required && !header.includes(c.name));
  if (missing) {
    throw cspError('CSP_ERR_SOURCE_HEADER', `missing required column "${missing.name}" (${has})`, { file, line: 1, column: header.length + 1 });
  }
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

let xlsxCounter = 0;

async function stageXlsxFile(store: Store, spec: DatasetSpec, name: string, bytes: Buffer): Promise<StagedText> {
  const sheet = await readXlsxSheet(bytes, name);
  checkPartnerHeader(spec, sheet.header, name);
  const table = `stage_xlsx_${++xlsxCounter}`;
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} (${sheet.header.map((h) => `${q(h)} VARCHAR`).join(', ')})`);
  await store.append(table, sheet.rows.map((r) => r.values));
  return { table, rows: sheet.rows.length, header: sheet.header, encoding: 'xlsx', lineOf: (r) => sheet.rows[r]?.row ?? 1 };
}

/**
 * Stages and validates one extract. On success every row passed every rule of the template; on the
 * first problem (in file order) it throws a CspError naming file, line and column, leaving nothing staged.
 */
export async function stagePartnerFile(store: Store, spec: DatasetSpec, file: string): Promise<StagedPartnerFile> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no such file', { file });
  }
  const staged = isZip(bytes)
    ? await stageXlsxFile(store, spec, file, bytes)
    : await stageTextCsv(store, { name: file, path: file, bytes }, (header) => checkPartnerHeader(spec, header, file));
  // Optional columns left out of the file are staged as empty.
  for (const c of spec.columns) {
    if (!staged.header.includes(c.name)) await store.run(`ALTER TABLE ${staged.table} ADD COLUMN ${q(c.name)} VARCHAR`);
  }
  const rules = [...spec.columns.flatMap(columnRules), ...(spec.rowRules ?? [])];
  await validateStaged(store, staged, file, rules, `file has the ${spec.name} header and no rows`);
  return { table: staged.table, rows: staged.rows, encoding: staged.encoding, bytes };
}
