/**
 * Positions inside CSV text for error messages. The fast path parses with DuckDB, which reports rows,
 * not lines; these find the 1-based line where a record starts, honouring quoted line breaks.
 */

/** The first line of a CSV text, without its line ending, split on commas outside quotes. */
export function splitHeader(text: string): string[] {
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Line (1-based) on which data record `recordIndex` (0-based, after the header) starts. Reads UTF-8
 * bytes as well as text: a file of a gigabyte cannot become one JavaScript string.
 */
export function lineOfRecord(text: string | Uint8Array, recordIndex: number): number {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  let line = 1;
  let record = -1; // the header is record -1
  let quoted = false;
  let atRecordStart = true;
  for (let i = 0; i < text.length; i++) {
    if (atRecordStart) {
      if (record === recordIndex) return line;
      atRecordStart = false;
    }
    const ch = at(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10) {
      line++;
      if (!quoted) {
        record++;
        atRecordStart = true;
      }
    }
  }
  return line;
}
