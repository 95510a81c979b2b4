/**
 * A quick check of whether a CSV file is `regular`, made while the database parses the file's own
 * bytes: UTF-8 (a BOM allowed); a header line without quotes; then one record per line, every line
 * ended as the header is, by `\n` or by `\r\n` (the last may have no end); no empty line; a quoted field only at a field's
 * start, closed on its line and followed by a comma or the line end; no NUL byte. On such a file
 * every reader of the dialect of src/sources/csv-normalise.ts splits the same records, so the
 * database's count of records, compared with this one, confirms it read the file as the one reader
 * would. It looks for the few bytes that matter (line ends, quotes, CRs) with native searches
 * rather than reading every field, and leaves field counts to the database's strict reading.
 *
 * It never refuses a file: anything it cannot vouch for makes the file not regular, and the caller
 * reads it through the one reader, which says precisely what is wrong.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { describeBinary } from './file-kind.ts';

export type RegularCsv =
  | {
      regular: true;
      /** Trimmed field names. */
      header: string[];
      records: number;
      encoding: 'utf-8' | 'utf-8-bom';
      /** SHA-256 of the file's bytes as given. */
      sha256: string;
    }
  | { regular: false };

export interface RegularOptions {
  /** Called with the header as soon as it is read; throwing (a header the caller refuses) makes the file not regular. */
  onHeader: (header: string[]) => void;
  /** Longest record held in memory, in bytes: a longer line makes the file not regular. */
  maxRecordBytes: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const CHUNK = 1 << 20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Thrown inside the scan at the first thing that makes the file not regular. */
class Irregular extends Error {}

/**
 * Checks the lines of `buf` from `pos` to the last line end (or to the end, when `final`), each ended
 * by `\r\n` when `crlf`, else by `\n`; returns where the unchecked rest starts and how many records
 * were checked.
 */
function checkLines(buf: Buffer, pos: number, final: boolean, crlf: boolean): { pos: number; records: number } {
  let records = 0;
  let nextQuote = buf.indexOf(QUOTE, pos);
  let nextCr = buf.indexOf(CR, pos);
  for (;;) {
    let lf = buf.indexOf(LF, pos);
    if (lf === -1) {
      if (!final || pos === buf.length) break;
      lf = buf.length;
    }
    const end = crlf && lf < buf.length ? lf - 1 : lf;
    if (end <= pos) throw new Irregular();
    // The only CR of a line is the one that ends it, in a CRLF file.
    if (crlf && end < lf && buf[end] !== CR) throw new Irregular();
    if (nextCr !== -1 && nextCr < lf) {
      if (nextCr !== end || !crlf) throw new Irregular();
      nextCr = buf.indexOf(CR, lf);
    }
    while (nextQuote !== -1 && nextQuote < end) {
      if (nextQuote !== pos && buf[nextQuote - 1] !== COMMA) throw new Irregular();
      let close = buf.indexOf(QUOTE, nextQuote + 1);
      while (close !== -1 && close < end && buf[close + 1] === QUOTE) close = buf.indexOf(QUOTE, close + 2);
      if (close === -1 || close >= end || (close + 1 !== end && buf[close + 1] !== COMMA)) throw new Irregular();
      nextQuote = buf.indexOf(QUOTE, close + 1);
    }
    records++;
    pos = lf + 1;
    if (pos >= buf.length) break;
  }
  return { pos: Math.min(pos, buf.length), records };
}

/** The header line's fields, when it is one line of unquoted names. */
function headerOf(line: Buffer): string[] {
  if (line.indexOf(QUOTE) !== -1 || line.indexOf(CR) !== -1) throw new Irregular();
  return line.toString('utf8').split(',').map((f) => f.trim());
}

/** Bytes that hold only whole UTF-8 characters and no NUL. */
function checkText(b: Buffer): void {
  if (b.indexOf(0) !== -1 || !isUtf8(b)) throw new Irregular();
}

/** Checks a file's bytes given in order, chunk by chunk (as read from disk, or as a zip member is extracted). */
export class RegularCsvCheck {
  private readonly hash = createHash('sha256');
  // The unfinished line a chunk ends with, completed by the next chunk's bytes up to its first line end.
  private carry = Buffer.alloc(0);
  private header: string[] | null = null;
  private encoding: 'utf-8' | 'utf-8-bom' = 'utf-8';
  private crlf = false;
  private records = 0;
  private first = true;
  private irregular = false;

  constructor(private readonly o: RegularOptions) {}

  /** True once the file is known not to be regular: what follows need not be read. */
  get refused(): boolean {
    return this.irregular;
  }

  /** The next bytes of the file; it may reuse `chunk` once this returns. */
  push(chunk: Buffer): void {
    if (this.irregular) return;
    try {
      this.take(chunk, false);
    } catch (e) {
      if (!(e instanceof Irregular)) throw e;
      this.irregular = true;
    }
  }

  /** The end of the file: whether it is regular, and what the check found. */
  end(): RegularCsv {
    if (!this.irregular) {
      try {
        this.take(Buffer.alloc(0), true);
      } catch (e) {
        if (!(e instanceof Irregular)) throw e;
        this.irregular = true;
      }
    }
    if (this.irregular || this.header === null) return { regular: false };
    return { regular: true, header: this.header, records: this.records, encoding: this.encoding, sha256: this.hash.digest('hex') };
  }

  private take(bytes: Buffer, final: boolean): void {
    let chunk = bytes;
    this.hash.update(chunk);
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (describeBinary(chunk)) throw new Irregular();
      if (chunk.subarray(0, 3).equals(BOM)) {
        chunk = chunk.subarray(3);
        this.encoding = 'utf-8-bom';
      }
    }
    let start = 0;
    if (this.carry.length > 0 || this.header === null) {
      const lf = chunk.indexOf(LF);
      if (lf === -1 && !final) {
        this.carry = Buffer.concat([this.carry, chunk]);
        if (this.carry.length > this.o.maxRecordBytes) throw new Irregular();
        return;
      }
      start = lf === -1 ? chunk.length : lf + 1;
      const line = this.carry.length > 0 ? Buffer.concat([this.carry, chunk.subarray(0, start)]) : chunk.subarray(0, start);
      this.carry = Buffer.alloc(0);
      checkText(line);
      if (this.header === null) {
        const end = line.length > 0 && line[line.length - 1] === LF ? line.length - 1 : line.length;
        this.crlf = end > 0 && line[end - 1] === CR;
        const header = headerOf(line.subarray(0, this.crlf ? end - 1 : end));
        if (header.join('') === '') throw new Irregular();
        try {
          this.o.onHeader(header);
        } catch {
          throw new Irregular();
        }
        this.header = header;
      } else if (line.length > 0) this.records += checkLines(line, 0, true, this.crlf).records;
    }
    // The rest of the chunk is checked where it lies; its unfinished last line waits in `carry`.
    const rest = chunk.subarray(start);
    checkText(rest.subarray(0, final ? rest.length : rest.lastIndexOf(LF) + 1));
    const checked = checkLines(rest, 0, final, this.crlf);
    this.records += checked.records;
    this.carry = Buffer.from(rest.subarray(checked.pos));
    if (this.carry.length > this.o.maxRecordBytes) throw new Irregular();
  }
}

/** Reads the file at `path` once and says whether it is regular (see above), with its header, record count and hash. */
export async function checkRegularCsv(path: string, o: RegularOptions): Promise<RegularCsv> {
  const input = await open(path, 'r');
  const check = new RegularCsvCheck(o);
  const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let reading = input.read(bufs[0]!, 0, CHUNK, null);
  let turn = 0;
  try {
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0 || check.refused) return check.end();
      turn ^= 1;
      reading = input.read(bufs[turn]!, 0, CHUNK, null);
      check.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await reading.catch(() => undefined);
    await input.close();
  }
}
