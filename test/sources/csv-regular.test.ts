import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';
import { isCspError } from '../../src/errors.ts';
import { normaliseCsv } from '../../src/sources/csv-normalise.ts';
import { checkRegularCsv, RegularCsvCheck } from '../../src/sources/csv-regular.ts';
import { tempDir } from '../helpers/paths.ts';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = tempDir('csp-regular-');
});

function write(content: string | Buffer): string {
  const path = join(dir, `in-${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

async function check(content: string | Buffer, onHeader: (h: string[]) => void = () => undefined) {
  return checkRegularCsv(write(content), { onHeader, maxRecordBytes: 1 << 20 });
}

describe('checkRegularCsv: regular files', () => {
  it('reads LF, CRLF, a BOM, quoted commas and doubled quotes, and a last line without a line end', async () => {
    const seen: string[][] = [];
    const r = await check('\ufeffa, b ,c\r\n1,"x, y",""\r\n2,"say ""hi""",z\r\n3,,', (h) => void seen.push(h));
    expect(r).toMatchObject({ regular: true, header: ['a', 'b', 'c'], records: 3, encoding: 'utf-8-bom' });
    expect(seen).toEqual([['a', 'b', 'c']]);
    expect(await check('a,b\n1,2\n3,4\n')).toMatchObject({ regular: true, records: 2, encoding: 'utf-8' });
  });

  it('hashes the bytes as given', async () => {
    const text = '\ufeffa,b\n1,é\n';
    const r = await check(text);
    expect(r.regular && r.sha256).toBe(createHash('sha256').update(Buffer.from(text)).digest('hex'));
  });

  it('counts records across read chunks, with a UTF-8 character cut by a chunk end', async () => {
    // 1 MiB chunks: lines of 1..40 characters, some two-byte, land chunk ends anywhere, inside characters too.
    const rand = mulberry32(7);
    const lines = ['id,name'];
    let bytes = 0;
    while (bytes < 2.5 * 2 ** 20) {
      const name = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => (rand() < 0.3 ? 'é' : 'a')).join('');
      const line = `${lines.length},${rand() < 0.5 ? `"${name}, x"` : name}`;
      lines.push(line);
      bytes += Buffer.byteLength(line) + 2;
    }
    const r = await check(`${lines.join('\r\n')}\r\n`);
    expect(r).toMatchObject({ regular: true, records: lines.length - 1 });
  });

  it('takes a CRLF and a UTF-8 character cut exactly by the first chunk end (1 MiB)', async () => {
    const chunk = 2 ** 20;
    const head = 'id,name\r\n';
    // Line 2 is long enough for its CR to be the chunk's last byte, or its é to straddle the chunk end.
    const crAtEnd = `${head}1,${'x'.repeat(chunk - head.length - 3)}\r\n2,y\r\n`;
    expect(Buffer.from(crAtEnd)[chunk - 1]).toBe(13);
    const cutChar = `${head}1,${'x'.repeat(chunk - head.length - 3)}é\r\n2,y\r\n`;
    expect(Buffer.from(cutChar).subarray(chunk - 1, chunk + 1).toString()).toBe('é');
    for (const text of [crAtEnd, cutChar]) {
      const r = await checkRegularCsv(write(text), { onHeader: () => undefined, maxRecordBytes: 4 * chunk });
      expect(r).toMatchObject({ regular: true, records: 2 });
    }
    const lfOnly = `${head}1,${'x'.repeat(chunk - head.length - 3)}\n2,y\r\n`;
    expect((await checkRegularCsv(write(lfOnly), { onHeader: () => undefined, maxRecordBytes: 4 * chunk })).regular).toBe(false);
  });
});

describe('checkRegularCsv: what it does not vouch for', () => {
  const cases: [string, string | Buffer][] = [
    ['a lone CR line end', 'a,b\r1,2\r3,4\r'],
    ['a CR inside a line', 'a,b\n1,2\r3\n'],
    ['a CR last in the file', 'a,b\n1,2\r'],
    ['an LF line in a CRLF file', 'a,b\r\n1,2\n3,4\r\n'],
    ['a CRLF line in an LF file', 'a,b\n1,2\r\n3,4\n'],
    ['an empty line', 'a,b\n1,2\n\n3,4\n'],
    ['an empty line of CRLF', 'a,b\r\n1,2\r\n\r\n3,4\r\n'],
    ['a quote inside an unquoted field', 'a,b\n1,x"y\n'],
    ['a line break inside a quoted field', 'a,b\n1,"x\ny"\n'],
    ['an unterminated quote', 'a,b\n1,"x\n2,3\n'],
    ['text after a closing quote', 'a,b\n1,"x"y\n'],
    ['a byte that is not UTF-8', Buffer.from('a,b\n1,caf\xe9\n', 'latin1')],
    ['a NUL byte', 'a,b\n1,\u0000\n'],
    ['a quoted header', '"a",b\n1,2\n'],
    ['a header only of spaces', ' \n1\n'],
    ['an empty file', ''],
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])],
  ];
  for (const [what, content] of cases) {
    it(`not regular: ${what}`, async () => {
      expect((await check(content)).regular).toBe(false);
    });
  }

  it('not regular: a header the caller refuses (the careful reader reports it)', async () => {
    const r = await check('a,b\n1,2\n', () => {
      throw new Error('no');
    });
    expect(r.regular).toBe(false);
  });

  it('not regular: a record longer than the bound, as the one reader refuses it', async () => {
    const path = write(`a,b\n1,${'x'.repeat(3 * 2 ** 20)}\n`);
    expect((await checkRegularCsv(path, { onHeader: () => undefined, maxRecordBytes: 2 ** 20 })).regular).toBe(false);
    await expect(normaliseCsv(path, { name: 'x.csv', out: join(dir, 'long.out'), header: () => undefined, maxRecordBytes: 2 ** 20 })).rejects.toThrow(/longer than 1 MB/);
  });
});

describe('checkRegularCsv: a regular file is read by the one reader as its own bytes', () => {
  it('on random files: when regular, the one reader takes every line as one record, unchanged, or refuses only a field count', async () => {
    const rand = mulberry32(2024);
    const alphabet = ['a', 'b', 'é', ' ', ',', ',', ',', '"', '"', '\n', '\n', '\r\n', '\r'];
    let regular = 0;
    for (let t = 0; t < 1000; t++) {
      let body = '';
      const length = Math.floor(rand() * 40);
      for (let i = 0; i < length; i++) body += alphabet[Math.floor(rand() * alphabet.length)];
      const text = `h1,h2\n${body}`;
      const path = write(text);
      const r = await checkRegularCsv(path, { onHeader: () => undefined, maxRecordBytes: 1 << 20 });
      // Given in pieces of any size (as a zip member is extracted), the bytes are judged the same.
      const pieces = new RegularCsvCheck({ onHeader: () => undefined, maxRecordBytes: 1 << 20 });
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(rand() * 6);
        pieces.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(pieces.end(), text).toEqual(r);
      if (!r.regular) continue;
      regular++;
      const out = join(dir, `out-${t}.csv`);
      try {
        const read = await normaliseCsv(path, { name: 'x.csv', out, header: () => undefined, maxRecordBytes: 1 << 20 });
        const lines = body.split(/\r?\n/);
        if (lines.at(-1) === '') lines.pop();
        expect(read.records).toBe(r.records);
        expect(readFileSync(out, 'utf8')).toBe(lines.map((l) => `${l}\n`).join(''));
      } catch (e) {
        if (!isCspError(e)) throw e;
        expect(e.message, text).toMatch(/too (many|few) fields/);
      }
    }
    // The sample holds enough regular files for the comparison to mean something.
    expect(regular).toBeGreaterThan(50);
  });
});
