import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { countBy, parseCsvIndependently } from '../helpers/independent-csv.ts';
import { dataDir, tempDir } from '../helpers/paths.ts';
import { GOOD_ROWS, STREET_HEADER, streetCsv, writeStreet } from '../helpers/police-fixtures.ts';
import { storeSnapshot } from '../helpers/store-snapshot.ts';
import { checkRegularCsv } from '../../src/sources/csv-regular.ts';

const streetFile = join(dataDir, 'police/2016-12-greater-manchester-street-partial.csv');
const stopFile = join(dataDir, 'police/2019-06-greater-manchester-stop-and-search.csv');

describe('ingest police: real GMP files', () => {
  let db: string;
  beforeAll(async () => {
    db = join(tempDir(), 'real.duckdb');
    const r = await runCli('ingest', 'police', streetFile, stopFile, '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('loads every street row, and counts by crime type equal an independent count', async () => {
    const rows = parseCsvIndependently(readFileSync(streetFile, 'utf8')).slice(1);
    expect(rows).toHaveLength(10065);
    const expected = countBy(rows, (r) => r[9]!);
    const r = await runCli('stats', 'counts', '--db', db, '--by', 'crime_type', '--json');
    expect(r.code).toBe(0);
    const got = Object.fromEntries((JSON.parse(r.stdout) as { crime_type: string; count: number }[]).map((x) => [x.crime_type, x.count]));
    expect(got).toEqual(expected);
    expect(got['Anti-social behaviour']).toBe(2309);
  });

  it('keeps the anti-social behaviour rows with their empty Crime ID', async () => {
    const n = await withStore(db, (s) => s.one<{ n: number }>(`SELECT count(*) AS n FROM incidents WHERE crime_id IS NULL`));
    expect(n!.n).toBe(2309);
  });

  it('counts by district from the LSOA names, outside any configured lookup', async () => {
    const rows = parseCsvIndependently(readFileSync(streetFile, 'utf8')).slice(1);
    const expected = countBy(rows, (r) => r[8]!.replace(/ \d{3}[A-Z]$/, ''));
    const r = await runCli('stats', 'counts', '--db', db, '--by', 'district', '--json');
    const got = Object.fromEntries((JSON.parse(r.stdout) as { district: string; count: number }[]).map((x) => [x.district, x.count]));
    expect(got).toEqual(expected);
  });

  it('loads every stop-and-search row, including the 10 without location', async () => {
    const rows = parseCsvIndependently(readFileSync(stopFile, 'utf8')).slice(1);
    const got = await withStore(db, (s) =>
      s.one<{ n: number; nl: number; force: string; month: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE lat IS NULL) AS nl, any_value(force) AS force, strftime(any_value(month), '%Y-%m') AS month FROM stop_search`,
      ),
    );
    expect(got).toEqual({ n: rows.length, nl: rows.filter((r) => r[4] === '').length, force: 'greater-manchester', month: '2019-06' });
    expect(got!.n).toBe(907);
    expect(got!.nl).toBe(10);
  });

  it('is idempotent: loading the same files again changes nothing', async () => {
    const before = await storeSnapshot(db);
    const r = await runCli('ingest', 'police', streetFile, stopFile, '--db', db);
    expect(r.code).toBe(0);
    expect(JSON.parse((await runCli('ingest', 'police', streetFile, '--db', db, '--json')).stdout).files[0].unchanged).toBe(true);
    expect(await storeSnapshot(db)).toEqual(before);
  });
});

describe('ingest police: formats', () => {
  it('reads UTF-8 with a BOM, Windows-1252, CRLF and quoted commas, and keeps rows without location', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.duckdb');
    const cafe = 'abc9,2016-11,Greater Manchester Police,Greater Manchester Police,-2.157,53.409,On or near Café Royal,E01005758,Stockport 014B,Robbery,Under investigation,';
    writeFileSync(join(dir, '2016-12-gmp-street.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(streetCsv(GOOD_ROWS, '\r\n'))]));
    writeFileSync(join(dir, '2016-11-gmp-street.csv'), Buffer.from(streetCsv([cafe], '\r\n'), 'latin1'));
    const r = await runCli('ingest', 'police', dir, '--db', db, '--json');
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout);
    expect(summary.files.map((f: { encoding: string }) => f.encoding).sort()).toEqual(['utf-8-bom', 'windows-1252']);
    const rows = await withStore(db, (s) => s.all<{ location: string; lon: number | null }>(`SELECT location, lon FROM incidents ORDER BY month, rowid`));
    expect(rows.map((x) => x.location)).toEqual(['On or near Café Royal', 'On or near Mersey Way', 'On or near Park', 'No Location', 'On or near Hall Street, Offerton']);
    expect(summary.byMonth.find((m: { month: string }) => m.month === '2016-12').withoutLocation).toBe(1);
  });

  it('reads the monthly archive zips as downloaded', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.duckdb');
    const zip = zipSync({
      '2016-12/2016-12-greater-manchester-street.csv': Buffer.from(streetCsv(GOOD_ROWS)),
      '2016-12/2016-12-greater-manchester-outcomes.csv': Buffer.from(
        'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\nabc1,2016-12,Greater Manchester Police,Greater Manchester Police,-2.157,53.409,On or near Mersey Way,E01005758,Stockport 014B,Offender given a caution\n',
      ),
      '2016-12/README.txt': Buffer.from('not a csv'),
    });
    writeFileSync(join(dir, '2016-12.zip'), zip);
    const r = await runCli('ingest', 'police', join(dir, '2016-12.zip'), '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.files.map((f: { kind: string; rows: number }) => [f.kind, f.rows])).toEqual([
      ['outcomes', 1],
      ['street', 4],
    ]);
    expect(s.files[1].name).toBe(`${join(dir, '2016-12.zip')}!2016-12/2016-12-greater-manchester-street.csv`);
  });

  it('replaces a re-supplied month for a force, read directly or the careful way', async () => {
    // A name with the month sends a file the direct way first.
    for (const [first, again] of [
      ['first.csv', 'again.csv'],
      ['2016-12-first-street.csv', '2016-12-again-street.csv'],
    ]) {
      const dir = tempDir();
      const db = join(dir, 'x.duckdb');
      writeStreet(dir, first!);
      expect((await runCli('ingest', 'police', join(dir, first!), '--db', db)).code).toBe(0);
      writeStreet(dir, again!, GOOD_ROWS.slice(0, 2));
      expect((await runCli('ingest', 'police', join(dir, again!), '--db', db)).code).toBe(0);
      const r = await runCli('stats', 'counts', '--db', db, '--by', 'month', '--json');
      expect(JSON.parse(r.stdout)).toEqual([{ month: '2016-12', count: 2 }]);
    }
  });
});

describe('ingest police: bad input is refused with FILE:LINE:COLUMN, exit 1 and an unchanged store', () => {
  const cases: { name: string; content: string | Buffer; message: string }[] = [
    {
      name: 'missing-column.csv',
      content: STREET_HEADER.replace(',Latitude', '') + '\n',
      message: ':1:6: missing column "Latitude" (a street file has 12 columns:',
    },
    {
      name: 'wrong-column.csv',
      content: STREET_HEADER.replace('Crime type', 'Offence') + '\n' + GOOD_ROWS[0] + '\n',
      message: ':1:10: column 10 is "Offence", expected "Crime type"',
    },
    {
      name: 'bad-month.csv',
      content: streetCsv([GOOD_ROWS[0]!, GOOD_ROWS[1]!.replace('2016-12', '2016-13')]),
      message: ':3:2: malformed month "2016-13": expected YYYY-MM',
    },
    {
      name: 'outside-uk.csv',
      content: streetCsv([GOOD_ROWS[0]!, GOOD_ROWS[1]!, GOOD_ROWS[2]!, GOOD_ROWS[3]!.replace('-2.150,53.400', '-2.150,40.400')]),
      message: ':5:6: latitude "40.400" is not a number within the UK (49.8 to 61)',
    },
    {
      name: 'unterminated.csv',
      content: streetCsv([GOOD_ROWS[0]!, GOOD_ROWS[3]!.replace('"On or near Hall Street, Offerton"', '"On or near Hall Street, Offerton')]),
      message: ':3:7: unterminated quote: a field opens with " and never closes',
    },
    {
      name: 'unknown-type.csv',
      content: streetCsv([GOOD_ROWS[0]!.replace('Shoplifting', 'Cybercrime')]),
      message: ':2:10: unknown crime type "Cybercrime": not a data.police.uk category and no crimeTypeMapping covers it',
    },
    { name: 'empty.csv', content: '', message: ':1:1: file is empty' },
    {
      name: 'binary.csv',
      content: Buffer.from([0x50, 0x4b, 0x03, 0x00, 0x00, 0x14, 0x00, 0x06, 0x00, 0x08]),
      message: ':1:1: file is binary, not CSV text (it holds NUL bytes; was a spreadsheet saved as .csv?)',
    },
    {
      name: 'too-few-fields.csv',
      content: streetCsv([GOOD_ROWS[0]!, 'x,2016-12,Greater Manchester Police']),
      message: ':3:',
    },
  ];

  let db: string;
  let dir: string;
  let snapshot: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'store.duckdb');
    writeStreet(dir, 'good.csv');
    expect((await runCli('ingest', 'police', join(dir, 'good.csv'), '--db', db)).code).toBe(0);
    writeStreet(dir, '2016-11-good.csv', GOOD_ROWS.map((r) => r.replace('2016-12', '2016-11')));
    snapshot = await storeSnapshot(db);
  });

  // A name with a month sends a file the direct way first (DuckDB reads its bytes): the refusal is the same.
  for (const c of cases) {
    for (const name of [c.name, `2016-12-${c.name}`]) {
      it(`refuses ${name}`, async () => {
        const file = join(dir, name);
        writeFileSync(file, c.content);
        // With a good file first: the load is all files or none.
        const r = await runCli('ingest', 'police', join(dir, '2016-11-good.csv'), file, '--db', db);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr.startsWith(`${file}${c.message}`), r.stderr).toBe(true);
        expect(await storeSnapshot(db)).toEqual(snapshot);
      });
    }
  }

  it('names a missing path', async () => {
    const r = await runCli('ingest', 'police', join(dir, 'nope.csv'), '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${join(dir, 'nope.csv')}: no such file or folder\n`);
  });

  it('exits 2 on a usage error', async () => {
    const r = await runCli('stats', 'counts', '--db', db, '--by', 'colour');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown dimension "colour"');
    expect((await runCli('ingest', 'police')).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
  });
});

describe('ingest police: read directly by DuckDB or the careful way, the same rows', () => {
  const rows = [
    ...GOOD_ROWS,
    'abc4,2016-12,Greater Manchester Police,Greater Manchester Police,-2.151,53.401,"On or near ""The"" Street","",Stockport 019B,Drugs,"Under, investigation",',
  ];
  const all = (db: string, table: string) => withStore(db, (s) => s.all(`SELECT * EXCLUDE (load_id) FROM ${table} ORDER BY rowid`));

  it('loads a regular file (read directly) exactly as the careful way loads it', async () => {
    const dir = tempDir();
    const direct = writeStreet(dir, '2016-12-gmp-street.csv', rows, '\r\n');
    const careful = writeStreet(dir, 'street.csv', rows, '\r\n');
    expect((await checkRegularCsv(direct, { onHeader: () => undefined, maxRecordBytes: 1 << 20 })).regular).toBe(true);
    for (const [file, db] of [
      [direct, join(dir, 'direct.duckdb')],
      [careful, join(dir, 'careful.duckdb')],
    ] as const) {
      const r = await runCli('ingest', 'police', file, '--db', db, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).byMonth).toEqual([{ kind: 'street', force: 'Greater Manchester Police', month: '2016-12', rows: 5, withoutLocation: 1 }]);
    }
    const got = await all(join(dir, 'direct.duckdb'), 'incidents');
    expect(got).toHaveLength(5);
    expect(got).toEqual(await all(join(dir, 'careful.duckdb'), 'incidents'));
  });

  it('loads files DuckDB does not read directly the careful way, with the files loaded before them', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.duckdb');
    const first = writeStreet(dir, '2016-10-gmp-street.csv', rows.map((r) => r.replace('2016-12', '2016-10')));
    // A quote inside an unquoted field: not regular, so the careful way reads it (no transaction lost).
    const quote = writeStreet(dir, '2016-11-gmp-street.csv', [GOOD_ROWS[0]!.replace('2016-12', '2016-11').replace('Mersey Way', 'Mersey 5" Way')]);
    // Line ends mixed (DuckDB's reader fails on some such files): not regular either.
    const mixed = join(dir, '2016-12-gmp-street.csv');
    writeFileSync(mixed, `${STREET_HEADER}\r\n${GOOD_ROWS[0]}\n${GOOD_ROWS[1]}\r\n`);
    const r = await runCli('ingest', 'police', first, quote, mixed, '--db', db, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rows).toBe(5 + 1 + 2);
    const locations = await withStore(db, (s) => s.all<{ m: string; location: string }>(`SELECT strftime(month, '%Y-%m') AS m, location FROM incidents ORDER BY rowid`));
    expect(locations.filter((x) => x.m === '2016-11').map((x) => x.location)).toEqual(['On or near Mersey 5" Way']);
    expect(locations.filter((x) => x.m === '2016-12')).toHaveLength(2);
    expect(await withStore(db, (s) => s.one<{ n: number }>(`SELECT count(*) AS n FROM loads`))).toEqual({ n: 3 });
  });
});

describe('ingest police: a direct read that fails ends the transaction, and the load runs again the careful way', () => {
  const header =
    'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
  const row = (date: string) => `Person search,${date},False,,53.407704,-2.162284,Female,10-17,White,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,False`;

  it('reports the careful way\'s FILE:LINE:COLUMN for a date DuckDB cannot cast as it inserts, and changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.duckdb');
    const good = writeStreet(dir, '2016-12-gmp-street.csv');
    const stop = join(dir, '2019-06-greater-manchester-stop-and-search.csv');
    writeFileSync(stop, [header, row('2019-06-02T10:00:00+00:00'), row('2019-06-31T10:00:00+00:00')].join('\n') + '\n');
    const before = await storeSnapshot(db);
    const r = await runCli('ingest', 'police', good, stop, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${stop}:3:2: malformed date "2019-06-31T10:00:00+00:00": expected an ISO 8601 date and time\n`);
    expect(await storeSnapshot(db)).toEqual(before);
    writeFileSync(stop, [header, row('2019-06-02T10:00:00+00:00'), row('2019-06-30T10:00:00+00:00')].join('\n') + '\n');
    const ok = await runCli('ingest', 'police', good, stop, '--db', db, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).rows).toBe(4 + 2);
  });
});
