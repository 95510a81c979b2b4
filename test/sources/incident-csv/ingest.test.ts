import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../../../src/store/store.ts';
import { runCli } from '../../helpers/cli.ts';
import { countBy, parseCsvIndependently } from '../../helpers/independent-csv.ts';
import { dataDir, tempDir } from '../../helpers/paths.ts';
import { storeSnapshot } from '../../helpers/store-snapshot.ts';

const pointsFile = join(dataDir, 'police/gmp-burglary-points-2016-02-to-2019-01.csv');
const pointFlags = ['--month-col', 'Month', '--category-col', 'Crime.type', '--lon-col', 'Longitude', '--lat-col', 'Latitude'];

/** A partner extract: UK dates, its own labels, an LSOA column, an id, one row with no location. */
const PARTNER = [
  'Ref,Date reported,Type,LSOA',
  'P1,03/01/2017,Burglary,E01005758',
  'P2,15/01/2017,Criminal damage,E01005872',
  'P3,02/02/2017,Burglary,',
  'P4,28/02/2017,ASB,E01005758',
].join('\n');
const partnerFlags = ['--date-col', 'Date reported', '--date-format', '%d/%m/%Y', '--category-col', 'Type', '--lsoa-col', 'LSOA', '--id-col', 'Ref'];

function writeConfigWithMapping(dir: string): string {
  const file = join(dir, 'area.yaml');
  const base = readFileSync(join(import.meta.dirname, '../../../config/examples/gm-burglary.yaml'), 'utf8');
  writeFileSync(file, `${base}\ncrimeTypeMapping:\n  Criminal damage: Criminal damage and arson\n  ASB: Anti-social behaviour\n`);
  return file;
}

describe('ingest incidents: the real GMP burglary points', () => {
  let db: string;
  beforeAll(async () => {
    db = join(tempDir(), 'points.duckdb');
    const r = await runCli('ingest', 'incidents', pointsFile, '--source', 'gmp-burglary', '--force', 'Greater Manchester Police', ...pointFlags, '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('loads every row, and counts by month equal an independent count', async () => {
    const rows = parseCsvIndependently(readFileSync(pointsFile, 'utf8')).slice(1);
    const r = await runCli('stats', 'counts', '--db', db, '--by', 'month', '--json');
    const got = Object.fromEntries((JSON.parse(r.stdout) as { month: string; count: number }[]).map((x) => [x.month, x.count]));
    expect(got).toEqual(countBy(rows, (x) => x[0]!));
    expect(Object.keys(got)).toHaveLength(36);
    const stored = await withStore(db, (s) => s.one<{ n: number; src: string; force: string }>(`SELECT count(*) AS n, any_value(source) AS src, any_value(force) AS force FROM incidents`));
    expect(stored).toEqual({ n: 92666, src: 'gmp-burglary', force: 'Greater Manchester Police' });
  });

  it('is idempotent: loading the same file again changes nothing and says so', async () => {
    const before = await storeSnapshot(db);
    const r = await runCli('ingest', 'incidents', pointsFile, '--source', 'gmp-burglary', '--force', 'Greater Manchester Police', ...pointFlags, '--db', db, '--json');
    expect(JSON.parse(r.stdout).files[0].unchanged).toBe(true);
    expect(await storeSnapshot(db)).toEqual(before);
  });
});

describe('ingest incidents: a partner extract under a mapping', () => {
  let dir: string;
  let db: string;
  let config: string;
  beforeAll(() => {
    dir = tempDir();
    db = join(dir, 'x.duckdb');
    config = writeConfigWithMapping(dir);
    writeFileSync(join(dir, 'partner.csv'), PARTNER);
  });

  it('reads dates in the given format, maps labels, keeps the row with no location', async () => {
    const r = await runCli('ingest', 'incidents', join(dir, 'partner.csv'), '--source', 'council-asb', ...partnerFlags, '--config', config, '--data-dir', dataDir, '--db', db, '--json');
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout);
    expect(summary.byMonth).toEqual([
      { month: '2017-01', rows: 2, withoutLocation: 0 },
      { month: '2017-02', rows: 2, withoutLocation: 1 },
    ]);
    const rows = await withStore(db, (s) =>
      s.all(`SELECT crime_id, strftime(month, '%Y-%m') AS month, strftime(incident_date, '%Y-%m-%d') AS day, category, category_raw, lsoa_code, force FROM incidents ORDER BY crime_id`),
    );
    expect(rows).toEqual([
      { crime_id: 'P1', month: '2017-01', day: '2017-01-03', category: 'Burglary', category_raw: 'Burglary', lsoa_code: 'E01005758', force: 'council-asb' },
      { crime_id: 'P2', month: '2017-01', day: '2017-01-15', category: 'Criminal damage and arson', category_raw: 'Criminal damage', lsoa_code: 'E01005872', force: 'council-asb' },
      { crime_id: 'P3', month: '2017-02', day: '2017-02-02', category: 'Burglary', category_raw: 'Burglary', lsoa_code: null, force: 'council-asb' },
      { crime_id: 'P4', month: '2017-02', day: '2017-02-28', category: 'Anti-social behaviour', category_raw: 'ASB', lsoa_code: 'E01005758', force: 'council-asb' },
    ]);
  });

  it('takes the mapping from a YAML file, and a re-supplied month replaces only that source and month', async () => {
    writeFileSync(join(dir, 'mapping.yaml'), 'date: Date reported\ndateFormat: "%d/%m/%Y"\ncategory: Type\nlsoa: LSOA\nid: Ref\n');
    writeFileSync(join(dir, 'february.csv'), 'Ref,Date reported,Type,LSOA\nP9,10/02/2017,Burglary,E01005872\n');
    const r = await runCli('ingest', 'incidents', join(dir, 'february.csv'), '--source', 'council-asb', '--mapping', join(dir, 'mapping.yaml'), '--db', db);
    expect(r.stderr).toBe('');
    const ids = await withStore(db, (s) => s.all<{ crime_id: string }>(`SELECT crime_id FROM incidents ORDER BY crime_id`));
    expect(ids.map((x) => x.crime_id)).toEqual(['P1', 'P2', 'P9']);
  });
});

describe('ingest incidents: bad input is refused with FILE:LINE:COLUMN and an unchanged store', () => {
  const cases: { name: string; content: string; message: string }[] = [
    { name: 'missing-column.csv', content: 'Ref,When,Type,LSOA\nP1,03/01/2017,Burglary,E01005758\n', message: ':1:1: missing column "Date reported" named by the column mapping' },
    { name: 'bad-date.csv', content: 'Ref,Date reported,Type,LSOA\nP1,03/01/2017,Burglary,E01005758\nP2,2017-01-04,Burglary,E01005758\n', message: ':3:2: malformed date "2017-01-04": expected the format %d/%m/%Y' },
    { name: 'unknown-category.csv', content: 'Ref,Date reported,Type,LSOA\nP1,03/01/2017,Fraud,E01005758\n', message: ':2:3: unknown category "Fraud"' },
    { name: 'bad-lsoa.csv', content: 'Ref,Date reported,Type,LSOA\nP1,03/01/2017,Burglary,Stockport 014B\n', message: ':2:4: "Stockport 014B" is not an LSOA code' },
    { name: 'empty-rows.csv', content: 'Ref,Date reported,Type,LSOA\n', message: ':2:1: file has a header and no rows' },
  ];
  let dir: string;
  let db: string;
  let snapshot: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'x.duckdb');
    writeFileSync(join(dir, 'good.csv'), 'Ref,Date reported,Type,LSOA\nG1,03/01/2017,Burglary,E01005758\n');
    expect((await runCli('ingest', 'incidents', join(dir, 'good.csv'), '--source', 's', ...partnerFlags, '--db', db)).code).toBe(0);
    snapshot = await storeSnapshot(db);
  });

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const file = join(dir, c.name);
      writeFileSync(file, c.content);
      const r = await runCli('ingest', 'incidents', join(dir, 'good.csv'), file, '--source', 's2', ...partnerFlags, '--db', db);
      expect(r.code).toBe(1);
      expect(r.stderr.startsWith(`${file}${c.message}`)).toBe(true);
      expect(await storeSnapshot(db)).toEqual(snapshot);
    });
  }

  it('refuses coordinates outside the UK', async () => {
    const file = join(dir, 'outside.csv');
    writeFileSync(file, 'Month,Crime.type,Longitude,Latitude\n2017-01,Burglary,-2.15,53.4\n2017-01,Burglary,-2.15,40.4\n');
    const r = await runCli('ingest', 'incidents', file, '--source', 'pts', ...pointFlags, '--db', db);
    expect(r.stderr).toBe(`${file}:3:4: latitude "40.4" is not a number within the UK (49.8 to 61)\n`);
    expect(await storeSnapshot(db)).toEqual(snapshot);
  });

  it('refuses an incomplete mapping as a usage error', async () => {
    const r = await runCli('ingest', 'incidents', join(dir, 'good.csv'), '--source', 's', '--category-col', 'Type', '--lsoa-col', 'LSOA', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a month or a date column is required');
    const both = await runCli('ingest', 'incidents', join(dir, 'good.csv'), '--source', 's', '--mapping', 'x.yaml', ...partnerFlags, '--db', db);
    expect(both.code).toBe(2);
    const reserved = await runCli('ingest', 'incidents', join(dir, 'good.csv'), '--source', 'police', ...partnerFlags, '--db', db);
    expect(reserved.code).toBe(2);
  });
});
