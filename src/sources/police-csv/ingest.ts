import { basename } from 'node:path';
import { cspError } from '../../errors.ts';
import { currentLoadOf, nextLoadId, recordLoad } from '../../store/load-log.ts';
import { dropStaged } from '../../store/stage-csv.ts';
import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { inputLimits, type InputLimits } from '../input-limits.ts';
import { expandSources, type SkippedSource, type SourceFile } from '../source-file.ts';
import { legacyCategoryMapping, policeCategories } from './kinds.ts';
import { monthFromFileName, stagePoliceFile, type StagedPoliceFile } from './read.ts';

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
const monthDate = (s: StagedPoliceFile) => (s.month ? `DATE '${s.month}-01'` : `CAST(strptime(${q('Month')}, '%Y-%m') AS DATE)`);

function forceFromFileName(file: SourceFile): string | null {
  const m = /^\d{4}-\d{2}-(.+?)-stop-and-search/.exec(basename(file.name.split('!').pop()!));
  return m ? m[1]! : null;
}

/** data.police.uk names, as archives hold them: YYYY-MM-<force>-<kind>.csv. */
const POLICE_FILE_NAME = /^\d{4}-\d{2}-.+-(street|outcomes|stop-and-search)\.csv$/i;

function memberFilter(name: string): string | null {
  return POLICE_FILE_NAME.test(name) ? null : 'not a data.police.uk file name (YYYY-MM-<force>-street, -outcomes or -stop-and-search .csv)';
}

/**
 * Replaces what the store holds for each force and month in the staged file, then inserts it. A scan
 * of the staged table keeps file order (DuckDB preserves insertion order), so no ORDER BY is needed.
 */
async function loadStaged(store: Store, s: StagedPoliceFile, mapping: Record<string, string>, synthetic: boolean): Promise<void> {
  const sha = s.sha256;
  const loadId = await nextLoadId(store);
  const t = s.table;
  if (s.kind === 'street') {
    await store.run(
      `DELETE FROM incidents WHERE source = 'police' AND (force, month) IN (SELECT DISTINCT ${q('Reported by')}, ${monthDate(s)} FROM ${t})`,
    );
    await store.run(
      `INSERT INTO incidents SELECT 'police', ${q('Reported by')}, ${q('Falls within')}, ${monthDate(s)}, NULL, ${q('Crime ID')},
        ${categorySql(mapping)}, ${q('Crime type')}, ${coord('Longitude')}, ${coord('Latitude')}, ${q('Location')},
        ${q('LSOA code')}, ${q('LSOA name')}, NULL, ${q('Last outcome category')}, ${q('Context')}, ${loadId}
       FROM ${t}`,
    );
  } else if (s.kind === 'outcomes') {
    await store.run(`DELETE FROM outcomes WHERE (force, month) IN (SELECT DISTINCT ${q('Reported by')}, ${monthDate(s)} FROM ${t})`);
    await store.run(
      `INSERT INTO outcomes SELECT ${q('Reported by')}, ${q('Falls within')}, ${monthDate(s)}, ${q('Crime ID')}, ${coord('Longitude')},
        ${coord('Latitude')}, ${q('Location')}, ${q('LSOA code')}, ${q('LSOA name')}, ${q('Outcome type')}, ${loadId} FROM ${t}`,
    );
  } else {
    const force = forceFromFileName(s.file);
    const month = monthFromFileName(s.file.name);
    if (!force || !month) {
      throw cspError(
        'CSP_ERR_SOURCE_HEADER',
        'a stop-and-search file does not name its force: keep the data.police.uk name YYYY-MM-<force>-stop-and-search.csv',
        { file: s.file.name },
      );
    }
    const monthSql = `DATE '${month}-01'`;
    await store.run(`DELETE FROM stop_search WHERE force = $1 AND month = ${monthSql}`, [force]);
    const bool = (c: string) => `CASE lower(${q(c)}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
    await store.run(
      `INSERT INTO stop_search SELECT $1, ${monthSql}, ${q('Type')}, CAST(${q('Date')} AS TIMESTAMPTZ), ${bool('Part of a policing operation')},
        ${q('Policing operation')}, ${coord('Latitude')}, ${coord('Longitude')}, ${q('Gender')}, ${q('Age range')},
        ${q('Self-defined ethnicity')}, ${q('Officer-defined ethnicity')}, ${q('Legislation')}, ${q('Object of search')},
        ${q('Outcome')}, ${bool('Outcome linked to object of search')}, ${bool('Removal of more than just outer clothing')}, ${loadId}
       FROM ${t}`,
      [force],
    );
  }
  await recordLoad(store, { loadId, source: 'police', kind: s.kind, file: s.file.name, sha256: sha, rows: s.rows, encoding: s.encoding, synthetic });
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
  const table = kind === 'street' ? 'incidents' : kind === 'outcomes' ? 'outcomes' : 'stop_search';
  const rows = await store.all<{ p: string }>(
    `SELECT DISTINCT '${kind} ' || force || ' ' || strftime(month, '%Y-%m') AS p FROM ${table} WHERE load_id = $1`,
    [loadId],
  );
  return rows.map((r) => r.p);
}

/**
 * Loads data.police.uk street, outcomes and stop-and-search files (files, folders or the monthly
 * archive zips) as one transaction: every file lands, or none does and the store is as it was. A
 * file holds one month (its rows agree with its name), and replaces what was loaded before for its
 * force and month, so a second load of the same file changes nothing; two files for the same kind,
 * force and month in one load are refused, naming both.
 */
export async function ingestPolice(store: Store, paths: readonly string[], options: IngestPoliceOptions = {}): Promise<IngestPoliceResult> {
  const limits = options.limits ?? inputLimits();
  const { files, skipped } = await expandSources(paths, limits, memberFilter);
  const mapping = categoryMapping(options.crimeTypeMapping);
  const accepted = Object.keys(mapping);
  const result: IngestPoliceResult = { files: [], skipped, rows: 0, byMonth: [] };
  const claimed = new Map<string, string>();
  const claim = (pairs: readonly string[], name: string) => {
    for (const p of pairs) {
      const other = claimed.get(p);
      if (other !== undefined) {
        throw cspError('CSP_ERR_SOURCE_CONFLICT', `holds the same ${p.replace(/ (\d{4}-\d{2})$/, ', $1')} as ${other}: load one file per kind, force and month`, {
          file: name,
        });
      }
      claimed.set(p, name);
    }
  };
  await store.transaction(async () => {
    for (const [i, file] of files.entries()) {
      let earlier: Awaited<ReturnType<typeof currentLoadOf>>;
      const staged = await stagePoliceFile(store, file, accepted, limits, async (sha) => {
        earlier = await currentLoadOf(store, sha, 'police');
        return earlier !== undefined;
      });
      if ('skipped' in staged) {
        const e = earlier!;
        claim(await pairsOfLoad(store, e.loadId, e.kind), file.name);
        result.files.push({ name: file.name, kind: e.kind, rows: e.rows, encoding: e.encoding, unchanged: true });
        options.onFile?.(i + 1, files.length, file.name);
        continue;
      }
      try {
        claim(await pairsOf(store, staged), file.name);
        result.byMonth.push(...(await summarise(store, staged)));
        await loadStaged(store, staged, mapping, options.synthetic ?? false);
      } finally {
        await dropStaged(store, staged.table);
      }
      result.files.push({ name: file.name, kind: staged.kind, rows: staged.rows, encoding: staged.encoding, unchanged: false });
      result.rows += staged.rows;
      options.onFile?.(i + 1, files.length, file.name);
    }
  });
  return result;
}
