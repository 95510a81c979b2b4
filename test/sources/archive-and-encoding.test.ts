import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEMO_MARKER, prepareDemoFolder } from '../../src/pipelines/demo.ts';
import { withStore } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';
import { GOOD_ROWS, streetCsv } from '../helpers/police-fixtures.ts';

describe('police archives', () => {
  it('loads the police members and lists every other member as skipped, with why', async () => {
    const dir = tempDir();
    const zip = join(dir, '2016-12.zip');
    writeFileSync(
      zip,
      zipSync({
        '2016-12/2016-12-greater-manchester-street.csv': Buffer.from(streetCsv(GOOD_ROWS)),
        '2016-12/notes.csv': Buffer.from('a,b\n1,2\n'),
        '2016-12/README.txt': Buffer.from('hello'),
        '2016-12/inner.zip': zipSync({ 'x.csv': Buffer.from('a\n') }),
      }),
    );
    const r = await runCli('ingest', 'police', zip, '--db', join(dir, 's.duckdb'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.rows).toBe(4);
    expect(summary.skipped).toEqual([
      { name: `${zip}!2016-12/README.txt`, reason: 'not a .csv file' },
      { name: `${zip}!2016-12/inner.zip`, reason: 'a zip inside a zip: unzip it first' },
      {
        name: `${zip}!2016-12/notes.csv`,
        reason: 'not a data.police.uk file name (YYYY-MM-<force>-street, -outcomes or -stop-and-search .csv)',
      },
    ]);
    const text = await runCli('ingest', 'police', zip, '--db', join(dir, 's.duckdb'));
    expect(text.stdout).toContain(`Skipped 3 file(s):\n  ${zip}!2016-12/README.txt: not a .csv file\n`);
  });
});

describe('text encodings', () => {
  it('reads a Windows-1252 file whole, so Café survives in every row', async () => {
    const dir = tempDir();
    const rows = GOOD_ROWS.map((r) => r.replace('On or near', 'On or near Café'));
    // The first non-UTF-8 byte comes after more than one read chunk of plain text.
    const filler = Array.from({ length: 9000 }, (_, i) => GOOD_ROWS[1]!.replace('Park', `Park ${'x'.repeat(100)} ${i}`));
    const file = join(dir, 'cafe.csv');
    writeFileSync(file, Buffer.from(streetCsv([...filler, ...rows]), 'latin1'));
    const db = join(dir, 's.duckdb');
    const r = await runCli('ingest', 'police', file, '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].encoding).toBe('windows-1252');
    const locations = await withStore(db, (s) => s.all<{ location: string }>(`SELECT DISTINCT location FROM incidents WHERE location LIKE '%Caf%' ORDER BY 1`));
    expect(locations.map((l) => l.location)).toEqual(['On or near Café Hall Street, Offerton', 'On or near Café Mersey Way', 'On or near Café Park']);
  });
});

describe('demo output folder', () => {
  it('makes a new folder, marks it, and empties only a folder it marked', () => {
    const dir = tempDir();
    const out = join(dir, 'demo');
    prepareDemoFolder(out);
    expect(readdirSync(out)).toEqual([DEMO_MARKER]);
    writeFileSync(join(out, 'report.html'), 'old');
    prepareDemoFolder(out);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'a.txt'), 'keep');
    expect(() => prepareDemoFolder(theirs)).toThrow(/not made by csp-assess demo/);
    expect(existsSync(join(theirs, 'a.txt'))).toBe(true);
  });
});
