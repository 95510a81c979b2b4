import type { Store } from '../../store/store.ts';
import type { SourceFile } from '../source-file.ts';
import { stageTextCsv, validateStaged } from '../stage-text-csv.ts';
import type { TextEncodingName } from '../text-encoding.ts';
import { recognisePoliceHeader } from './header.ts';
import type { PoliceKind } from './kinds.ts';
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
  let kind: PoliceKind = 'street';
  const staged = await stageTextCsv(store, file, (header) => {
    kind = recognisePoliceHeader(header, file.name);
  });
  await validateStaged(store, staged, file.name, policeRowRules(kind, categories), `file has a ${kind} header and no rows`);
  return { file, kind, encoding: staged.encoding as TextEncodingName, table: staged.table, rows: staged.rows };
}
