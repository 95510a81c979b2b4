import { basename } from 'node:path';
import { cspError } from '../../errors.ts';
import { currentLoadOf, nextLoadId, recordLoad } from '../../store/load-log.ts';
import { anyRuleViolated, dropStaged, insertFromCsvFile } from '../../store/stage-csv.ts';
import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { inputLimits, type InputLimits } from '../input-limits.ts';
import { expandSources, type SkippedSource, type SourceFile } from '../source-file.ts';
import { DirectReadFailed, readTextCsvDirect } from '../stage-text-csv.ts';
import { recognisePoliceHeader } from './header.ts';
import { legacyCategoryMapping, policeCategories, type PoliceKind } from './kinds.ts';
import { monthFromFileName, stagePoliceFile, type StagedPoliceFile } from './read.ts';
import { policeRowRules } from './rules.ts';

export interface IngestPoliceOptions {
  /** Extra label -> category mappings from the area configuration. */
  crimeTypeMapping?: Readonly<Record<string, string>>;
  /** Marks the load as synthetic demonstration data. */
  synthetic?: boolean;
  /** Called after each file is staged, for progress display. */
  onFile?: (done: number, total: number, name: string) => void;
  /** Memory and zip bounds (default: `inputLimits()`). */
  limits?: InputLimits;
}

export interface IngestSummaryRow {
  kind: string;
  force: string;
  month: string;
  rows: number;
  /** Rows with neither coordinates nor an LSOA code: counted, never dropped. */
  withoutLocation: number;
}

export interface IngestPoliceResult {
  /** `unchanged`: the same bytes are already loaded and still current, so the file was skipped. */
  files: { name: string; kind: string; rows: number; encoding: string; unchanged: boolean }[];
  /** Files found in folders and archives and not read, with why. */
  skipped: SkippedSource[];
  rows: number;
  byMonth: IngestSummaryRow[];
}

function categoryMapping(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const mapping: Record<string, string> = { ...legacyCategoryMapping, ...extra };
  for (const c of policeCategories) mapping[c] ??= c;
  return mapping;
}

function categorySql(mapping: Record<string, string>): string {
  const whens = Object.entries(mapping)
    .map(([from, to]) => `WHEN ${quotedString(from)} THEN ${quotedString(to)}`)
    .join(' ');
  return `CASE ${q('Crime type')} ${whens} END`;
}

const coord = (c: string) => `TRY_CAST(${q(c)} AS DOUBLE)`;
/** The month column as a date: a constant, as every row of a file holds the file's month. */
const monthDate = (s: { month: string | null }) => (s.month ? `DATE '${s.month}-01'` : `CAST(strptime(${q('Month')}, '%Y-%m') AS DATE)`);

function forceFromFileName(file: SourceFile): string | null {
  const m = /^\d{4}-\d{2}-(.+?)-stop-and-search/.exec(basename(file.name.split('!').pop()!));
  return m ? m[1]! : null;
}

/** data.police.uk names, as archives hold them: YYYY-MM-<force>-<kind>.csv. */
const POLICE_FILE_NAME = /^\d{4}-\d{2}-.+-(street|outcomes|stop-and-search)\.csv$/i;

function memberFilter(name: string): string | null {
  return POLICE_FILE_NAME.test(name) ? null : 'not a data.police.uk file name (YYYY-MM-<force>-street, -outcomes or -stop-and-search .csv)';
}

/** The table each kind loads into. */
const tableOf = (kind: string) => (kind === 'street' ? 'incidents' : kind === 'outcomes' ? 'outcomes' : 'stop_search');

/** A stop-and-search file's force and month, from its name (the file itself does not say). */
function stopSearchFileOf(file: SourceFile): { force: string; month: string } {
  const force = forceFromFileName(file);
  const month = monthFromFileName(file.name);
  if (!force || !month) {
    throw cspError(
      'CSP_ERR_SOURCE_HEADER',
      'a stop-and-search file does not name its force: keep the data.police.uk name YYYY-MM-<force>-stop-and-search.csv',
      { file: file.name },
    );
  }
  return { force, month };
}

/**
 * The INSERT of a police file's rows, from `from` (a relation of the file's text columns, in file
 * order) into its kind's table; `loadId` is the SQL of each row's load id. DuckDB keeps insertion
 * order, so no ORDER BY is needed. Stop and search takes its force (parameter $1) from the file name.
 */
function insertSql(s: { kind: PoliceKind; month: string | null; file: SourceFile }, from: string, mapping: Record<string, string>, loadId: string): { sql: string; params: string[] } {
  if (s.kind === 'street') {
    return {
      sql: `INSERT INTO incidents SELECT 'police', ${q('Reported by')}, ${q('Falls within')}, ${monthDate(s)}, NULL, ${q('Crime ID')},
        ${categorySql(mapping)}, ${q('Crime type')}, ${coord('Longitude')}, ${coord('Latitude')}, ${q('Location')},
        ${q('LSOA code')}, ${q('LSOA name')}, NULL, ${q('Last outcome category')}, ${q('Context')}, ${loadId}
       FROM ${from}`,
      params: [],
    };
  }
  if (s.kind === 'outcomes') {
    return {
      sql: `INSERT INTO outcomes SELECT ${q('Reported by')}, ${q('Falls within')}, ${monthDate(s)}, ${q('Crime ID')}, ${coord('Longitude')},
        ${coord('Latitude')}, ${q('Location')}, ${q('LSOA code')}, ${q('LSOA name')}, ${q('Outcome type')}, ${loadId} FROM ${from}`,
      params: [],
    };
  }
  const { force, month } = stopSearchFileOf(s.file);
  const bool = (c: string) => `CASE lower(${q(c)}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
  return {
    sql: `INSERT INTO stop_search SELECT $1, DATE '${month}-01', ${q('Type')}, CAST(${q('Date')} AS TIMESTAMPTZ), ${bool('Part of a policing operation')},
        ${q('Policing operation')}, ${coord('Latitude')}, ${coord('Longitude')}, ${q('Gender')}, ${q('Age range')},
        ${q('Self-defined ethnicity')}, ${q('Officer-defined ethnicity')}, ${q('Legislation')}, ${q('Object of search')},
        ${q('Outcome')}, ${bool('Outcome linked to object of search')}, ${bool('Removal of more than just outer clothing')}, ${loadId}
       FROM ${from}`,
    params: [force],
  };
}

/**
 * Replaces what the store holds for each force and month in the staged file, then inserts it. A scan
 * of the staged table keeps file order (DuckDB preserves insertion order), so no ORDER BY is needed.
 */
async function loadStaged(store: Store, s: StagedPoliceFile, mapping: Record<string, string>, synthetic: boolean): Promise<void> {
  const loadId = await nextLoadId(store);
  const t = s.table;
  if (s.kind === 'stop-and-search') {
    const { force, month } = stopSearchFileOf(s.file);
    await store.run(`DELETE FROM stop_search WHERE force = $1 AND month = DATE '${month}-01'`, [force]);
  } else {
    const police = s.kind === 'street' ? `source = 'police' AND ` : '';
    await store.run(`DELETE FROM ${tableOf(s.kind)} WHERE ${police}(force, month) IN (SELECT DISTINCT ${q('Reported by')}, ${monthDate(s)} FROM ${t})`);
  }
  const insert = insertSql(s, t, mapping, String(loadId));
  await store.run(insert.sql, insert.params);
  await recordLoad(store, { loadId, source: 'police', kind: s.kind, file: s.file.name, sha256: s.sha256, rows: s.rows, encoding: s.encoding, synthetic });
}

async function summarise(store: Store, s: StagedPoliceFile): Promise<IngestSummaryRow[]> {
  if (s.kind === 'stop-and-search') {
    const r = await store.one<{ n: number; nl: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${q('Latitude')} IS NULL) AS nl FROM ${s.table}`,
    );
    return [{ kind: s.kind, force: forceFromFileName(s.file) ?? '', month: monthFromFileName(s.file.name) ?? '', rows: r!.n, withoutLocation: r!.nl }];
  }
  const rows = await store.all<{ force: string; month: string; n: number; nl: number }>(
    `SELECT ${q('Reported by')} AS force, ${q('Month')} AS month, count(*) AS n,
       count(*) FILTER (WHERE ${q('Longitude')} IS NULL AND ${q('LSOA code')} IS NULL) AS nl
     FROM ${s.table} GROUP BY ALL ORDER BY month, force`,
  );
  return rows.map((r) => ({ kind: s.kind, force: r.force, month: r.month, rows: r.n, withoutLocation: r.nl }));
}

/** The (kind, force, month) pairs a staged file holds. */
async function pairsOf(store: Store, s: StagedPoliceFile): Promise<string[]> {
  if (s.kind === 'stop-and-search') return [`${s.kind} ${forceFromFileName(s.file)} ${monthFromFileName(s.file.name)}`];
  const rows = await store.all<{ p: string }>(`SELECT DISTINCT '${s.kind} ' || ${q('Reported by')} || ' ' || ${q('Month')} AS p FROM ${s.table}`);
  return rows.map((r) => r.p);
}

/** The (kind, force, month) pairs an earlier, still current, load of a file put in the store. */
async function pairsOfLoad(store: Store, loadId: number, kind: string): Promise<string[]> {
  const table = tableOf(kind);
  const rows = await store.all<{ p: string }>(
    `SELECT DISTINCT '${kind} ' || force || ' ' || strftime(month, '%Y-%m') AS p FROM ${table} WHERE load_id = $1`,
    [loadId],
  );
  return rows.map((r) => r.p);
}

/** What loading one file adds to the result. */
interface FileLoaded {
  file: IngestPoliceResult['files'][number];
  byMonth: IngestSummaryRow[];
}

/** What every file of one load shares. */
interface LoadContext {
  limits: InputLimits;
  mapping: Record<string, string>;
  /** Crime types accepted: current and mapped. */
  accepted: string[];
  synthetic: boolean;
  /** Refuses a (kind, force, month) pair that another file of this load already holds. */
  claim: (pairs: readonly string[], name: string) => void;
}

/** Stages the file through the one CSV reader, checks the staged rows (naming the first bad one), and loads them. */
async function loadCareful(store: Store, file: SourceFile, ctx: LoadContext): Promise<FileLoaded> {
  let earlier: Awaited<ReturnType<typeof currentLoadOf>>;
  const staged = await stagePoliceFile(store, file, ctx.accepted, ctx.limits, async (sha) => {
    earlier = await currentLoadOf(store, sha, 'police');
    return earlier !== undefined;
  });
  if ('skipped' in staged) {
    const e = earlier!;
    ctx.claim(await pairsOfLoad(store, e.loadId, e.kind), file.name);
    return { file: { name: file.name, kind: e.kind, rows: e.rows, encoding: e.encoding, unchanged: true }, byMonth: [] };
  }
  try {
    ctx.claim(await pairsOf(store, staged), file.name);
    const byMonth = await summarise(store, staged);
    await loadStaged(store, staged, ctx.mapping, ctx.synthetic);
    return { file: { name: file.name, kind: staged.kind, rows: staged.rows, encoding: staged.encoding, unchanged: false }, byMonth };
  } finally {
    await dropStaged(store, staged.table);
  }
}

/** Rows, and rows without any location, of one load by force and month. */
async function summariseLoad(store: Store, kind: PoliceKind, loadId: number): Promise<IngestSummaryRow[]> {
  const noLocation = kind === 'stop-and-search' ? 'lat IS NULL' : 'lon IS NULL AND lsoa_code IS NULL';
  const rows = await store.all<{ force: string; month: string; n: number; nl: number }>(
    `SELECT force, strftime(month, '%Y-%m') AS month, count(*) AS n, count(*) FILTER (WHERE ${noLocation}) AS nl
     FROM ${tableOf(kind)} WHERE load_id = $1 GROUP BY ALL ORDER BY month, force`,
    [loadId],
  );
  return rows.map((r) => ({ kind, force: r.force, month: r.month, rows: r.n, withoutLocation: r.nl }));
}

/**
 * Loads a file by DuckDB's own parallel read of its bytes while the one CSV reader checks them (see
 * readTextCsvDirect); the row rules are evaluated as the rows go in, and a row that breaks one goes in
 * under the negated load id. Returns null, having removed what it inserted, when the file is to be
 * read the careful way: its name gives no month, the reader and DuckDB do not agree on its records,
 * it has no rows, or a row breaks a rule (the careful way then names the first such row's line).
 */
async function loadDirect(store: Store, file: SourceFile, ctx: LoadContext): Promise<FileLoaded | null> {
  const month = monthFromFileName(file.name);
  if (month === null) return null;
  const loadId = await nextLoadId(store);
  let kind: PoliceKind = 'street';
  const read = await readTextCsvDirect(file, {
    limits: ctx.limits,
    checkHeader: (header) => {
      kind = recognisePoliceHeader(header, file.name);
    },
    load: async (path, header) => {
      if (kind === 'stop-and-search' && forceFromFileName(file) === null) return null;
      const flagged = `CASE WHEN ${anyRuleViolated(policeRowRules(kind, ctx.accepted, month))} THEN ${-loadId} ELSE ${loadId} END`;
      return insertFromCsvFile(store, { path, columns: header, insert: (relation) => insertSql({ kind, month, file }, relation, ctx.mapping, flagged) });
    },
  });
  const table = tableOf(kind);
  const broken = async () => (await store.one(`SELECT 1 AS broken FROM ${table} WHERE load_id = $1 LIMIT 1`, [-loadId])) !== undefined;
  if (!read.accepted || read.rows === 0 || (await broken())) {
    await store.run(`DELETE FROM ${table} WHERE load_id IN ($1, $2)`, [loadId, -loadId]);
    return null;
  }
  const earlier = await currentLoadOf(store, read.sha256, 'police');
  if (earlier) {
    await store.run(`DELETE FROM ${table} WHERE load_id = $1`, [loadId]);
    ctx.claim(await pairsOfLoad(store, earlier.loadId, earlier.kind), file.name);
    return { file: { name: file.name, kind: earlier.kind, rows: earlier.rows, encoding: earlier.encoding, unchanged: true }, byMonth: [] };
  }
  const byMonth = await summariseLoad(store, kind, loadId);
  ctx.claim(byMonth.map((m) => `${kind} ${m.force} ${m.month}`), file.name);
  // The file replaces what earlier loads put in the store for its forces and months.
  const police = kind === 'street' ? `source = 'police' AND ` : '';
  await store.run(
    `DELETE FROM ${table} WHERE ${police}load_id <> $1 AND (force, month) IN (SELECT DISTINCT force, month FROM ${table} WHERE load_id = $1)`,
    [loadId],
  );
  await recordLoad(store, { loadId, source: 'police', kind, file: file.name, sha256: read.sha256, rows: read.rows, encoding: read.encoding, synthetic: ctx.synthetic });
  return { file: { name: file.name, kind, rows: read.rows, encoding: read.encoding, unchanged: false }, byMonth };
}

/**
 * Loads data.police.uk street, outcomes and stop-and-search files (files, folders or the monthly
 * archive zips) as one transaction: every file lands, or none does and the store is as it was. A
 * file holds one month (its rows agree with its name), and replaces what was loaded before for its
 * force and month, so a second load of the same file changes nothing; two files for the same kind,
 * force and month in one load are refused, naming both.
 *
 * Each file is first read directly (loadDirect) and else the careful way. When DuckDB's direct read
 * of a file fails outright (a mix of line ends it does not take, say), the transaction has ended: the
 * whole load runs again, the careful way only.
 */
export async function ingestPolice(store: Store, paths: readonly string[], options: IngestPoliceOptions = {}): Promise<IngestPoliceResult> {
  const limits = options.limits ?? inputLimits();
  const { files, skipped } = await expandSources(paths, limits, memberFilter);
  const mapping = categoryMapping(options.crimeTypeMapping);
  const load = async (direct: boolean): Promise<IngestPoliceResult> => {
    const result: IngestPoliceResult = { files: [], skipped, rows: 0, byMonth: [] };
    const claimed = new Map<string, string>();
    const ctx: LoadContext = {
      limits,
      mapping,
      accepted: Object.keys(mapping),
      synthetic: options.synthetic ?? false,
      claim: (pairs, name) => {
        for (const p of pairs) {
          const other = claimed.get(p);
          if (other !== undefined) {
            throw cspError('CSP_ERR_SOURCE_CONFLICT', `holds the same ${p.replace(/ (\d{4}-\d{2})$/, ', $1')} as ${other}: load one file per kind, force and month`, {
              file: name,
            });
          }
          claimed.set(p, name);
        }
      },
    };
    await store.transaction(async () => {
      for (const [i, file] of files.entries()) {
        const loaded = (direct ? await loadDirect(store, file, ctx) : null) ?? (await loadCareful(store, file, ctx));
        result.files.push(loaded.file);
        result.byMonth.push(...loaded.byMonth);
        if (!loaded.file.unchanged) result.rows += loaded.file.rows;
        options.onFile?.(i + 1, files.length, file.name);
      }
    });
    return result;
  };
  try {
    return await load(true);
  } catch (e) {
    if (!(e instanceof DirectReadFailed)) throw e;
    return load(false);
  }
}
