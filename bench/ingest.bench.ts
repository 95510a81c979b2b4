/**
 * Ingest speed: `ingest police` (parse, validate, load, geography) against DuckDB's own read_csv of
 * the same generated file, in one run. Prints figures; it is not a timed test.
 *   node --import tsx bench/ingest.bench.ts [rows=1000000]
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoundaries } from '../src/geography/boundaries-read.ts';
import { assignIncidentLsoas } from '../src/geography/load-geography.ts';
import { policeCategories, policeKinds } from '../src/sources/police-csv/kinds.ts';
import { ingestPolice } from '../src/sources/police-csv/ingest.ts';
import { quotedString } from '../src/store/sql.ts';
import { Store } from '../src/store/store.ts';
import { mulberry32 } from '../src/analysis/spatial/random.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'csp-bench-'));

/** A street file in the data.police.uk format, with ASB and no-location rows in realistic shares. */
function generateStreetFile(path: string, n: number): void {
  const rand = mulberry32(42);
  writeFileSync(path, '');
  let lines = [policeKinds.street.join(',')];
  // Written in chunks: one string of several million rows would pass V8's string length limit.
  const flush = () => {
    appendFileSync(path, `${lines.join('\r\n')}\r\n`);
    lines = [];
  };
  for (let i = 0; i < n; i++) {
    if (lines.length >= 100_000) flush();
    const category = policeCategories[Math.floor(rand() * policeCategories.length)]!;
    const asb = category === 'Anti-social behaviour';
    const id = asb ? '' : (i * 2654435761 % 2 ** 32).toString(16).padStart(8, '0').repeat(8);
    const month = `2016-${String(1 + (i % 12)).padStart(2, '0')}`;
    if (rand() < 0.01) {
      lines.push(`${id},${month},Greater Manchester Police,Greater Manchester Police,,,No Location,,,${category},${asb ? '' : 'Under investigation'},`);
      continue;
    }
    const lon = (-2.7 + rand() * 0.8).toFixed(6);
    const lat = (53.35 + rand() * 0.35).toFixed(6);
    // 2% come with coordinates and no LSOA code: the ingest finds their LSOA by point-in-polygon.
    const noCode = rand() < 0.02;
    const lsoa = noCode ? '' : `E0100${String(4000 + Math.floor(rand() * 1673)).padStart(4, '0')}`;
    const lsoaName = noCode ? '' : `Bench ${String(i % 300).padStart(3, '0')}A`;
    lines.push(`${id},${month},Greater Manchester Police,Greater Manchester Police,${lon},${lat},"On or near Street ${i % 977}, Town",${lsoa},${lsoaName},${category},${asb ? '' : 'Under investigation'},`);
  }
  flush();
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [(performance.now() - t0) / 1000, r];
}

const file = join(dir, '2016-01-greater-manchester-street.csv');
const [genS] = await time(async () => generateStreetFile(file, rows));
const mb = statSync(file).size / 2 ** 20;
console.log(`generated ${rows.toLocaleString('en-GB')} street rows (${mb.toFixed(0)} MiB) in ${genS.toFixed(2)} s`);

const raw = await Store.open(join(dir, 'raw.duckdb'));
const [rawS] = await time(() =>
  raw.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quotedString(file)}, header = true, all_varchar = true)`),
);
raw.close();

const store = await Store.open(join(dir, 'ingest.duckdb'));
// The real GM LSOA boundaries, so the geography step does real point-in-polygon work.
const dataDir = process.env.CSP_ASSESS_DATA ?? join(import.meta.dirname, '../../shared/data');
const lsoas = readBoundaries(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011.geojson'), 'utf8'), {
  file: 'gm-lsoa-2011.geojson',
  codeProperty: 'area_code',
  nameProperty: 'area_name',
});
await store.append('boundaries', lsoas.map((f) => ['lsoa', f.code, f.name, 2011, JSON.stringify(f.geometry)]));
const [ingestS, result] = await time(async () => {
  const r = await ingestPolice(store, [file]);
  const located = await assignIncidentLsoas(store);
  return { ...r, located };
});
store.close();

const fmt = (s: number) => `${(rows / s / 1e6).toFixed(2)} M rows/s (${s.toFixed(2)} s)`;
console.log(`DuckDB read_csv into a table:       ${fmt(rawS)}`);
console.log(`csp-assess ingest police (all in):  ${fmt(ingestS)}   loaded ${result.rows.toLocaleString('en-GB')} rows, ${result.located.toLocaleString('en-GB')} placed by point-in-polygon`);
console.log(`ratio ingest / raw read: ${(ingestS / rawS).toFixed(2)}x (target <= 2x)`);
rmSync(dir, { recursive: true, force: true });
