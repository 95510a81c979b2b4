import { describe, expect, it } from 'vitest';
import { mapCsvFields } from '../../src/sources/csv-fields.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';

const upper = (v: string) => v.toUpperCase();

describe('mapCsvFields', () => {
  it('rewrites only the chosen column after the header, byte for byte elsewhere', () => {
    const text = 'id,name,n\r\nab,"x, y",1\r\ncd,"say ""hi""",2\r\n';
    expect(mapCsvFields(text, new Set([0]), upper)).toBe('id,name,n\r\nAB,"x, y",1\r\nCD,"say ""hi""",2\r\n');
    expect(mapCsvFields(text, new Set([1]), upper)).toBe('id,name,n\r\nab,"X, Y",1\r\ncd,"SAY ""HI""",2\r\n');
  });

  it('keeps empty fields, a missing final newline and quoted line breaks in other columns', () => {
    const text = 'a,b\n,"two\nlines"\nz,q';
    expect(mapCsvFields(text, new Set([0]), (v) => (v ? `<${v}>` : v))).toBe('a,b\n,"two\nlines"\n<z>,q');
    const seen: [string, number, number][] = [];
    mapCsvFields(text, new Set([0]), (v, at) => (seen.push([v, at.line, at.column]), v));
    expect(seen).toEqual([['', 2, 1], ['z', 4, 1]]);
  });

  it('leaves an unterminated quote for the parser to report', () => {
    const text = 'a,b\n"open,1\n2,3\n';
    expect(mapCsvFields(text, new Set([0]), upper)).toBe(text);
  });

  it('agrees with an independent parser on every value it is given', () => {
    const text = 'p,q,r\n1,"a,b",x\n"2",,"y\ny"\n3,c,z\n';
    const got: string[] = [];
    mapCsvFields(text, new Set([2]), (v) => (got.push(v), v));
    expect(got).toEqual(parseCsvIndependently(text).slice(1).map((r) => r[2]));
  });
});

describe('lineOfRecord', () => {
  it('counts lines the same in text and in UTF-8 bytes, honouring quoted line breaks', async () => {
    const { lineOfRecord } = await import('../../src/sources/csv-position.ts');
    const text = 'h1,h2\r\nä,"two\nlines"\r\nc,d\r\n';
    for (const r of [0, 1]) expect(lineOfRecord(Buffer.from(text, 'utf8'), r)).toBe(lineOfRecord(text, r));
    expect(lineOfRecord(text, 1)).toBe(4);
  });
});
