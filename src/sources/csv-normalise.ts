/**
 * The one reader of CSV text. It streams a file once, decides its encoding for the whole file, splits
 * it into records, checks every record has the header's number of fields, lets a caller rewrite chosen
 * fields (pseudonymisation), and writes what it read as plain UTF-8 CSV with `\n` line ends and no
 * header. The database reads that output and nothing else, so the records the pseudonymiser saw are
 * exactly the records stored, and every malformed shape is reported here as FILE:LINE:COLUMN.
 *
 * Dialect: comma separated; a field is quoted only when it starts with `"` (inside, `""` is a quote);
 * a `"` later in an unquoted field is an ordinary character; records end at `\n`, `\r\n` or a lone
 * `\r`; empty lines are skipped.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { type FileHandle, open } from 'node:fs/promises';
import { cspError } from '../errors.ts';
import { describeBinary } from './file-kind.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Where a field starts: 1-based line and field number. */
export interface FieldPosition {
  line: number;
  column: number;
}

export interface NormaliseOptions {
  /** How messages name the file. */
  name: string;
  /** Where to write the normalised records (a file, or a FIFO the database reads while this writes). */
  out: string;
  /**
   * Called with the header before a pass opens `out` (a Windows-1252 file takes a second pass): starts
   * the reader of a FIFO.
   */
  openingOut?: (header: readonly string[]) => Promise<void>;
  /** Checks the header (trimmed field names) and throws naming the column; returns the fields to rewrite. */
  header: (fields: string[]) => ReadonlySet<number> | void;
  /** Rewrites a chosen field's value; may throw a CspError naming the position. */
  rewrite?: (value: string, at: FieldPosition, header: readonly string[]) => string;
  /** Longest record held in memory, in bytes: a longer one is refused (an unterminated quote, usually). */
  maxRecordBytes: number;
}

export interface NormalisedCsv {
  header: string[];
  records: number;
  encoding: TextEncodingName;
  /** SHA-256 of the file's bytes as given. */
  sha256: string;
  /** Line on which data record `r` (0-based) starts. */
  lineOf: (record: number) => number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const CHUNK = 1 << 20;
/** Bytes that end an unquoted run: comma, quote, LF, CR. */
const SPECIAL = new Uint8Array(256);
for (const b of [COMMA, QUOTE, LF, CR]) SPECIAL[b] = 1;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Where a UTF-8 read met the first byte that is not UTF-8. */
class InvalidUtf8 extends Error {
  constructor(readonly offset: number) {
    super('not UTF-8');
  }
}

/** Index of the first byte of `b` that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    if (n > 1 && !isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return b.length;
}

/** A UTF-8 encoded character of two to four bytes, looked for in Latin-1 text of raw bytes. */
const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/;

/** The 1-based line holding byte `offset` of the file. */
async function lineAt(path: string, offset: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.allocUnsafe(CHUNK);
    let line = 1;
    let pos = 0;
    let prevCr = false;
    while (pos < offset) {
      const { bytesRead } = await fh.read(b, 0, Math.min(CHUNK, offset - pos), pos);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        const c = b[i];
        if (c === LF) line += prevCr ? 0 : 1;
        else if (c === CR) line++;
        prevCr = c === CR;
      }
      pos += bytesRead;
    }
    return line;
  } finally {
    await fh.close();
  }
}

/** Bytes at the end of `b` that start a UTF-8 sequence not yet complete (0 to 3). */
function incompleteUtf8Tail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > k ? k : 0;
    }
  }
  return 0;
}

function countLineBreaks(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === LF) n++;
    else if (c === CR && b[i + 1] !== LF) n++;
  }
  return n;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Buffered writes to the output file: `put` when `fits`, else `write`. Two buffers: one fills while
 * the other is written.
 */
class Output {
  private readonly bufs = [Buffer.allocUnsafe(4 * CHUNK), Buffer.allocUnsafe(4 * CHUNK)];
  private buf = this.bufs[0]!;
  private used = 0;
  private writing: Promise<unknown> = Promise.resolve();
  constructor(private readonly fh: FileHandle) {}
  fits(n: number): boolean {
    return this.used + n + 1 <= this.buf.length;
  }
  /** Bytes `from` to `to` of `src` and a line end. */
  put(src: Buffer, from: number, to: number): void {
    this.used += src.copy(this.buf, this.used, from, to);
    this.buf[this.used++] = LF;
  }
  async write(src: Buffer, from: number, to: number): Promise<void> {
    if (this.fits(to - from)) return this.put(src, from, to);
    await this.flush();
    if (this.fits(to - from)) return this.put(src, from, to);
    await this.writing;
    await this.fh.write(src.subarray(from, to));
    await this.fh.write('\n');
  }
  /** Starts writing the filled buffer (after the one before it is written) and fills the other. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.used > 0) {
      this.writing = this.fh.write(this.buf, 0, this.used);
      this.buf = this.buf === this.bufs[0] ? this.bufs[1]! : this.bufs[0]!;
    }
    this.used = 0;
  }
  /** Everything written. */
  async end(): Promise<void> {
    await this.flush();
    await this.writing;
  }
  /** Waits for a write in flight, ignoring its failure (the file is being closed after an error). */
  async settle(): Promise<void> {
    await this.writing.catch(() => undefined);
  }
}

function fieldCountError(file: string, line: number, found: number, expected: number): Error {
  const many = found > expected;
  return cspError('CSP_ERR_SOURCE_CSV', `row has too ${many ? 'many' : 'few'} fields (${found}, expected ${expected})`, {
    file,
    line,
    column: many ? expected + 1 : found,
  });
}

function mixedEncodings(file: string, utf8Line: number, otherLine: number): Error {
  return cspError(
    'CSP_ERR_SOURCE_CSV',
    `the file mixes text encodings: this line is UTF-8 but line ${otherLine} holds a byte that is not UTF-8 (Windows-1252?); save the whole file as UTF-8`,
    { file, line: utf8Line, column: 1 },
  );
}

/**
 * One pass over the file: as UTF-8 (`notUtf8At` -1), throwing InvalidUtf8 at the first byte that is
 * not; or as Windows-1252, refusing a file that also holds UTF-8 characters.
 */
async function pass(path: string, o: NormaliseOptions, notUtf8At: number): Promise<NormalisedCsv> {
  const windows1252 = notUtf8At >= 0;
  const input = await open(path, 'r');
  // Opened once the header is read, so a FIFO's reader can be told the columns.
  let outFh: FileHandle | null = null;
  let out = null as unknown as Output;
  const hash = createHash('sha256');
  const decoder = windows1252 ? new TextDecoder('windows-1252') : null;
  let encoding: TextEncodingName = windows1252 ? 'windows-1252' : 'utf-8';
  let header: string[] | null = null;
  let targets: ReadonlySet<number> = new Set();
  let records = 0;
  let line = 1; // line on which `carry` starts
  // Line of record r is r + offset; the records where the offset changes (multi-line records, blank lines).
  let offset = 2;
  const breakRecords: number[] = [];
  const breakOffsets: number[] = [];
  let carry = Buffer.alloc(0);
  let utf8Tail = Buffer.alloc(0);
  let first = true;
  let sawText = false;
  // Fields of the record being read: start, end (exclusive), quoted, line of start.
  const starts: number[] = [];
  const ends: number[] = [];
  const quoted: boolean[] = [];
  const fieldLines: number[] = [];
  // Two read buffers: the next chunk is read while this one is parsed.
  const readBufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let reading = input.read(readBufs[0]!, 0, CHUNK, null);
  let turn = 0;
  let consumed = 0;
  // Windows-1252 pass: where the file holds a UTF-8 character, so it mixes encodings.
  let mixedAt = -1;
  try {
    for (;;) {
      const { bytesRead, buffer: readBuf } = await reading;
      const final = bytesRead === 0;
      turn ^= 1;
      if (!final) reading = input.read(readBufs[turn]!, 0, CHUNK, null);
      let chunk: Buffer = readBuf.subarray(0, bytesRead);
      const chunkOffset = consumed;
      consumed += bytesRead;
      hash.update(chunk);
      if (windows1252 && mixedAt === -1) {
        const m = UTF8_SEQUENCE.exec(chunk.toString('latin1'));
        if (m) mixedAt = chunkOffset + m.index;
      }
      // Absolute offset of chunk[0] in the file.
      let start = chunkOffset;
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk.subarray(0, 3).equals(BOM)) {
          chunk = chunk.subarray(3);
          start += 3;
          if (!windows1252) encoding = 'utf-8-bom';
        }
        const binary = describeBinary(chunk);
        if (binary) throw cspError('CSP_ERR_SOURCE_BINARY', `file is ${binary}, not CSV text`, { file: o.name, line: 1, column: 1 });
      }
      if (decoder) chunk = Buffer.from(decoder.decode(chunk, { stream: !final }), 'utf8');
      else {
        start -= utf8Tail.length;
        if (utf8Tail.length > 0) chunk = Buffer.concat([utf8Tail, chunk]);
        const tail = final ? 0 : incompleteUtf8Tail(chunk);
        utf8Tail = Buffer.from(chunk.subarray(chunk.length - tail));
        chunk = chunk.subarray(0, chunk.length - tail);
        if (!isUtf8(chunk)) throw new InvalidUtf8(start + firstInvalidUtf8(chunk));
      }
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const nul = buf.indexOf(0);
      if (nul !== -1) {
        throw cspError('CSP_ERR_SOURCE_BINARY', 'file is binary, not CSV text (it holds NUL bytes; was a spreadsheet saved as .csv?)', {
          file: o.name,
          line: line + countLineBreaks(buf, 0, nul),
          column: 1,
        });
      }
      if (!sawText && /\S/.test(buf.toString('latin1', 0, Math.min(buf.length, 4096)))) sawText = true;
      let pos = 0;
      let recollect = false;
      records: for (;;) {
        // Empty lines are skipped; a \r last in the chunk may be half of a \r\n.
        while (pos < buf.length && (buf[pos] === LF || buf[pos] === CR)) {
          if (buf[pos] === CR) {
            if (pos + 1 === buf.length && !final) break records;
            if (buf[pos + 1] === LF) pos++;
          }
          pos++;
          line++;
        }
        if (pos >= buf.length) break;
        // Fast path: a record on one line whose quoted fields hold no `""` is written as read; its
        // fields are counted, not kept. Anything else (a line break or `""` in a quoted field, a quote
        // inside an unquoted one, a lone CR, a malformed quote) goes the full way below.
        if (header !== null && targets.size === 0) {
          const lf = buf.indexOf(LF, pos);
          if (lf !== -1) {
            const end = buf[lf - 1] === CR && lf - 1 > pos ? lf - 1 : lf;
            let k = pos;
            let fields = 1;
            let simple = true;
            for (;;) {
              if (buf[k] === QUOTE && k < end) {
                const q = buf.indexOf(QUOTE, k + 1);
                if (q === -1 || q >= end || buf[q + 1] === QUOTE) {
                  simple = false;
                  break;
                }
                k = q + 1;
              } else {
                let c = buf[k]!;
                while (k < end && c !== COMMA && c !== QUOTE && c !== CR) c = buf[++k]!;
              }
              if (k >= end) break;
              if (buf[k] !== COMMA) {
                simple = false;
                break;
              }
              fields++;
              k++;
            }
            if (simple) {
              if (fields !== header.length) throw fieldCountError(o.name, line, fields, header.length);
              if (line - records !== offset) {
                offset = line - records;
                breakRecords.push(records);
                breakOffsets.push(offset);
              }
              if (out.fits(end - pos)) out.put(buf, pos, end);
              else await out.write(buf, pos, end);
              records++;
              pos = lf + 1;
              line++;
              continue;
            }
          }
        }
        const recStart = pos;
        const recLine = line;
        let i = pos;
        let ln = line;
        let rewrite = false;
        // Field boundaries are kept only when fields are read (the header, rewrites, stray quotes).
        const collect = header === null || targets.size > 0 || recollect;
        recollect = false;
        starts.length = ends.length = quoted.length = fieldLines.length = 0;
        let fields = 0;
        let lastEnd = i;
        let terminatorEnd: number;
        for (;;) {
          const fStart = i;
          if (collect) fieldLines.push(ln);
          if (buf[i] === QUOTE) {
            let j = i + 1;
            let closed = -1;
            for (;;) {
              const q = buf.indexOf(QUOTE, j);
              if (q === -1) break;
              if (buf[q + 1] === QUOTE) {
                j = q + 2;
                continue;
              }
              if (q + 1 === buf.length && !final) break;
              closed = q;
              break;
            }
            if (closed === -1) {
              if (!final) break records; // the record goes on in the next chunk
              throw cspError('CSP_ERR_SOURCE_CSV', 'unterminated quote: a field opens with " and never closes', { file: o.name, line: ln, column: fields + 1 });
            }
            ln += countLineBreaks(buf, i + 1, closed);
            i = closed + 1;
            fields++;
            lastEnd = i;
            if (collect) {
              starts.push(fStart);
              ends.push(i);
              quoted.push(true);
            }
            const next = buf[i];
            if (i < buf.length && next !== COMMA && next !== LF && next !== CR) {
              throw cspError('CSP_ERR_SOURCE_CSV', 'text after a closing quote: a quoted field must end at the comma or the line end', {
                file: o.name,
                line: ln,
                column: fields,
              });
            }
          } else {
            while (i < buf.length && SPECIAL[buf[i]!] === 0) i++;
            // A quote inside an unquoted field is text: written escaped, so the database reads it so too.
            while (i < buf.length && buf[i] === QUOTE) {
              rewrite = true;
              i++;
              while (i < buf.length && SPECIAL[buf[i]!] === 0) i++;
            }
            fields++;
            lastEnd = i;
            if (collect) {
              starts.push(fStart);
              ends.push(i);
              quoted.push(false);
            }
          }
          if (i >= buf.length) {
            if (!final) break records;
            terminatorEnd = i;
            break;
          }
          if (buf[i] === COMMA) {
            i++;
            if (i >= buf.length && !final) break records;
            continue;
          }
          if (buf[i] === CR) {
            if (i + 1 >= buf.length && !final) break records;
            terminatorEnd = buf[i + 1] === LF ? i + 2 : i + 1;
          } else terminatorEnd = i + 1;
          ln++;
          break;
        }
        if (rewrite && !collect) {
          // Read the record again keeping its fields, to write the quote escaped.
          recollect = true;
          continue;
        }
        if (header === null) {
          header = starts.map((s, k) => fieldText(buf, s, ends[k]!, quoted[k]!).trim());
          targets = o.header(header) ?? new Set();
          await o.openingOut?.(header);
          outFh = await open(o.out, 'w', 0o600);
          out = new Output(outFh);
        } else {
          if (fields !== header.length) throw fieldCountError(o.name, recLine, fields, header.length);
          if (recLine - records !== offset) {
            offset = recLine - records;
            breakRecords.push(records);
            breakOffsets.push(offset);
          }
          if (rewrite || targets.size > 0) {
            const values: string[] = [];
            for (let k = 0; k < starts.length; k++) {
              let v = fieldText(buf, starts[k]!, ends[k]!, quoted[k]!);
              if (o.rewrite && targets.has(k)) v = o.rewrite(v, { line: fieldLines[k]!, column: k + 1 }, header);
              values.push(csvField(v));
            }
            const text = Buffer.from(values.join(','), 'utf8');
            await out.write(text, 0, text.length);
          } else if (out.fits(lastEnd - recStart)) out.put(buf, recStart, lastEnd);
          else await out.write(buf, recStart, lastEnd);
          records++;
        }
        pos = terminatorEnd;
        line = ln;
      }
      carry = pos < buf.length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
      if (carry.length > o.maxRecordBytes) {
        throw cspError('CSP_ERR_SOURCE_CSV', `a record longer than ${Math.round(o.maxRecordBytes / 2 ** 20)} MB: is a quote left open?`, {
          file: o.name,
          line,
          column: 1,
        });
      }
      if (final) break;
    }
    if (!sawText || header === null) throw cspError('CSP_ERR_SOURCE_EMPTY', 'file is empty', { file: o.name, line: 1, column: 1 });
    if (mixedAt !== -1) throw mixedEncodings(o.name, await lineAt(path, mixedAt), await lineAt(path, notUtf8At));
    await out.end();
  } finally {
    await reading.catch(() => undefined);
    await input.close();
    await out?.settle();
    await outFh?.close();
  }
  const lineOf = (r: number): number => {
    let lo = 0;
    let hi = breakRecords.length - 1;
    let at = 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (breakRecords[mid]! <= r) {
        at = breakOffsets[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return r + at;
  };
  return { header, records, encoding, sha256: hash.digest('hex'), lineOf };
}

function fieldText(buf: Buffer, start: number, end: number, isQuoted: boolean): string {
  if (!isQuoted) return buf.toString('utf8', start, end);
  return buf.toString('utf8', start + 1, end - 1).replace(/""/g, '"');
}

/**
 * Reads the CSV file at `path` (UTF-8, UTF-8 with a BOM, or else Windows-1252 for the whole file) and
 * writes its data records, normalised, to `options.out`. A file holding both UTF-8 characters and
 * bytes that are not UTF-8 is refused: reading it either way would garble part of it.
 */
export async function normaliseCsv(path: string, options: NormaliseOptions): Promise<NormalisedCsv> {
  try {
    return await pass(path, options, -1);
  } catch (e) {
    if (!(e instanceof InvalidUtf8)) throw e;
    return pass(path, options, e.offset);
  }
}
