import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cspError } from '../../errors.ts';
import { dropStaged, firstViolation, stageCsv } from '../../store/stage-csv.ts';
import type { Store } from '../../store/store.ts';
import { lineOfRecord, splitHeader } from '../csv-position.ts';
import type { SourceFile } from '../source-file.ts';
import { decodeSource, type TextEncodingName } from '../text-encoding.ts';
import { mappedColumns, type IncidentMapping } from './mapping.ts';
import { incidentRowRules } from './rules.ts';

export interface StagedIncidentFile {
  file: SourceFile;
  encoding: TextEncodingName;
  /** Temporary table of the file's columns as text, rowid = record index. */
  table: string;
  rows: number;
}

/** The header as the file has it, checked to hold every mapped column once. */
function checkHeader(header: readonly string[], m: IncidentMapping, file: string): void {
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') throw cspError('CSP_ERR_SOURCE_HEADER', `column ${i + 1} has no name`, { file, line: 1, column: i + 1 });
    if (seen.has(h)) throw cspError('CSP_ERR_SOURCE_HEADER', `column "${h}" appears twice`, { file, line: 1, column: i + 1 });
    seen.add(h);
  });
  for (const c of mappedColumns(m)) {
    if (!seen.has(c)) {
      throw cspError('CSP_ERR_SOURCE_HEADER', `missing column "${c}" named by the column mapping (the header has ${header.join(', ')})`, {
        file,
        line: 1,
        column: 1,
      });
    }
  }
}

/**
 * Parses and validates one incident extract into a staging table under its column mapping. Throws a
 * `CspError` naming file, line and column on the first problem; on success every row is valid and
 * none was dropped.
 */
export async function stageIncidentFile(store: Store, file: SourceFile, m: IncidentMapping, categories: readonly string[]): Promise<StagedIncidentFile> {
  const decoded = decodeSource(file);
  const header = splitHeader(decoded.utf8.subarray(0, 64 * 1024).toString('utf8'));
  checkHeader(header, m, file.name);

  // DuckDB reads the file in place when it is already UTF-8 on disk; otherwise from a UTF-8 copy.
  let tmp: string | null = null;
  let path = file.path;
  if (path === null || decoded.encoding !== 'utf-8') {
    tmp = mkdtempSync(join(tmpdir(), 'csp-assess-'));
    path = join(tmp, 'input.csv');
    writeFileSync(path, decoded.utf8);
  }
  try {
    const staged = await stageCsv(store, { path, displayName: file.name, columns: header });
    if (staged.rows === 0) {
      await dropStaged(store, staged.table);
      throw cspError('CSP_ERR_SOURCE_EMPTY', 'file has a header and no rows', { file: file.name, line: 2, column: 1 });
    }
    const bad = await firstViolation(store, staged.table, incidentRowRules(m, categories));
    if (bad) {
      await dropStaged(store, staged.table);
      throw cspError('CSP_ERR_SOURCE_VALUE', bad.rule.message(bad.value), {
        file: file.name,
        line: lineOfRecord(decoded.utf8.toString('utf8'), bad.record),
        column: header.indexOf(bad.rule.column) + 1,
      });
    }
    return { file, encoding: decoded.encoding, table: staged.table, rows: staged.rows };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
