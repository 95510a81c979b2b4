import { cspError } from '../../errors.ts';
import { assignIncidentLsoas } from '../../geography/load-geography.ts';
import { currentLoadOf, nextLoadId, recordLoad } from '../../store/load-log.ts';
import { dropStaged } from '../../store/stage-csv.ts';
import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { legacyCategoryMapping, policeCategories } from '../police-csv/kinds.ts';
import { inputLimits, type InputLimits } from '../input-limits.ts';
import { expandSources, type SkippedSource } from '../source-file.ts';
import type { IncidentMapping } from './mapping.ts';
import { stageIncidentFile, type StagedIncidentFile } from './read.ts';
import { dateSql } from './rules.ts';

export interface IngestIncidentsOptions {
  /** The import's name: stored as `source`, and the replacement key with the month. Not 'police' or 'partner'. */
  source: string;
  /** Stored as `force`. Default: the source name. */
  force?: string;
  mapping: IncidentMapping;
  /** Extra label -> category mappings from the area configuration. */
  crimeTypeMapping?: Readonly<Record<string, string>>;
  synthetic?: boolean;
  onFile?: (done: number, total: number, name: string) => void;
  /** Memory and zip bounds (default: `inputLimits()`). */
  limits?: InputLimits;
}

export interface IngestIncidentsResult {
  source: string;
  /** `unchanged`: the same bytes are already loaded for this source and still current, so the file was skipped. */
  files: { name: string; rows: number; encoding: string; unchanged: boolean }[];
  /** Files found in folders and archives and not read, with why. */
  skipped: SkippedSource[];
  rows: number;
  /** Rows per month loaded, and how many had no location (kept and counted, in no area). */
  byMonth: { month: string; rows: number; withoutLocation: number }[];
  /** Rows given coordinates and no LSOA that point-in-polygon placed in an LSOA (0 before geography is loaded). */
  lsoasAssigned: number;
}

const RESERVED_SOURCES = new Set(['police', 'partner']);

function categorySql(column: string, extra: Readonly<Record<string, string>>): { sql: string; accepted: string[] } {
  const mapping: Record<string, string> = { ...legacyCategoryMapping, ...extra };
  for (const c of policeCategories) mapping[c] ??= c;
  const whens = Object.entries(mapping)
    .map(([from, to]) => `WHEN ${quotedString(from)} THEN ${quotedString(to)}`)
    .join(' ');
  return { sql: `CASE ${q(column)} ${whens} END`, accepted: Object.keys(mapping) };
}

function monthSql(m: IncidentMapping): string {
  return m.month ? `CAST(strptime(${q(m.month)}, '%Y-%m') AS DATE)` : `CAST(date_trunc('month', ${dateSql(m)}) AS DATE)`;
}

function locationUnknownSql(m: IncidentMapping): string {
  const parts = [m.longitude ? `${q(m.longitude)} IS NULL` : 'true', m.lsoa ? `${q(m.lsoa)} IS NULL` : 'true'];
  return parts.join(' AND ');
}

async function loadStaged(store: Store, s: StagedIncidentFile, o: IngestIncidentsOptions, category: string): Promise<void> {
  const sha = s.sha256;
  const m = o.mapping;
  const loadId = await nextLoadId(store);
  const month = monthSql(m);
  const opt = (c: string | undefined, cast = ''): string => (c ? (cast ? `TRY_CAST(${q(c)} AS ${cast})` : q(c)) : 'NULL');
  await store.run(`DELETE FROM incidents WHERE source = $1 AND month IN (SELECT DISTINCT ${month} FROM ${s.table})`, [o.source]);
  await store.run(
    `INSERT INTO incidents SELECT $1, $2, NULL, ${month}, ${m.date ? `CAST(${dateSql(m)} AS DATE)` : 'NULL'}, ${opt(m.id)},
      ${category}, ${q(m.category)}, ${opt(m.longitude, 'DOUBLE')}, ${opt(m.latitude, 'DOUBLE')}, NULL,
      ${opt(m.lsoa)}, NULL, NULL, NULL, NULL, ${loadId}
     FROM ${s.table}`,
    [o.source, o.force ?? o.source],
  );
  await recordLoad(store, { loadId, source: o.source, kind: 'incidents', file: s.file.name, sha256: sha, rows: s.rows, encoding: s.encoding, synthetic: o.synthetic ?? false });
}

/**
 * Loads incident extracts whose columns differ from data.police.uk (a local police or partner
 * extract) under a column mapping, as one transaction: every file lands, or none does. A month the
 * source supplies again replaces what was loaded for that source and month, so loading the same file
 * twice changes nothing. Rows with no location are kept. Rows with coordinates and no LSOA get their
 * LSOA by point-in-polygon when geography is loaded (else when it is).
 */
export async function ingestIncidents(store: Store, paths: readonly string[], options: IngestIncidentsOptions): Promise<IngestIncidentsResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(options.source) || RESERVED_SOURCES.has(options.source)) {
    throw cspError('CSP_ERR_USAGE', `--source must be a name of letters, digits, spaces, dots, dashes or underscores, not police or partner: "${options.source}"`);
  }
  const limits = options.limits ?? inputLimits();
  const { files, skipped } = await expandSources(paths, limits);
  const { sql: category, accepted } = categorySql(options.mapping.category, options.crimeTypeMapping ?? {});
  const result: IngestIncidentsResult = { source: options.source, files: [], skipped, rows: 0, byMonth: [], lsoasAssigned: 0 };
  const months = new Map<string, { rows: number; withoutLocation: number }>();
  await store.transaction(async () => {
    for (const [i, file] of files.entries()) {
      let earlier: Awaited<ReturnType<typeof currentLoadOf>>;
      const staged = await stageIncidentFile(store, file, options.mapping, accepted, limits, async (sha) => {
        earlier = await currentLoadOf(store, sha, options.source);
        return earlier !== undefined;
      });
      if ('skipped' in staged) {
        result.files.push({ name: file.name, rows: earlier!.rows, encoding: earlier!.encoding, unchanged: true });
        options.onFile?.(i + 1, files.length, file.name);
        continue;
      }
      try {
        const summary = await store.all<{ month: string; n: number; nl: number }>(
          `SELECT strftime(${monthSql(options.mapping)}, '%Y-%m') AS month, count(*) AS n, count(*) FILTER (WHERE ${locationUnknownSql(options.mapping)}) AS nl
           FROM ${staged.table} GROUP BY 1 ORDER BY 1`,
        );
        for (const r of summary) {
          const m = months.get(r.month) ?? { rows: 0, withoutLocation: 0 };
          months.set(r.month, { rows: m.rows + r.n, withoutLocation: m.withoutLocation + r.nl });
        }
        await loadStaged(store, staged, options, category);
      } finally {
        await dropStaged(store, staged.table);
      }
      result.files.push({ name: file.name, rows: staged.rows, encoding: staged.encoding, unchanged: false });
      result.rows += staged.rows;
      options.onFile?.(i + 1, files.length, file.name);
    }
    result.lsoasAssigned = await assignIncidentLsoas(store);
  });
  result.byMonth = [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v }));
  return result;
}
