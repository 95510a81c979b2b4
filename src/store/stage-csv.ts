import { cspError } from '../errors.ts';
import { quotedIdentifier, quotedString } from './sql.ts';
import type { SqlParams, Store } from './store.ts';

let stageCounter = 0;

/** DuckDB's reject error types, said in the words of someone fixing the file. */
function describeReject(type: string, message: string, expectedColumns: number): string {
  switch (type) {
    case 'UNQUOTED VALUE':
      return 'unterminated quote: a field opens with " and never closes';
    case 'MISSING COLUMNS':
      return `row has too few fields (${message.replace(/.*Found: /, '')}, expected ${expectedColumns})`;
    case 'TOO MANY COLUMNS':
      return `row has too many fields (${message.replace(/.*Found: /, '')}, expected ${expectedColumns})`;
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return 'invalid text encoding';
    default:
      return message.toLowerCase();
  }
}

/**
 * Reads the records the CSV reader wrote (UTF-8, `\n` line ends, no header; see
 * src/sources/csv-normalise.ts) into a temporary table of text columns, in file order (rowid order is
 * record order). The dialect is fixed, never sniffed. The reader has already checked the shape of
 * every record, so a reject here is a backstop, still reported as FILE:LINE:COLUMN.
 */
export async function stageCsv(
  store: Store,
  options: { path: string; displayName: string; columns: readonly string[] },
): Promise<{ table: string; rows: number }> {
  const n = ++stageCounter;
  const table = `stage_${n}`;
  const rejects = `stage_${n}_rejects`;
  const rejectScans = `stage_${n}_scans`;
  const columns = `{${options.columns.map((c, i) => `${quotedString(`c${i}`)}: 'VARCHAR'`).join(', ')}}`;
  const names = options.columns.map((c, i) => `c${i} AS ${quotedIdentifier(c)}`).join(', ');
  try {
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${names} FROM read_csv(${quotedString(options.path)},
        header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', strict_mode = true,
        store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejectScans}',
        columns = ${columns})`,
    );
  } catch (e) {
    // The failed statement aborted the transaction; rolling it back drops the temporary tables.
    throw cspError('CSP_ERR_SOURCE_CSV', `cannot be read as CSV: ${firstLine((e as Error).message)}`, { file: options.displayName }, e);
  }
  try {
    const reject = await store.one<{ line: number; column_idx: number; error_type: string; error_message: string }>(
      `SELECT line, column_idx, error_type, error_message FROM ${rejects} ORDER BY line LIMIT 1`,
    );
    if (reject) {
      await dropStaged(store, table);
      throw cspError('CSP_ERR_SOURCE_CSV', describeReject(reject.error_type, reject.error_message, options.columns.length), {
        file: options.displayName,
        // Rejects count lines of the header-less copy: record r is line r + 1 there.
        line: reject.line + 1,
        column: Math.max(1, reject.column_idx),
      });
    }
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejectScans}`);
  }
  const count = await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${quotedIdentifier(table)}`);
  return { table, rows: count?.n ?? 0 };
}

/**
 * Runs the INSERT that `insert` makes of a relation over DuckDB's own (parallel) read of a CSV file
 * with a header line, in the dialect of the one CSV reader, with the given columns as text. A record
 * DuckDB cannot split is not loaded and counted as rejected, so a malformed file does not end the
 * transaction: the caller compares the rows against the one reader's count and reads the file through
 * it when they differ. Returns the rows inserted and the records rejected.
 */
export async function insertFromCsvFile(
  store: Store,
  options: { path: string; columns: readonly string[]; insert: (relation: string) => { sql: string; params?: SqlParams } },
): Promise<{ rows: number; rejected: number }> {
  const n = ++stageCounter;
  const rejects = `direct_${n}_rejects`;
  const rejectScans = `direct_${n}_scans`;
  const columns = `{${options.columns.map((c, i) => `${quotedString(`c${i}`)}: 'VARCHAR'`).join(', ')}}`;
  const names = options.columns.map((c, i) => `c${i} AS ${quotedIdentifier(c)}`).join(', ');
  const relation = `(SELECT ${names} FROM read_csv(${quotedString(options.path)},
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
    store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejectScans}', columns = ${columns}))`;
  try {
    const insert = options.insert(relation);
    const inserted = await store.one<{ Count: number }>(insert.sql, insert.params);
    const rejected = await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${rejects}`);
    return { rows: inserted?.Count ?? 0, rejected: rejected?.n ?? 0 };
  } finally {
    if (!store.aborted) await store.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejectScans}`);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * Drops a staging table. After a failed statement the transaction is aborted and refuses every
 * statement; its rollback drops the table, and the failure that caused it is the one to report.
 */
export async function dropStaged(store: Store, table: string): Promise<void> {
  if (store.aborted) return;
  await store.run(`DROP TABLE IF EXISTS ${quotedIdentifier(table)}`);
}

/** A check on staged rows: an SQL condition true for a bad row, and how to say what is wrong. */
export interface RowRule {
  /** The column the error points at. */
  column: string;
  /** SQL boolean expression over the staged columns, true where the row breaks the rule. */
  violated: string;
  message: (value: string | null) => string;
}

/** SQL true for a row that breaks any of the rules. */
export function anyRuleViolated(rules: readonly RowRule[]): string {
  return rules.length === 0 ? 'false' : rules.map((r) => `(${r.violated})`).join(' OR ');
}

/** Finds the first staged row that breaks any rule, in file order: its record index, rule and value. */
export async function firstViolation(
  store: Store,
  table: string,
  rules: readonly RowRule[],
): Promise<{ record: number; rule: RowRule; value: string | null } | null> {
  if (rules.length === 0) return null;
  const which = rules.map((r, i) => `WHEN ${r.violated} THEN ${i}`).join(' ');
  // Inside a transaction DuckDB numbers a new table's rows from a large base, so the record index is
  // the offset from the first rowid.
  const base = `(SELECT min(rowid) FROM ${table})`;
  const hit = await store.one<{ record: number; rule: number }>(
    `SELECT CAST(rowid - ${base} AS INTEGER) AS record, CASE ${which} END AS rule FROM ${table} WHERE ${anyRuleViolated(rules)} ORDER BY rowid LIMIT 1`,
  );
  if (!hit) return null;
  const rule = rules[hit.rule]!;
  const value = await store.one<{ v: string | null }>(`SELECT ${quotedIdentifier(rule.column)} AS v FROM ${table} WHERE rowid - ${base} = $1`, [
    hit.record,
  ]);
  return { record: hit.record, rule, value: value?.v ?? null };
}
