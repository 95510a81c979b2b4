/**
 * Raw person identifiers never reach the store or an output, whatever shape of CSV carries them: each
 * shape the reader accepts (and a few it refuses) is loaded through the CLI, the area is assessed,
 * and the store file, its WAL and every output are scanned for the raw text.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDataset } from '../../src/sources/partnership/datasets.ts';
import { withStore } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { streetCsv } from '../helpers/police-fixtures.ts';
import { dataDir } from '../helpers/paths.ts';

const spec = findDataset('missing-episodes');
const names = spec.columns.map((c) => c.name);
const RAW = 'MP-SECRET-RAW-';

/** A data row from the template's examples, with the given person id and placing authority (raw CSV text). */
function row(id: string, placing: string, month: string): string {
  return spec.columns
    .map((c) => (c.name === 'person_id' ? id : c.name === 'placing_authority' ? placing : c.name === 'date_reported' ? `${month}-14` : c.name === 'date_found' ? `${month}-15` : c.example))
    .join(',');
}

/** Every awkward shape, one file each: [file name, bytes]. */
function shapes(): [string, Buffer][] {
  const h = names.join(',');
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  return [
    ['quoted-line-breaks.csv', utf8(`${h}\r\n${row(`${RAW}0001`, '"Derby\r\nshire, ""north"""', '2016-03')}\r\n${row(`${RAW}0011`, '"two\nlines"', '2016-03')}\r\n`)],
    ['space-quote-derby.csv', utf8(`${h}\n${row(`${RAW}0002`, ' "Derby', '2016-04')}\n${row(`${RAW}0012`, 'Derbyshire', '2016-04')}\n`)],
    ['space-quote-derby-newline.csv', utf8(`${h}\n${row(`${RAW}0003`, ' "Derby\n', '2016-05')}\n${row(`${RAW}0013`, 'x"', '2016-05')}\n`)],
    ['mixed-line-ends.csv', utf8(`${h}\r${row(`${RAW}0004`, 'a', '2016-06')}\n${row(`${RAW}0014`, '"b\rc"', '2016-06')}\r\n${row(`${RAW}0024`, 'd', '2016-06')}\r`)],
    ['bom.csv', utf8(`\ufeff${h}\r\n${row(`${RAW}0005`, 'Stockport', '2016-07')}\r\n`)],
    ['windows-1252.csv', Buffer.from(`${h}\r\n${row(`${RAW}0006`, 'Caf\xe9', '2016-08')}\r\n`, 'latin1')],
    ['quoted-id.csv', utf8(`${h}\n${row(`"${RAW}0007"`, '"x,y"', '2016-09')}\n${row(`" ${RAW}0017 "`, '', '2016-09')}\n`)],
    ['unterminated-after-id.csv', utf8(`${h}\n${row(`${RAW}0008`, '"open', '2016-10')}\n${row(`${RAW}0018`, 'z', '2016-10')}\n`)],
    ['id-with-line-break.csv', utf8(`${h}\n${row(`"${RAW}0009\n${RAW}0019"`, 'z', '2016-11')}\n`)],
  ];
}

/** A small street file per month of the configured period, in two Stockport LSOAs, so the area can be assessed. */
function writeStockportMonths(folder: string): void {
  const types = ['Burglary', 'Shoplifting', 'Anti-social behaviour', 'Violence and sexual offences', 'Vehicle crime'];
  for (let y = 2014; y <= 2017; y++) {
    for (let m = 1; m <= 12 && (y < 2017 || m <= 6); m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const rows = Array.from({ length: 12 + ((y * 12 + m) % 7) }, (_, i) => {
        const lsoa = i % 2 ? 'E01005758,Stockport 014B' : 'E01005872,Stockport 019B';
        return `id${month}-${i},${month},Greater Manchester Police,Greater Manchester Police,-2.15${i % 10},53.40${i % 10},On or near Mersey Way,${lsoa},${types[i % types.length]},,`;
      });
      writeFileSync(join(folder, `${month}-greater-manchester-street.csv`), streetCsv(rows));
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('raw person identifiers never reach the store or an output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-leak-'));
  const db = join(dir, 'store.duckdb');
  const out = join(dir, 'out');
  const keyFile = join(dir, 'key');
  const outcomes: Record<string, number> = {};

  beforeAll(async () => {
    writeFileSync(keyFile, 'a-test-key-of-enough-bytes-0123456789');
    const policeDir = join(dir, 'police');
    mkdirSync(policeDir);
    writeStockportMonths(policeDir);
    const police = await runCli('ingest', 'police', policeDir, '--db', db);
    expect(police.code).toBe(0);
    for (const [name, bytes] of shapes()) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = await runCli('ingest', 'partner', 'missing-episodes', file, '--db', db, '--key-file', keyFile);
      outcomes[name] = r.code;
      expect(r.stderr).not.toContain('internal error');
      expect(r.stdout + r.stderr).not.toContain(RAW);
    }
    const r = await runCli('assess', '--config', join(import.meta.dirname, '../../config/stockport.yaml'), '--data-dir', dataDir, '--db', db, '--out', out,
      '--as-of', '2017-07-31T00:00:00Z', '--format', 'json,html,geojson');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 240_000);

  it('loads the shapes the reader accepts and refuses the malformed ones', () => {
    expect(outcomes).toEqual({
      'quoted-line-breaks.csv': 0,
      'space-quote-derby.csv': 0,
      'space-quote-derby-newline.csv': 1,
      'mixed-line-ends.csv': 0,
      'bom.csv': 0,
      'windows-1252.csv': 0,
      'quoted-id.csv': 0,
      'unterminated-after-id.csv': 1,
      'id-with-line-break.csv': 1,
    });
  });

  it('leaves no raw identifier in the store file, its WAL, assessment.json or any output', () => {
    const scanned = [db, `${db}.wal`, ...filesUnder(out)].filter((f) => existsSync(f));
    expect(scanned).toContain(join(out, 'assessment.json'));
    for (const f of scanned) {
      const bytes = readFileSync(f);
      expect(bytes.includes(RAW), f).toBe(false);
      // Also as UTF-16 and with the digits alone: fragments of a page must not hold them either.
      expect(bytes.includes(Buffer.from(RAW, 'utf16le')), f).toBe(false);
    }
  });

  it('writes the outputs of a full edition, and the store it made, readable by their owner only', () => {
    for (const f of filesUnder(out)) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('stored every loaded episode under a pseudonym', async () => {
    const ids = await withStore(db, (s) => s.all<{ person_id: string }>('SELECT person_id FROM partner_missing_episodes'), { readOnly: true });
    // 2 + 2 + 3 + 1 + 1 + 2 rows in the files that load.
    expect(ids).toHaveLength(11);
    for (const { person_id } of ids) expect(person_id).toMatch(/^[0-9a-f]{64}$/);
  });
});
