/**
 * A corpus of malformed inputs of every kind, each run through the CLI against a store holding good
 * data: the exact message (FILE:LINE:COLUMN where there is a place), the exit status of its class and
 * an unchanged store. No input may produce "internal error".
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDataset } from '../../src/sources/partnership/datasets.ts';
import { csvLine, templateCsv } from '../../src/sources/partnership/template.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, tempDir } from '../helpers/paths.ts';
import { GOOD_ROWS, STREET_HEADER, streetCsv, writeStreet } from '../helpers/police-fixtures.ts';
import { storeSnapshot } from '../helpers/store-snapshot.ts';

const missing = findDataset('missing-episodes');
const example = missing.columns.map((c) => c.example);
const KEY = 'corpus-test-key-0123456789abcdef';
const config = join(import.meta.dirname, '../../config/stockport.yaml');

/** A zip of the given members, with the central directory (and local header) entry of `member` altered. */
function zipWith(members: Record<string, string | Uint8Array>, alter?: { member: string; field: 'crc' | 'size'; value: (old: number) => number }): Buffer {
  const z = Buffer.from(zipSync(Object.fromEntries(Object.entries(members).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]))));
  if (alter) {
    const name = Buffer.from(alter.member);
    // Central directory entries (PK\1\2) hold CRC at +16 and size at +24; local headers (PK\3\4) at +14 and +22.
    for (const [sig, crcAt, sizeAt, nameAt] of [[0x02014b50, 16, 24, 46], [0x04034b50, 14, 22, 30]] as const) {
      for (let i = 0; i + nameAt < z.length; i++) {
        if (z.readUInt32LE(i) === sig && z.subarray(i + nameAt, i + nameAt + name.length).equals(name)) {
          const at = i + (alter.field === 'crc' ? crcAt : sizeAt);
          z.writeUInt32LE(alter.value(z.readUInt32LE(at)) >>> 0, at);
        }
      }
    }
  }
  return z;
}

async function xlsxWith(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(missing.columns.map((c) => c.name));
  ws.addRow(example);
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Case {
  name: string;
  /** Writes the inputs into `dir` and returns the CLI arguments (without --db). */
  setup: (dir: string) => Promise<string[]> | string[];
  /** The whole of stderr, with `DIR` for the case's folder. */
  stderr: string;
  code: 1 | 2;
  /** The command does not take --db (it runs before any store is opened). */
  noDb?: boolean;
}

const street = (dir: string, name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const partnerCsv = (dir: string, content: string) => ['ingest', 'partner', 'missing-episodes', street(dir, 'missing.csv', content), '--key-file', join(dir, '..', 'key')];
const nov = (row: string) => row.replace('2016-12', '2016-11');

const cases: Case[] = [
  {
    name: 'police CSV: CRLF and LF mixed, with a bad row',
    setup: (d) => ['ingest', 'police', street(d, 'mixed.csv', `${STREET_HEADER}\r\n${GOOD_ROWS[0]}\n${GOOD_ROWS[1]}\r\n${GOOD_ROWS[2]!.replace('Violence and sexual offences', 'Cybercrime')}\n`)],
    stderr: 'DIR/mixed.csv:4:10: unknown crime type "Cybercrime": not a data.police.uk category and no crimeTypeMapping covers it\n',
    code: 1,
  },
  {
    name: 'police CSV: lone CR line ends, with a short row',
    setup: (d) => ['ingest', 'police', street(d, 'cr.csv', `${STREET_HEADER}\r${GOOD_ROWS[0]}\r${GOOD_ROWS[1]}\r"a\rb",2016-12\r`)],
    stderr: 'DIR/cr.csv:4:2: row has too few fields (2, expected 12)\n',
    code: 1,
  },
  {
    name: 'police CSV: a row with 988 extra empty fields',
    setup: (d) => ['ingest', 'police', street(d, 'wide.csv', streetCsv([GOOD_ROWS[0]!, `${GOOD_ROWS[1]}${','.repeat(988)}`]))],
    stderr: 'DIR/wide.csv:3:13: row has too many fields (1000, expected 12)\n',
    code: 1,
  },
  {
    name: 'police CSV: a row of another month than its file',
    setup: (d) => ['ingest', 'police', street(d, '2016-11-greater-manchester-street.csv', streetCsv([nov(GOOD_ROWS[0]!), nov(GOOD_ROWS[1]!), GOOD_ROWS[2]!.replace('2016-12', '2016-10')]))],
    stderr: 'DIR/2016-11-greater-manchester-street.csv:4:2: month "2016-10" is not the file\'s month 2016-11: a monthly file holds one month (its name and its rows must agree)\n',
    code: 1,
  },
  {
    name: 'police CSV: a file named for one month holding another',
    setup: (d) => ['ingest', 'police', street(d, '2016-11-greater-manchester-street.csv', streetCsv(GOOD_ROWS.slice(1)))],
    stderr: 'DIR/2016-11-greater-manchester-street.csv:2:2: month "2016-12" is not the file\'s month 2016-11: a monthly file holds one month (its name and its rows must agree)\n',
    code: 1,
  },
  {
    name: 'police CSV: two files for the same force and month',
    setup: (d) => ['ingest', 'police', street(d, 'a.csv', streetCsv(GOOD_ROWS.slice(0, 2))), street(d, 'b.csv', streetCsv(GOOD_ROWS.slice(2)))],
    stderr: 'DIR/b.csv: holds the same street Greater Manchester Police, 2016-12 as DIR/a.csv: load one file per kind, force and month\n',
    code: 1,
  },
  {
    name: 'police CSV: a file for a force and month beside a copy of the loaded file for them',
    setup: (d) => ['ingest', 'police', street(d, 'a-copy.csv', streetCsv(GOOD_ROWS)), street(d, 'b.csv', streetCsv(GOOD_ROWS.slice(2)))],
    stderr: 'DIR/b.csv: holds the same street Greater Manchester Police, 2016-12 as DIR/a-copy.csv: load one file per kind, force and month\n',
    code: 1,
  },
  {
    name: 'police: an XLSX workbook named .csv',
    setup: async (d) => ['ingest', 'police', street(d, 'street.csv', await xlsxWith(() => {}))],
    stderr: 'DIR/street.csv: file is an Excel workbook (XLSX), not CSV text or a zip of CSV files: save the sheet as CSV\n',
    code: 1,
  },
  {
    name: 'police zip: a member failing its CRC',
    setup: (d) => {
      const m = '2016-12/2016-12-greater-manchester-street.csv';
      return ['ingest', 'police', street(d, '2016-12.zip', zipWith({ [m]: streetCsv(GOOD_ROWS) }, { member: m, field: 'crc', value: (c) => c ^ 1 }))];
    },
    stderr: 'DIR/2016-12.zip!2016-12/2016-12-greater-manchester-street.csv: member fails its CRC-32 check: the archive is damaged\n',
    code: 1,
  },
  {
    name: 'police zip: a member whose directory understates its size',
    setup: (d) => {
      const m = '2016-12-greater-manchester-street.csv';
      return ['ingest', 'police', street(d, 'under.zip', zipWith({ [m]: streetCsv(GOOD_ROWS) }, { member: m, field: 'size', value: (s) => Math.floor(s / 2) }))];
    },
    stderr: `DIR/under.zip!2016-12-greater-manchester-street.csv: member holds more than the ${Math.floor(Buffer.byteLength(streetCsv(GOOD_ROWS)) / 2)} bytes its directory entry declares\n`,
    code: 1,
  },
  {
    name: 'police zip: a member expanding like a zip bomb',
    setup: (d) => ['ingest', 'police', street(d, 'bomb.zip', zipWith({ '2016-12-greater-manchester-street.csv': `${STREET_HEADER}\n${' '.repeat(20 << 20)}` }))],
    stderr: /^DIR\/bomb\.zip!2016-12-greater-manchester-street\.csv: member declares \d+ bytes from \d+: more than 100 times \(a zip bomb\?\)\n$/.source,
    code: 1,
  },
  {
    name: 'police zip: a truncated archive',
    setup: (d) => ['ingest', 'police', street(d, 'cut.zip', zipWith({ '2016-12-greater-manchester-street.csv': streetCsv(GOOD_ROWS) }).subarray(0, 200))],
    stderr: 'DIR/cut.zip: not a readable zip archive: no end-of-archive record (truncated?)\n',
    code: 1,
  },
  {
    name: 'police folder: a dangling symbolic link',
    setup: (d) => {
      mkdirSync(join(d, 'in'));
      writeStreet(join(d, 'in'), 'a.csv');
      symlinkSync(join(d, 'gone.csv'), join(d, 'in', 'b.csv'));
      return ['ingest', 'police', join(d, 'in')];
    },
    stderr: 'DIR/in/b.csv: broken symbolic link: what it points to does not exist\n',
    code: 1,
  },
  {
    name: 'police folder: a symbolic link loop',
    setup: (d) => {
      mkdirSync(join(d, 'in', 'sub'), { recursive: true });
      writeStreet(join(d, 'in'), 'a.csv');
      symlinkSync(join(d, 'in'), join(d, 'in', 'sub', 'back'));
      return ['ingest', 'police', join(d, 'in')];
    },
    stderr: 'DIR/in/sub/back: folder loop: a symbolic link leads back to a folder that holds it\n',
    code: 1,
  },
  {
    name: 'partner CSV: CRLF and LF mixed, with a bad row',
    setup: (d) => partnerCsv(d, `${templateCsv(missing)}${csvLine(example)}${csvLine(example.map((v, i) => (i === 3 ? '200' : v))).replace('\r\n', '\n')}`),
    stderr: 'DIR/missing.csv:3:4: "age" is "200": expected a whole number from 0 to 120\n',
    code: 1,
  },
  {
    name: 'partner CSV: a lone CR inside and after a row',
    setup: (d) => partnerCsv(d, `${templateCsv(missing)}${csvLine(example).replace('\r\n', '\r')}MP-1\r`),
    stderr: `DIR/missing.csv:3:1: row has too few fields (1, expected ${missing.columns.length})\n`,
    code: 1,
  },
  {
    name: 'partner XLSX: a date outside the calendar',
    setup: async (d) => {
      const file = street(d, 'missing.xlsx', await xlsxWith((ws) => {
        ws.getCell('B2').value = 9e7;
        ws.getCell('B2').numFmt = 'yyyy-mm-dd';
      }));
      return ['ingest', 'partner', 'missing-episodes', file, '--key-file', join(d, '..', 'key')];
    },
    stderr: 'DIR/missing.xlsx:2:2: cell B2 holds a date outside the calendar (years 1900 to 9999)\n',
    code: 1,
  },
  {
    name: 'partner XLSX: a formula without a saved result',
    setup: async (d) => {
      const file = street(d, 'missing.xlsx', await xlsxWith((ws) => {
        ws.getCell('C2').value = { formula: 'B2+1' } as ExcelJS.CellFormulaValue;
      }));
      return ['ingest', 'partner', 'missing-episodes', file, '--key-file', join(d, '..', 'key')];
    },
    stderr: 'DIR/missing.xlsx:2:3: cell C2 holds a formula with no saved result: open and save the workbook in Excel, or paste the values\n',
    code: 1,
  },
  {
    name: 'incidents: an unknown date format specifier',
    setup: (d) => ['ingest', 'incidents', street(d, 'x.csv', 'd,c,l\n2016-01-01,Burglary,E01005758\n'), '--source', 'local', '--date-col', 'd', '--date-format', '%Q', '--category-col', 'c', '--lsoa-col', 'l'],
    stderr: 'column mapping: dateFormat: unknown date format specifier %Q (use strptime codes such as %d/%m/%Y)\n',
    code: 2,
  },
  {
    name: 'stats: a dimension named like an object property',
    setup: () => ['stats', 'counts', '--by', 'constructor'],
    stderr: 'unknown dimension "constructor": use month, year, crime_type, lsoa, ward, locality, district, force, source\n',
    code: 2,
  },
  {
    name: 'assess: --out naming an existing file',
    setup: (d) => ['assess', '--config', config, '--data-dir', dataDir, '--out', street(d, 'taken', 'x'), '--format', 'json'],
    stderr: 'DIR/taken: is a file, not a folder: give --out a folder for the outputs\n',
    code: 1,
  },
  {
    name: 'demo: --out naming a folder with files it did not make',
    setup: (d) => {
      mkdirSync(join(d, 'mine'));
      writeFileSync(join(d, 'mine', 'notes.txt'), 'keep me');
      return ['demo', '--data-dir', dataDir, '--out', join(d, 'mine')];
    },
    stderr: 'DIR/mine: folder is not empty and was not made by csp-assess demo (it holds notes.txt): give --out a new or empty folder\n',
    code: 1,
    noDb: true,
  },
];

describe('malformed inputs: exact message, exit status of its class, store unchanged', () => {
  let root: string;
  let db: string;
  let snapshot: Record<string, string>;
  beforeAll(async () => {
    root = tempDir('csp-corpus-');
    db = join(root, 'store.duckdb');
    writeFileSync(join(root, 'key'), KEY);
    const good = writeStreet(root, '2016-12-greater-manchester-street.csv');
    expect((await runCli('ingest', 'police', good, '--db', db)).code).toBe(0);
    snapshot = await storeSnapshot(db);
  });

  cases.forEach((c, i) => {
    it(c.name, async () => {
      const dir = join(root, `case-${i}`);
      mkdirSync(dir);
      const args = await c.setup(dir);
      const r = await runCli(...args, ...(c.noDb ? [] : ['--db', db]));
      const stderr = r.stderr.split(dir).join('DIR');
      if (c.stderr.startsWith('^')) expect(stderr).toMatch(new RegExp(c.stderr));
      else expect(stderr).toBe(c.stderr);
      expect(r.code).toBe(c.code);
      expect(await storeSnapshot(db)).toEqual(snapshot);
    });
  });

  it('names a store file that is not DuckDB, or is cut short, in one line', async () => {
    const notDuck = join(root, 'text.duckdb');
    writeFileSync(notDuck, 'not a database\n'.repeat(100));
    const r = await runCli('stats', 'counts', '--by', 'month', '--db', notDuck);
    expect(r.stderr).toBe(`${notDuck}: not a csp-assess store: the file is not a DuckDB database\n`);
    expect(r.code).toBe(1);
    const cut = join(root, 'cut.duckdb');
    writeFileSync(cut, readFileSync(db).subarray(0, 5000));
    const before = readFileSync(cut);
    const t = await runCli('stats', 'counts', '--by', 'month', '--db', cut);
    expect(t.stderr).toBe(`${cut}: the store file is damaged or truncated: restore it from a copy or ingest again into a new one\n`);
    expect(t.code).toBe(1);
    expect(readFileSync(cut).equals(before)).toBe(true);
  });
});
