import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cspError } from '../../errors.ts';
import { dropStaged, firstViolation, stageCsv } from '../../store/stage-csv.ts';
import type { Store } from '../../store/store.ts';
import { lineOfRecord, splitHeader } from '../csv-position.ts';
import type { SourceFile } from '../source-file.ts';
import { decodeSource, type TextEncodingName } from '../text-encoding.ts';
import { recognisePoliceHeader } from './header.ts';
import { policeKinds, type PoliceKind } from './kinds.ts';
import { policeRowRules } from './rules.ts';

export interface StagedPoliceFile {
  file: SourceFile;
  kind: PoliceKind;
  encoding: TextEncodingName;
  /** Temporary table of text columns, rowid = record index. */
  table: string;
  rows: number;
}

/**
 * Parses and validates one data.police.uk file into a staging table. Throws a `CspError` naming
 * file, line and column on the first problem; on success every row is valid and none was dropped.
 */
export async function stagePoliceFile(store: Store, file: SourceFile, categories: readonly string[]): Promise<StagedPoliceFile> {
  const decoded = decodeSource(file);
  const head = decoded.utf8.subarray(0, 64 * 1024).toString('utf8');
  const kind = recognisePoliceHeader(splitHeader(head), file.name);
  const columns = policeKinds[kind];

  // DuckDB reads the file in place when it is already UTF-8 on disk; otherwise from a UTF-8 copy.
  let tmp: string | null = null;
  let path = file.path;
  if (path === null || decoded.encoding === 'windows-1252') {
    tmp = mkdtempSync(join(tmpdir(), 'csp-assess-'));
    path = join(tmp, 'input.csv');
    writeFileSync(path, decoded.utf8);
  }
  try {
    const staged = await stageCsv(store, { path, displayName: file.name, columns });
    if (staged.rows === 0) {
      await dropStaged(store, staged.table);
      throw cspError('CSP_ERR_SOURCE_EMPTY', `file has a ${kind} header and no rows`, { file: file.name, line: 2, column: 1 });
    }
    const bad = await firstViolation(store, staged.table, policeRowRules(kind, categories));
    if (bad) {
      await dropStaged(store, staged.table);
      throw cspError('CSP_ERR_SOURCE_VALUE', bad.rule.message(bad.value), {
        file: file.name,
        line: lineOfRecord(decoded.utf8.toString('utf8'), bad.record),
        column: (columns as readonly string[]).indexOf(bad.rule.column) + 1,
      });
    }
    return { file, kind, encoding: decoded.encoding, table: staged.table, rows: staged.rows };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
