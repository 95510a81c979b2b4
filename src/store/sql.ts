/** Quoting for the few places where a value cannot be a bound parameter (file paths in read_csv, identifiers). */
export function quotedString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function quotedIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
