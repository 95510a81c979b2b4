import { readFileSync } from 'node:fs';
import { describeJsonError, type LoadedAreaConfig } from '../config/area-config.ts';
import { cspError } from '../errors.ts';
import { quotedIdentifier as q, quotedString } from '../store/sql.ts';
import type { Store } from '../store/store.ts';

/**
 * The area tables a configuration names besides boundaries: lookups read as CSV, population by area
 * and year, and deprivation by LSOA. Each checks the columns the configuration says to use.
 */

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path }, e);
  }
}

/** Reads a CSV the configuration names, checking the columns it says to use are there. */
export async function readLookupCsv(store: Store, file: string, columns: string[]): Promise<Record<string, string | null>[]> {
  let rows: Record<string, string | null>[];
  try {
    rows = await store.all(`SELECT * FROM read_csv(${quotedString(file)}, header = true, all_varchar = true)`);
  } catch (e) {
    // DuckDB's message quotes the offending line: say only that the file is not readable CSV.
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'cannot read as CSV', { file }, e);
  }
  const present = Object.keys(rows[0] ?? {});
  for (const c of columns) {
    if (!present.includes(c)) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `missing column "${c}" (the header has ${present.length} columns)`, { file, line: 1 });
  }
  return rows;
}

export async function loadPopulation(store: Store, cfg: LoadedAreaConfig): Promise<void> {
  for (const p of cfg.config.geography.population) {
    const file = cfg.resolvePath(p.file);
    if (p.format === 'ons-json') {
      let data: Record<string, { population?: number }>;
      const text = readText(file);
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw cspError('CSP_ERR_GEOGRAPHY_INPUT', describeJsonError(text, e), { file }, e);
      }
      const rows = Object.entries(data)
        .filter(([, v]) => typeof v?.population === 'number')
        .map(([code, v]) => [code, levelOfCode(code), p.year, v.population!, null, file]);
      await store.append('population', rows);
    } else {
      const cols = [p.code, p.value, ...(p.households ? [p.households] : [])];
      await readLookupCsv(store, file, cols);
      const households = p.households ? `TRY_CAST(replace(${q(p.households)}, ',', '') AS DOUBLE)` : 'NULL';
      await store.run(
        `INSERT INTO population SELECT ${q(p.code)}, ${levelOfCodeSql(q(p.code))}, $1, TRY_CAST(replace(${q(p.value)}, ',', '') AS DOUBLE), ${households}, $2
         FROM read_csv(${quotedString(file)}, header = true, all_varchar = true)
         WHERE TRY_CAST(replace(${q(p.value)}, ',', '') AS DOUBLE) IS NOT NULL
         ON CONFLICT DO NOTHING`,
        [p.year, file],
      );
    }
  }
}

export async function loadDeprivation(store: Store, cfg: LoadedAreaConfig): Promise<void> {
  const d = cfg.config.geography.deprivation;
  if (!d) return;
  const file = cfg.resolvePath(d.file);
  await readLookupCsv(store, file, [d.code, d.rank, d.decile]);
  // Ranks carry thousands separators inside quotes ("29,199").
  await store.run(
    `INSERT INTO deprivation SELECT ${q(d.code)}, CAST(replace(${q(d.rank)}, ',', '') AS INTEGER), CAST(${q(d.decile)} AS INTEGER), $1
     FROM read_csv(${quotedString(file)}, header = true, all_varchar = true) WHERE ${q(d.code)} IS NOT NULL ON CONFLICT DO NOTHING`,
    [d.year],
  );
}

/** ONS codes say their level in their prefix: one table for the JS and SQL forms. */
const codeLevels: readonly [pattern: string, level: string][] = [
  ['^[EW]01', 'lsoa'],
  ['^[EW]05', 'ward'],
  ['^[EWSN](06|07|08|09)', 'district'],
];

export function levelOfCode(code: string): string {
  return codeLevels.find(([pattern]) => new RegExp(pattern).test(code))?.[1] ?? 'other';
}

function levelOfCodeSql(column: string): string {
  return `CASE ${codeLevels.map(([pattern, level]) => `WHEN regexp_matches(${column}, '${pattern}') THEN '${level}'`).join(' ')} ELSE 'other' END`;
}

