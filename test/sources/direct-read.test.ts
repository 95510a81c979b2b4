import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LinePartsWriter } from '../../src/sources/line-parts.ts';
import { inputLimits } from '../../src/sources/input-limits.ts';
import { expandSources } from '../../src/sources/source-file.ts';
import { readTextCsvDirect } from '../../src/sources/stage-text-csv.ts';
import { insertFromCsvFile } from '../../src/store/stage-csv.ts';
import { withStore } from '../../src/store/store.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { tempDir } from '../helpers/paths.ts';

describe('LinePartsWriter', () => {
  it('cuts a stream into parts of the lines asked for, which together are the stream', async () => {
    const dir = tempDir();
    const text = Array.from({ length: 500 }, (_, i) => `${i},${'x'.repeat(i % 37)}\n`).join('') + 'last,no end';
    const parts: [string, number][] = [];
    const w = new LinePartsWriter(join(dir, 'm'), (i) => (i === 0 ? 31 : 30), (path, index) => parts.push([path, index]));
    // Written in pieces of 333 bytes, so cuts fall inside pieces and pieces span cuts.
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; at += 333) await new Promise<void>((ok, fail) => w.write(bytes.subarray(at, at + 333), (e) => (e ? fail(e) : ok())));
    await new Promise<void>((ok) => w.end(ok));
    expect(parts.map(([, i]) => i)).toEqual(parts.map((_, i) => i));
    const contents = parts.map(([p]) => readFileSync(p, 'utf8'));
    expect(contents.join('')).toBe(text);
    // 501 lines (the last with no line end): 31, then 30 a part, then the 20 left.
    expect(contents.map((c) => c.split('\n').length - 1)).toEqual([31, ...Array(15).fill(30), 19]);
    expect(contents.at(-1)!.endsWith('last,no end')).toBe(true);
    expect(readdirSync(dir)).toHaveLength(parts.length);
  });
});

describe('readTextCsvDirect: a zip member loaded in parts while it is extracted', () => {
  const header = 'id,name,note';
  const lines = Array.from({ length: 3000 }, (_, i) => `${i},"name, ${i}",${i % 7 === 0 ? '' : `n${i}`}`);

  async function load(content: string, partRecords: number) {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.zip'), zipSync({ 'a.csv': Buffer.from(content) }));
    const limits = inputLimits({});
    const { files } = await expandSources([join(dir, 'a.zip')], limits);
    return withStore(join(dir, 'x.duckdb'), async (store) => {
      await store.run('CREATE TABLE t (id VARCHAR, name VARCHAR, note VARCHAR)');
      const calls: boolean[] = [];
      const read = await readTextCsvDirect(files[0]!, {
        limits,
        partRecords,
        checkHeader: (h) => expect(h).toEqual(['id', 'name', 'note']),
        load: (path, h, headerLine) => {
          calls.push(headerLine);
          return insertFromCsvFile(store, { path, columns: h, headerLine, insert: (relation) => ({ sql: `INSERT INTO t SELECT * FROM ${relation}` }) });
        },
      });
      const rows = await store.all<{ id: string; name: string; note: string | null }>('SELECT * FROM t');
      return { read, calls, rows };
    });
  }

  it('loads every record once, in file order, with the header line only in the first part', async () => {
    const content = `${header}\r\n${lines.join('\r\n')}\r\n`;
    const { read, calls, rows } = await load(content, 400);
    expect(read).toMatchObject({ accepted: true, rows: 3000 });
    expect(calls).toHaveLength(Math.ceil(3000 / 400));
    expect(calls).toEqual(calls.map((_, i) => i === 0));
    const expected = parseCsvIndependently(content).slice(1);
    expect(rows.map((r) => [r.id, r.name, r.note ?? ''])).toEqual(expected);
  });

  it('is not accepted when a part holds a record DuckDB rejects, or the file is not regular', async () => {
    const short = [...lines.slice(0, 2000), '2000,only two', ...lines.slice(2001)];
    expect((await load(`${header}\n${short.join('\n')}\n`, 400)).read.accepted).toBe(false);
    const lone = [...lines.slice(0, 2500), `2500,"a\rb",x`, ...lines.slice(2501)];
    expect((await load(`${header}\n${lone.join('\n')}\n`, 400)).read.accepted).toBe(false);
  });
});
