/** One line of a small CSV text split on commas outside quotes (`""` inside quotes is a quote). Input files are read by csv-normalise.ts. */
export function splitCsvLine(line: string): string[] {
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
  return fields;
}

/** The first line of a small CSV text (synthetic extracts, tests), without its line ending, fields trimmed. */
export function splitHeader(text: string): string[] {
  const end = text.search(/\r?\n/);
  return splitCsvLine(end === -1 ? text : text.slice(0, end)).map((f) => f.trim());
}
