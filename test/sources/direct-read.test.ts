import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inputLimits } from '../../src/sources/input-limits.ts';
import { expandSources } from '../../src/sources/source-file.ts';
import { readTextCsvDirect } from '../../src/sources/stage-text-csv.ts';
import { insertFromCsvFile } from '../../src/store/stage-csv.ts';
import { withStore } from '../../src/store/store.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { tempDir } from '../helpers/paths.ts';

describe('readTextCsvDirect: DuckDB reads the file, checked as it is read (a zip member as it is extracted)', () => {
  const header = 'id,name,note';
  const lines = Array.from({ length: 3000 }, (_, i) => `${i},"name, ${i}",${i % 7 === 0 ? '' : `n${i}`}`);

  async function load(content: string, zipped: boolean) {
    const dir = tempDir();
    const path = join(dir, zipped ? 'a.zip' : 'a.csv');
    writeFileSync(path, zipped ? zipSync({ 'a.csv': Buffer.from(content) }) : content);
    const limits = inputLimits({});
    const { files } = await expandSources([path], limits);
    return withStore(join(dir, 'x.duckdb'), async (store) => {
      await store.run('CREATE TABLE t (id VARCHAR, name VARCHAR, note VARCHAR)');
      const read = await readTextCsvDirect(files[0]!, {
        limits,
        checkHeader: (h) => expect(h).toEqual(['id', 'name', 'note']),
        load: (p, h) => insertFromCsvFile(store, { path: p, columns: h, insert: (relation) => ({ sql: `INSERT INTO t SELECT * FROM ${relation}` }) }),
      });
      const rows = await store.all<{ id: string; name: string; note: string | null }>('SELECT * FROM t');
      return { read, rows };
    });
  }

  for (const zipped of [false, true]) {
    it(`loads every record once, in file order (${zipped ? 'zip member' : 'file'})`, async () => {
      const content = `${header}\r\n${lines.join('\r\n')}\r\n`;
      const { read, rows } = await load(content, zipped);
      expect(read).toMatchObject({ accepted: true, rows: 3000, encoding: 'utf-8' });
      expect(rows.map((r) => [r.id, r.name, r.note ?? ''])).toEqual(parseCsvIndependently(content).slice(1));
    });

    it(`is not accepted when DuckDB rejects a record, or the file is not regular (${zipped ? 'zip member' : 'file'})`, async () => {
      const short = [...lines.slice(0, 2000), '2000,only two', ...lines.slice(2001)];
      expect((await load(`${header}\n${short.join('\n')}\n`, zipped)).read.accepted).toBe(false);
      const lone = [...lines.slice(0, 2500), `2500,"a\rb",x`, ...lines.slice(2501)];
      expect((await load(`${header}\n${lone.join('\n')}\n`, zipped)).read.accepted).toBe(false);
    });
  }
});
