/**
 * Reads a partnership extract (CSV or XLSX) into a staging table of text columns named after the
 * template, in file order (rowid = record index), and validates every row. Errors name FILE:LINE:COLUMN:
 * for CSV the text line and field number, for XLSX the sheet row and column number.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { cspError } from '../../errors.ts';
import { quotedIdentifier as q } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { inputLimits } from '../input-limits.ts';
import { type StagedText, stageTextCsv, validateStaged } from '../stage-text-csv.ts';
import { pseudonymise } from './pseudonymise.ts';
import { columnRules, PERSON_ID_MAX_LENGTH } from './column-types.ts';
import { type DatasetSpec, personIdColumns } from './datasets.ts';
import { readXlsxSheet } from './xlsx-read.ts';

export interface StagedPartnerFile {
  table: string;
  rows: number;
  /** utf-8, utf-8-bom, windows-1252 or xlsx. */
  encoding: string;
  sha256: string;
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

/** True when the file starts as a zip (an XLSX workbook is one). */
function isZipFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no such file', { file });
  }
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

let xlsxCounter = 0;

/**
 * The pseudonym of a person identifier, checked first: raw identifiers never reach the database,
 * whose pages could otherwise keep fragments of them. Empty stays empty, for the required-column rule.
 */
function pseudonymOf(key: Buffer, value: string, name: string, at: { file: string; line: number; column: number }): string {
  if (value.trim() === '') return '';
  if (value.length > PERSON_ID_MAX_LENGTH || /[\r\n]/.test(value)) {
    throw cspError('CSP_ERR_SOURCE_VALUE', `"${name}" is not an identifier of at most ${PERSON_ID_MAX_LENGTH} characters on one line`, at);
  }
  return pseudonymise(key, value);
}

async function stageXlsxFile(store: Store, spec: DatasetSpec, name: string, bytes: Buffer, key: Buffer | null): Promise<StagedText> {
  const sheet = await readXlsxSheet(bytes, name);
  checkPartnerHeader(spec, sheet.header, name);
  const table = `stage_xlsx_${++xlsxCounter}`;
  const idColumns = personIdColumns(spec).map((c) => sheet.header.indexOf(c.name)).filter((i) => i >= 0);
  const rows = sheet.rows.map((r) =>
    key === null
      ? r.values
      : r.values.map((v, i) => (idColumns.includes(i) && typeof v === 'string' ? pseudonymOf(key, v, sheet.header[i]!, { file: name, line: r.row, column: i + 1 }) : v)),
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} (${sheet.header.map((h) => `${q(h)} VARCHAR`).join(', ')})`);
  await store.append(table, rows);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { table, rows: sheet.rows.length, header: sheet.header, encoding: 'xlsx', sha256, lineOf: (r) => sheet.rows[r]?.row ?? 1 };
}

/**
 * Stages and validates one extract. On success every row passed every rule of the template; on the
 * first problem (in file order) it throws a CspError naming file, line and column, leaving nothing staged.
 */
export async function stagePartnerFile(store: Store, spec: DatasetSpec, file: string, key: Buffer | null): Promise<StagedPartnerFile> {
  const ids = personIdColumns(spec).map((c) => c.name);
  const pseudonymising = key !== null && ids.length > 0;
  let staged: StagedText;
  if (isZipFile(file)) {
    // A workbook is read whole by its library: XLSX extracts are small; CSV is the format for large ones.
    staged = await stageXlsxFile(store, spec, file, readFileSync(file), pseudonymising ? key : null);
  } else {
    const read = await stageTextCsv(
      store,
      { name: file, path: file, member: null },
      {
        limits: inputLimits(),
        checkHeader: (header) => {
          checkPartnerHeader(spec, header, file);
          return pseudonymising ? new Set(ids.map((c) => header.indexOf(c)).filter((i) => i >= 0)) : undefined;
        },
        rewrite: pseudonymising ? (v, at, header) => pseudonymOf(key, v, header[at.column - 1]!, { file, ...at }) : undefined,
      },
    );
    staged = read.staged!;
  }
  // Optional columns left out of the file are staged as empty.
  for (const c of spec.columns) {
    if (!staged.header.includes(c.name)) await store.run(`ALTER TABLE ${staged.table} ADD COLUMN ${q(c.name)} VARCHAR`);
  }
  const rules = [...spec.columns.flatMap(columnRules), ...(spec.rowRules ?? [])];
  await validateStaged(store, staged, file, rules, `file has the ${spec.name} header and no rows`);
  return { table: staged.table, rows: staged.rows, encoding: staged.encoding, sha256: staged.sha256 };
}
