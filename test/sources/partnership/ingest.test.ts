import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCspError } from '../../../src/errors.ts';
import { storeType } from '../../../src/sources/partnership/column-types.ts';
import { findDataset, partnershipDatasets } from '../../../src/sources/partnership/datasets.ts';
import { ingestPartner } from '../../../src/sources/partnership/ingest.ts';
import { pseudonymise, resolvePseudonymKey } from '../../../src/sources/partnership/pseudonymise.ts';
import { csvLine, partnershipTemplatesMarkdown, templateCsv, templateXlsx } from '../../../src/sources/partnership/template.ts';
import { Store } from '../../../src/store/store.ts';

const key = Buffer.from('test-key-0123456789abcdef');
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csp-partner-'));
  store = await Store.open(':memory:');
});
afterEach(() => store.close());

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const exampleRow = (dataset: string) => findDataset(dataset).columns.map((c) => c.example);
const fill = (dataset: string, rows: string[][]) => templateCsv(findDataset(dataset)) + rows.map(csvLine).join('');

async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const d of partnershipDatasets) parts.push(await store.all(`SELECT * FROM ${d.table} ORDER BY ALL`));
  parts.push(await store.all('SELECT load_id, kind, sha256 FROM loads ORDER BY load_id'));
  return JSON.stringify(parts);
}

async function refusal(dataset: string, file: string): Promise<string> {
  try {
    await ingestPartner(store, dataset, file, { key });
  } catch (e) {
    if (isCspError(e)) return e.format();
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('templates round trip', () => {
  for (const d of partnershipDatasets) {
    it(`${d.name}: CSV template filled with the example loads`, async () => {
      const file = write(`${d.name}.csv`, fill(d.name, [exampleRow(d.name)]));
      expect((await ingestPartner(store, d.name, file, { key })).rows).toBe(1);
      expect((await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${d.table}`))!.n).toBe(1);
    });

    it(`${d.name}: XLSX template filled with the example loads, and replaces the CSV's row`, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await templateXlsx(d)) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('dictionary')!.getRow(3).values).toContain('allowed values');
      wb.getWorksheet('data')!.addRow(exampleRow(d.name));
      const file = join(dir, `${d.name}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      await ingestPartner(store, d.name, write(`${d.name}.csv`, fill(d.name, [exampleRow(d.name)])), { key });
      expect((await ingestPartner(store, d.name, file, { key })).rows).toBe(1);
      expect((await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${d.table}`))!.n).toBe(1);
    });
  }

  it('loading the same file twice changes nothing', async () => {
    const rows = [exampleRow('missing-episodes'), ['MP-2', '2016-03-20', '', '14', 'N', '', 'N', '', 'low']];
    const file = write('m.csv', fill('missing-episodes', rows));
    await ingestPartner(store, 'missing-episodes', file, { key });
    const before = await snapshot();
    await ingestPartner(store, 'missing-episodes', file, { key });
    expect(await snapshot()).toBe(before);
  });

  it('the store tables match the dataset definitions', async () => {
    for (const d of partnershipDatasets) {
      const cols = await store.all<{ column_name: string; column_type: string }>(`DESCRIBE ${d.table}`);
      expect(cols.map((c) => `${c.column_name} ${c.column_type}`)).toEqual([...d.columns.map((c) => `${c.name} ${storeType(c)}`), 'load_id BIGINT']);
    }
  });

  it('docs/partnership-templates.md is up to date', () => {
    expect(readFileSync('docs/partnership-templates.md', 'utf8')).toBe(partnershipTemplatesMarkdown());
  });
});

describe('bad files are refused with FILE:LINE:COLUMN and an unchanged store', () => {
  const good = exampleRow('missing-episodes');
  const cases: [string, string, (f: string) => string][] = [
    ['bad date', fill('missing-episodes', [good, ['MP-9', '2016-13-01', '', '15', 'Y', '', 'N', '', 'low']]), (f) => `${f}:3:2: "date_reported" is "2016-13-01": expected a date as YYYY-MM-DD or DD/MM/YYYY`],
    ['value not allowed', fill('missing-episodes', [['MP-9', '2016-03-01', '', '15', 'Y', '', 'N', '', 'severe']]), (f) => `${f}:2:9: "risk" is "severe": expected one of: no apparent risk, low, medium, high`],
    ['wrong type', fill('missing-episodes', [['MP-9', '2016-03-01', '', 'fifteen', 'Y', '', 'N', '', 'low']]), (f) => `${f}:2:4: "age" is "fifteen": expected a whole number from 0 to 120`],
    ['required value missing', fill('missing-episodes', [['', '2016-03-01', '', '15', 'Y', '', 'N', '', 'low']]), (f) => `${f}:2:1: missing value in required column "person_id"`],
    ['flag', fill('missing-episodes', [['MP-9', '2016-03-01', '', '15', 'maybe', '', 'N', '', 'low']]), (f) => `${f}:2:5: "looked_after" is "maybe": expected Y or N`],
    ['cross-column', fill('missing-episodes', [['MP-9', '2016-03-01', '', '15', 'N', '', 'Y', '', 'low']]), (f) => `${f}:2:7: "out_of_area" is Y but "looked_after" is N: only looked-after children are placed`],
    [
      'missing required column',
      'person_id,date_reported,age,looked_after,out_of_area\r\nMP-1,2016-01-01,15,Y,N\r\n',
      (f) => `${f}:1:6: missing required column "risk" (the missing-episodes template has person_id, date_reported, date_found, age, looked_after, placing_authority, out_of_area, lsoa_code, risk)`,
    ],
    ['unknown column', 'person_id,name\r\n1,x\r\n', (f) => `${f}:1:2: unknown column "name" (the missing-episodes template has person_id, date_reported, date_found, age, looked_after, placing_authority, out_of_area, lsoa_code, risk)`],
    ['too many fields', `${templateCsv(findDataset('missing-episodes'))}${csvLine(good)}MP-2,2016-01-01,,15,Y,,N,,low,extra\r\n`, (f) => `${f}:3:10: row has too many fields (10, expected 9)`],
    ['header only', templateCsv(findDataset('missing-episodes')), (f) => `${f}:2:1: file has the missing-episodes header and no rows`],
    [
      'person id too long (checked before pseudonymising, never echoed)',
      fill('missing-episodes', [good, good, ['Jane Example Person, 14 Acacia Avenue, Stockport, SK1 1AA, mother of the missing child', '2016-03-01', '', '15', 'Y', '', 'N', '', 'low']]),
      (f) => `${f}:4:1: "person_id" is not an identifier of at most 64 characters on one line`,
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => {
      await ingestPartner(store, 'missing-episodes', write('ok.csv', fill('missing-episodes', [good])), { key });
      const before = await snapshot();
      const file = write('bad.csv', text);
      expect(await refusal('missing-episodes', file)).toBe(expected(file));
      expect(await snapshot()).toBe(before);
    });
  }

  it('an XLSX error names the sheet row and column number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(findDataset('fires').columns.map((c) => c.name));
    ws.addRow(exampleRow('fires'));
    ws.addRow([]);
    ws.addRow([new Date(Date.UTC(2016, 5, 1)), 'E08000007', '', 'chimney', 'deliberate', '']);
    const file = join(dir, 'fires.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const before = await snapshot();
    expect(await refusal('fires', file)).toBe(`${file}:4:4: "fire_type" is "chimney": expected one of: primary, secondary, vehicle`);
    expect(await snapshot()).toBe(before);
  });

  it('a hate record needs a motivation strand', async () => {
    const row = exampleRow('hate').map((v, i) => (i >= 4 ? 'N' : v));
    const file = write('hate.csv', fill('hate', [row]));
    expect(await refusal('hate', file)).toBe(
      `${file}:2:5: no motivation strand is Y: at least one of race, religion, sexual_orientation, disability, transgender_identity, alternative_subculture must be Y`,
    );
  });
});

describe('pseudonymisation', () => {
  it('refuses to load person identifiers without a key', async () => {
    const file = write('m.csv', fill('missing-episodes', [exampleRow('missing-episodes')]));
    await expect(ingestPartner(store, 'missing-episodes', file, { key: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'CSP_ERR_PSEUDONYM_KEY' });
    expect(() => resolvePseudonymKey({ env: {} })).toThrow(/no pseudonymisation key/);
    expect(resolvePseudonymKey({ env: { CSP_ASSESS_PSEUDONYM_KEY: 'k'.repeat(16) } }).length).toBe(16);
  });

  it('raw identifiers appear nowhere in the database file; repeats are counted on pseudonyms', async () => {
    store.close();
    const db = join(dir, 'store.duckdb');
    store = await Store.open(db);
    const ids = ['RAWID-ALPHA-7731', 'RAWID-BRAVO-9902'];
    const rows = [
      [ids[0]!, '2016-01-02', '', '15', 'Y', '', 'N', '', 'low'],
      [ids[0]!, '2016-02-02', '', '15', 'Y', '', 'N', '', 'low'],
      [ids[1]!, '2016-02-03', '', '14', 'N', '', 'N', '', 'high'],
    ];
    await ingestPartner(store, 'missing-episodes', write('m.csv', fill('missing-episodes', rows)), { key });
    const da = [[`2016-01-05`, 'E08000007', '', 'crime', ids[1]!, 'N', 'high']];
    await ingestPartner(store, 'domestic-abuse', write('da.csv', fill('domestic-abuse', da)), { key });
    const people = await store.all<{ person_id: string; n: number }>('SELECT person_id, count(*) AS n FROM partner_missing_episodes GROUP BY ALL ORDER BY n DESC');
    expect(people).toEqual([
      { person_id: pseudonymise(key, ids[0]!), n: 2 },
      { person_id: pseudonymise(key, ids[1]!), n: 1 },
    ]);
    await store.run('CHECKPOINT');
    store.close();
    const bytes = readFileSync(db);
    for (const id of ids) expect(bytes.includes(Buffer.from(id))).toBe(false);
    store = await Store.open(':memory:');
  });
});
