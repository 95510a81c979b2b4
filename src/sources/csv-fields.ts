/**
 * Rewrites chosen fields of CSV text in place, leaving every other byte (quotes, separators, line
 * breaks, malformed rows) as it was, so a parser reading the result reports problems on the same
 * lines. Used to pseudonymise person identifiers before any database sees them.
 */

/** Where a field starts: 1-based line and field number. */
export interface FieldPosition {
  line: number;
  column: number;
}

/**
 * Replaces the value of each field whose 0-based index is in `targets`, on every record after the
 * header, with `fn(value, position)`. The result is written unquoted unless it needs quotes. A field
 * left open by an unterminated quote is kept as it is, for the parser to report.
 */
export function mapCsvFields(text: string, targets: ReadonlySet<number>, fn: (value: string, at: FieldPosition) => string): string {
  const out: string[] = [];
  let i = 0;
  let line = 1;
  let record = 0;
  let field = 0;
  let copiedTo = 0;
  while (i <= text.length) {
    const start = i;
    const startLine = line;
    let value = '';
    let closed = true;
    if (text[i] === '"') {
      closed = false;
      i++;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
      }
    }
    // Unquoted text (or what follows a closing quote) up to the separator.
    while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    if (record > 0 && closed && targets.has(field)) {
      const replaced = fn(value, { line: startLine, column: field + 1 });
      out.push(text.slice(copiedTo, start), /[",\r\n]/.test(replaced) ? `"${replaced.replace(/"/g, '""')}"` : replaced);
      copiedTo = i;
    }
    if (i >= text.length) break;
    if (text[i] === ',') {
      field++;
      i++;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    line++;
    record++;
    field = 0;
    if (i >= text.length) break;
  }
  out.push(text.slice(copiedTo));
  return out.join('');
}
