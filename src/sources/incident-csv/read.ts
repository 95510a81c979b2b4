import { cspError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { TextEncodingName } from '../csv-normalise.ts';
import type { InputLimits } from '../input-limits.ts';
import type { SourceFile } from '../source-file.ts';
import { stageTextCsv, validateStaged } from '../stage-text-csv.ts';
import { mappedColumns, type IncidentMapping } from './mapping.ts';
import { incidentRowRules } from './rules.ts';

export interface StagedIncidentFile {
  file: SourceFile;
  encoding: TextEncodingName;
  sha256: string;
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
 * none was dropped. Returns no table when `alreadyLoaded` says the same bytes are in the store.
 */
export async function stageIncidentFile(
  store: Store,
  file: SourceFile,
  m: IncidentMapping,
  categories: readonly string[],
  limits: InputLimits,
  alreadyLoaded: (sha256: string) => Promise<boolean>,
): Promise<StagedIncidentFile | { sha256: string; skipped: true }> {
  const read = await stageTextCsv(store, file, { limits, checkHeader: (header) => checkHeader(header, m, file.name), alreadyLoaded });
  const staged = read.staged;
  if (!staged) return { sha256: read.sha256, skipped: true };
  await validateStaged(store, staged, file.name, incidentRowRules(m, categories), 'file has a header and no rows');
  return { file, encoding: read.encoding, sha256: read.sha256, table: staged.table, rows: staged.rows };
}
