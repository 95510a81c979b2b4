import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { CspError, cspError } from '../errors.ts';
import { dropStaged, firstViolation, type RowRule, stageCsv } from '../store/stage-csv.ts';
import type { Store } from '../store/store.ts';
import { type FieldPosition, normaliseCsv, type TextEncodingName } from './csv-normalise.ts';
import { checkRegularCsv, type RegularCsv, RegularCsvCheck } from './csv-regular.ts';
import { type InputLimits, maxRecordBytes } from './input-limits.ts';
import { type SourceFile, withLocalFile } from './source-file.ts';

/** A file staged as text columns, with what error messages need to point into it. */
export interface StagedText {
  table: string;
  rows: number;
  header: string[];
  encoding: TextEncodingName | 'xlsx';
  /** SHA-256 of the file's bytes (for XLSX, of the workbook). */
  sha256: string;
  /** Line (CSV) or sheet row (XLSX) on which record `r` (0-based) starts. */
  lineOf: (record: number) => number;
}

export interface StageTextOptions {
  limits: InputLimits;
  /** Checks the header (throwing naming the column) and returns the fields `rewrite` replaces. */
  checkHeader: (header: string[]) => ReadonlySet<number> | void;
  /** Replaces a chosen field before the database sees it (pseudonymisation). */
  rewrite?: (value: string, at: FieldPosition, header: readonly string[]) => string;
  /** Called with the file's SHA-256 once read: true when the same bytes are already loaded, and then nothing stays staged. */
  alreadyLoaded?: (sha256: string) => Promise<boolean>;
}

/** A staging that has finished, either way. */
type Settled = { ok: true; staged: { table: string; rows: number } } | { ok: false; error: unknown };

/**
 * Reads a CSV file (UTF-8, UTF-8 with BOM or Windows-1252; on disk or in a zip) through the one CSV
 * reader, which checks its header and every record's shape and rewrites the chosen fields, then
 * stages exactly what that reader wrote in DuckDB. The reader writes into a FIFO that DuckDB reads at
 * the same time, so parsing in JavaScript and loading in DuckDB overlap on two cores; the records
 * staged are still only the ones the reader wrote. Returns no staging when `alreadyLoaded` says the bytes are in the store.
 */
export async function stageTextCsv(store: Store, file: SourceFile, o: StageTextOptions): Promise<{ staged: StagedText | null; sha256: string; encoding: TextEncodingName }> {
  return withLocalFile(file, o.limits, async (path, tmp) => {
    const out = join(tmp, 'records.pipe');
    execFileSync('mkfifo', ['-m', '600', out]);
    let staging: Promise<Settled> | null = null;
    /** Waits for the current staging to finish and drops what it staged, when the reader's output will not be used. */
    const discard = async (): Promise<Settled | null> => {
      const done = staging ? await staging : null;
      staging = null;
      if (done?.ok) await dropStaged(store, done.staged.table);
      return done;
    };
    let read: Awaited<ReturnType<typeof normaliseCsv>>;
    try {
      read = await normaliseCsv(path, {
        name: file.name,
        out,
        header: o.checkHeader,
        rewrite: o.rewrite,
        maxRecordBytes: maxRecordBytes(o.limits),
        // A second pass (the file is Windows-1252) writes everything again: the first pass's rows go.
        openingOut: async (header) => {
          await discard();
          staging = stageCsv(store, { path: out, displayName: file.name, columns: header }).then(
            (staged): Settled => ({ ok: true, staged }),
            (error: unknown): Settled => {
              // DuckDB may have failed before opening the FIFO: open and close it, so a writer waiting to open it goes on (and fails).
              closeSync(openSync(out, constants.O_RDONLY | constants.O_NONBLOCK));
              return { ok: false, error };
            },
          );
        },
      });
    } catch (e) {
      // The reader closed the FIFO, so DuckDB has seen its end; a reader that failed writing because
      // DuckDB stopped reading reports DuckDB's error.
      const done = await discard();
      if (done && !done.ok && !(e instanceof CspError)) throw done.error;
      throw e;
    }
    const done = (await staging) as Settled | null;
    staging = null;
    if (!done) throw cspError('CSP_ERR_INTERNAL', 'the CSV reader wrote no records', { file: file.name });
    if (!done.ok) throw done.error;
    const staged = done.staged;
    if (o.alreadyLoaded && (await o.alreadyLoaded(read.sha256))) {
      await dropStaged(store, staged.table);
      return { staged: null, sha256: read.sha256, encoding: read.encoding };
    }
    if (staged.rows !== read.records) {
      await dropStaged(store, staged.table);
      throw cspError('CSP_ERR_INTERNAL', `read ${read.records} records but staged ${staged.rows}`, { file: file.name });
    }
    return { staged: { ...staged, header: read.header, encoding: read.encoding, sha256: read.sha256, lineOf: read.lineOf }, sha256: read.sha256, encoding: read.encoding };
  });
}

/** What the database's own read of a file loaded. */
export interface DirectLoad {
  rows: number;
  /** Records it could not split (they were not loaded). */
  rejected: number;
}

export interface ReadDirectOptions {
  limits: InputLimits;
  /** Checks the header: throwing sends the file the careful way (stageTextCsv), which reports the problem. */
  checkHeader: (header: string[]) => void;
  /**
   * Loads the file at `path` (header line first) through the database's own CSV reader, given its
   * header; null when it declines.
   */
  load: (path: string, header: readonly string[]) => Promise<DirectLoad | null>;
}

type DirectSettled = { ok: true; loaded: DirectLoad | null } | { ok: false; error: unknown };

/** The database's own read of a file failed and ended the transaction: the load is to be run again the careful way. */
export class DirectReadFailed extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`the database could not read ${file} directly`, { cause });
  }
}

/**
 * Reads a file whose bytes are stored as they are (nothing to pseudonymise) by letting the database
 * parse the file's own bytes, in parallel, while checkRegularCsv reads the same bytes for the few that
 * decide how any reader splits them (a zip member is checked as it is extracted, and the database
 * reads it once whole). The database's rows are accepted only when the file is regular, the database
 * rejected no record and both counted the same records; else `accepted` is false and the caller
 * removes what `load` inserted and stages the file through the one reader (stageTextCsv), which
 * accepts the file or says precisely what is wrong with it.
 */
export async function readTextCsvDirect(
  file: SourceFile,
  o: ReadDirectOptions,
): Promise<{ accepted: false } | { accepted: true; header: string[]; rows: number; encoding: TextEncodingName; sha256: string }> {
  const maxRecord = maxRecordBytes(o.limits);
  const member = file.member ? new RegularCsvCheck({ maxRecordBytes: maxRecord, onHeader: o.checkHeader }) : null;
  return withLocalFile(
    file,
    o.limits,
    async (path) => {
      let loading: Promise<DirectSettled> | null = null;
      const load = (header: readonly string[]) => {
        loading = o.load(path, header).then(
          (loaded): DirectSettled => ({ ok: true, loaded }),
          (error: unknown): DirectSettled => ({ ok: false, error }),
        );
      };
      let read: RegularCsv;
      if (member) {
        read = member.end();
        if (read.regular) load(read.header);
      } else {
        read = await checkRegularCsv(path, {
          maxRecordBytes: maxRecord,
          onHeader: (header) => {
            o.checkHeader(header);
            load(header);
          },
        }).catch(async (e: unknown) => {
          await loading;
          throw e;
        });
      }
      const done = (await loading) as DirectSettled | null;
      if (done && !done.ok) throw new DirectReadFailed(file.name, done.error);
      const loaded = done?.loaded ?? null;
      if (!read.regular || loaded === null || loaded.rejected > 0 || loaded.rows !== read.records) return { accepted: false };
      return { accepted: true, header: read.header, rows: read.records, encoding: read.encoding, sha256: read.sha256 };
    },
    member ? (chunk) => member.push(chunk) : undefined,
  );
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
