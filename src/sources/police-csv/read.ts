import { basename } from 'node:path';
import type { Store } from '../../store/store.ts';
import type { TextEncodingName } from '../csv-normalise.ts';
import type { InputLimits } from '../input-limits.ts';
import type { SourceFile } from '../source-file.ts';
import { stageTextCsv, validateStaged } from '../stage-text-csv.ts';
import { recognisePoliceHeader } from './header.ts';
import type { PoliceKind } from './kinds.ts';
import { policeRowRules } from './rules.ts';

export interface StagedPoliceFile {
  file: SourceFile;
  kind: PoliceKind;
  encoding: TextEncodingName;
  sha256: string;
  /** YYYY-MM of every row (street and outcomes; for stop and search, of the file name). */
  month: string | null;
  /** Temporary table of text columns, rowid = record index. */
  table: string;
  rows: number;
}

/** The YYYY-MM a data.police.uk file name starts with, or null. */
export function monthFromFileName(name: string): string | null {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))-/.exec(basename(name.split('!').pop()!));
  return m ? m[1]! : null;
}

/**
 * Parses and validates one data.police.uk file into a staging table. Throws a `CspError` naming
 * file, line and column on the first problem; on success every row is valid and none was dropped.
 * Every row's month must be the file's month: the one its name gives, else its first row's. Returns
 * the file's hash and no table when `alreadyLoaded` says the same bytes are in the store.
 */
export async function stagePoliceFile(
  store: Store,
  file: SourceFile,
  categories: readonly string[],
  limits: InputLimits,
  alreadyLoaded: (sha256: string) => Promise<boolean>,
): Promise<StagedPoliceFile | { sha256: string; skipped: true }> {
  let kind = 'street' as PoliceKind;
  const read = await stageTextCsv(store, file, {
    limits,
    checkHeader: (header) => {
      kind = recognisePoliceHeader(header, file.name);
    },
    alreadyLoaded,
  });
  const staged = read.staged;
  if (!staged) return { sha256: read.sha256, skipped: true };
  let month = monthFromFileName(file.name);
  if (kind !== 'stop-and-search' && month === null && staged.rows > 0) {
    month = (await store.one<{ m: string | null }>(`SELECT "Month" AS m FROM ${staged.table} ORDER BY rowid LIMIT 1`))?.m ?? null;
  }
  await validateStaged(store, staged, file.name, policeRowRules(kind, categories, month), `file has a ${kind} header and no rows`);
  return { file, kind, encoding: read.encoding, sha256: read.sha256, month, table: staged.table, rows: staged.rows };
}
