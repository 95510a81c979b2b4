import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isCspError } from '../../src/errors.ts';
import { normaliseCsv, type NormaliseOptions } from '../../src/sources/csv-normalise.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csp-normalise-'));
});

async function normalise(content: string | Buffer, extra: Partial<NormaliseOptions> = {}) {
  const path = join(dir, 'in.csv');
  writeFileSync(path, content);
  const out = join(dir, 'out.csv');
  const r = await normaliseCsv(path, { name: 'in.csv', out, header: () => undefined, maxRecordBytes: 1 << 20, ...extra });
  return { ...r, out: readFileSync(out, 'utf8') };
}

async function refusal(content: string | Buffer, extra: Partial<NormaliseOptions> = {}): Promise<string> {
  try {
    await normalise(content, extra);
  } catch (e) {
    if (isCspError(e)) return e.format();
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('normaliseCsv: shapes it accepts', () => {
  it('reads CRLF, LF and lone CR mixed, a BOM, quoted line breaks and quotes, and skips empty lines', async () => {
    const text = '\ufeffa,b,c\r\n1,"two\r\nlines",x\n\n2,"say ""hi""",y\r3,plain,z\r\n"4",",",\n';
    const r = await normalise(text);
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.header).toEqual(['a', 'b', 'c']);
    expect(r.records).toBe(4);
    expect(parseCsvIndependently(r.out)).toEqual([
      ['1', 'two\r\nlines', 'x'],
      ['2', 'say "hi"', 'y'],
      ['3', 'plain', 'z'],
      ['4', ',', ''],
    ]);
    // Lines: header 1, record 0 on 2-3, empty line 4, record 1 on 5, record 2 on 6, record 3 on 7.
    expect([0, 1, 2, 3].map(r.lineOf)).toEqual([2, 5, 6, 7]);
  });

  it('keeps a quote inside an unquoted field as text, and writes it so the database reads the same', async () => {
    const r = await normalise('id,note\nMP-1, "Derby\nMP-2,5" tall\n');
    expect(parseCsvIndependently(r.out)).toEqual([
      ['MP-1', ' "Derby'],
      ['MP-2', '5" tall'],
    ]);
  });

  it('reads a file without a final line break, and one of a single header line as no records', async () => {
    expect((await normalise('a,b\n1,2')).out).toBe('1,2\n');
    expect((await normalise('a,b\r\n')).records).toBe(0);
  });

  it('agrees with an independent parser across read chunks, with lines counted', async () => {
    const rows: string[] = ['k,text,n'];
    const expected: string[][] = [];
    const lines: number[] = [];
    let line = 2;
    for (let i = 0; i < 60_000; i++) {
      const multi = i % 7 === 0;
      const text = multi ? `row ${i}\nsecond, line` : `row ${i} ${'x'.repeat(i % 50)}`;
      rows.push(`${i},${multi ? `"${text}"` : text},${i % 3}`);
      expected.push([String(i), text, String(i % 3)]);
      lines.push(line);
      line += multi ? 2 : 1;
    }
    const r = await normalise(rows.map((row, i) => row + (i % 2 ? '\r\n' : '\n')).join(''));
    expect(r.records).toBe(60_000);
    expect(parseCsvIndependently(r.out)).toEqual(expected);
    for (const k of [0, 1, 7, 8, 29_999, 59_999]) expect(r.lineOf(k)).toBe(lines[k]);
  });

  it('reads a whole file as Windows-1252 when it is not UTF-8, so Café survives everywhere in it', async () => {
    // The only byte that is not UTF-8 comes after several read chunks of plain text.
    const bytes = Buffer.concat([
      Buffer.from('name,n\nCaf\xe9,0\n', 'latin1'),
      Buffer.from(`${'x'.repeat(99)},1\n`.repeat(40_000)),
      Buffer.from('Caf\xe9 \x80,2\n', 'latin1'),
    ]);
    const r = await normalise(bytes);
    expect(r.encoding).toBe('windows-1252');
    const out = r.out.split('\n');
    expect([out[0], out[40_001]]).toEqual(['Café,0', 'Café €,2']);
  });

  it('hands the chosen fields to rewrite with their line and column, and writes what it returns', async () => {
    const seen: string[] = [];
    const r = await normalise('id,note\n"MP-\n1",a\nMP-2,b\n', {
      header: (h) => new Set([h.indexOf('id')]),
      rewrite: (v, at) => (seen.push(`${JSON.stringify(v)}@${at.line}:${at.column}`), `P${seen.length}`),
    });
    expect(seen).toEqual(['"MP-\\n1"@2:1', '"MP-2"@4:1']);
    expect(r.out).toBe('P1,a\nP2,b\n');
  });
});

describe('normaliseCsv: refusals name FILE:LINE:COLUMN', () => {
  it('an unterminated quote, at the field it opens', async () => {
    expect(await refusal('a,b\n1,2\n3,"open\n4,5\n')).toBe('in.csv:3:2: unterminated quote: a field opens with " and never closes');
  });

  it('too many fields, even empty ones (988 extra), at the first extra column', async () => {
    expect(await refusal(`a,b\n1,2\n3,4${','.repeat(988)}\n`)).toBe('in.csv:3:3: row has too many fields (990, expected 2)');
  });

  it('too few fields, after a lone CR line end', async () => {
    expect(await refusal('a,b,c\r\n1,2,3\r4,5\n')).toBe('in.csv:3:2: row has too few fields (2, expected 3)');
  });

  it('text after a closing quote', async () => {
    expect(await refusal('a,b\n"x"y,1\n')).toBe('in.csv:2:1: text after a closing quote: a quoted field must end at the comma or the line end');
  });

  it('binary content and known binary formats, saying what they are', async () => {
    expect(await refusal(Buffer.from('a,b\n1,2\n3\x004\n', 'latin1'))).toBe(
      'in.csv:3:1: file is binary, not CSV text (it holds NUL bytes; was a spreadsheet saved as .csv?)',
    );
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('in.csv:1:1: file is an Excel 97-2003 workbook (XLS), not CSV text');
    expect(await refusal('%PDF-1.4\n')).toBe('in.csv:1:1: file is a PDF document, not CSV text');
  });

  it('an empty or blank file', async () => {
    expect(await refusal('')).toBe('in.csv:1:1: file is empty');
    expect(await refusal(' \r\n\n')).toBe('in.csv:1:1: file is empty');
  });

  it('a file mixing UTF-8 and Windows-1252, rather than garbling either part', async () => {
    const bytes = Buffer.concat([Buffer.from('name,n\nCafé,1\n', 'utf8'), Buffer.from('Caf\xe9,2\n', 'latin1')]);
    expect(await refusal(bytes)).toBe(
      'in.csv:2:1: the file mixes text encodings: this line is UTF-8 but line 3 holds a byte that is not UTF-8 (Windows-1252?); save the whole file as UTF-8',
    );
  });

  it('a record longer than the bound', async () => {
    expect(await refusal(`a,b\n1,"${'x'.repeat(3 << 20)}"\n`, { maxRecordBytes: 1 << 20 })).toBe('in.csv:2:1: a record longer than 1 MB: is a quote left open?');
  });
});
