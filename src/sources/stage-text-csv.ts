import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cspError } from '../errors.ts';
import { dropStaged, firstViolation, type RowRule, stageCsv } from '../store/stage-csv.ts';
import type { Store } from '../store/store.ts';
import { lineOfRecord, splitHeader } from './csv-position.ts';
import type { SourceFile } from './source-file.ts';
import { decodeSource, type TextEncodingName } from './text-encoding.ts';

/** A file staged as text columns, with what error messages need to point into it. */
export interface StagedText {
  table: string;
  rows: number;
  header: string[];
  encoding: TextEncodingName | 'xlsx';
  /** Line (CSV) or sheet row (XLSX) on which record `r` (0-based) starts. */
  lineOf: (record: number) => number;
}

/**
 * Decodes a CSV file (UTF-8, UTF-8 with BOM or Windows-1252), checks its header with `checkHeader`
 * (which throws naming the column), and stages it in DuckDB. DuckDB reads the file in place when it is
 * UTF-8 on disk; otherwise a UTF-8 copy, removed afterwards.
 */
export async function stageTextCsv(
  store: Store,
  file: SourceFile,
  checkHeader: (header: string[]) => void,
  /** Rewrites the text before the database sees it (pseudonymisation); must keep every line break. */
  transform?: (text: string, header: string[]) => string,
): Promise<StagedText> {
  const decoded = decodeSource(file);
  const header = splitHeader(decoded.utf8.subarray(0, 64 * 1024).toString('utf8'));
  checkHeader(header);
  const utf8 = transform ? Buffer.from(transform(decoded.utf8.toString('utf8'), header), 'utf8') : decoded.utf8;
  let tmp: string | null = null;
  let path = file.path;
  if (path === null || decoded.encoding === 'windows-1252' || transform) {
    tmp = mkdtempSync(join(tmpdir(), 'csp-assess-'));
    path = join(tmp, 'input.csv');
    writeFileSync(path, utf8);
  }
  try {
    const staged = await stageCsv(store, { path, displayName: file.name, columns: header });
    // Lines are counted in the bytes, and only on the error path.
    return { ...staged, header, encoding: decoded.encoding, lineOf: (r) => lineOfRecord(utf8, r) };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Checks staged rows against the rules: on the first row (in file order) that breaks one, drops the
 * staging table and throws `FILE:LINE:COLUMN: message`. Refuses a file with no rows.
 */
export async function validateStaged(store: Store, staged: StagedText, file: string, rules: readonly RowRule[], emptyMessage: string): Promise<void> {
  try {
    if (staged.rows === 0) throw cspError('CSP_ERR_SOURCE_EMPTY', emptyMessage, { file, line: 2, column: 1 });
    const bad = await firstViolation(store, staged.table, rules);
    if (bad) {
      const column = staged.header.indexOf(bad.rule.column) + 1 || staged.header.length + 1;
      throw cspError('CSP_ERR_SOURCE_VALUE', bad.rule.message(bad.value), { file, line: staged.lineOf(bad.record), column });
    }
  } catch (e) {
    await dropStaged(store, staged.table);
    throw e;
  }
}
