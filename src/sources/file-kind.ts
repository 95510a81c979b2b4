/**
 * What a file that is not CSV text is, from its first bytes, so a refusal can say "an Excel workbook"
 * rather than "malformed CSV".
 */
const signatures: [bytes: number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (an Excel XLSX workbook is one)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel 97-2003 workbook (XLS)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
];

/** The kind of a known binary format starting `head`, or null. */
export function describeBinary(head: Uint8Array): string | null {
  for (const [bytes, what] of signatures) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return what;
  }
  // DuckDB files carry their magic at byte 8.
  if (head.length >= 12 && String.fromCharCode(...head.subarray(8, 12)) === 'DUCK') return 'a DuckDB database';
  return null;
}

/** Member names that make a zip an Office document rather than an archive of CSV files. */
export function officeKind(memberNames: readonly string[]): string | null {
  if (memberNames.some((n) => n.startsWith('xl/'))) return 'an Excel workbook (XLSX)';
  if (memberNames.some((n) => n.startsWith('word/'))) return 'a Word document (DOCX)';
  if (memberNames.includes('[Content_Types].xml')) return 'an Office document';
  return null;
}
