import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { cspError } from '../errors.ts';

/** One input file as given: a path on disk, or a member of a zip archive (`archive.zip!member`). */
export interface SourceFile {
  /** How messages name the file. */
  name: string;
  /** Path on disk when the file is not an archive member: DuckDB can read it in place. */
  path: string | null;
  bytes: Buffer;
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function expandOne(path: string, accept: (name: string) => boolean, out: SourceFile[]): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no such file or folder', { file: path });
  }
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      const child = join(path, entry);
      if (statSync(child).isDirectory() || /\.(csv|zip)$/i.test(entry)) expandOne(child, accept, out);
    }
    return;
  }
  const bytes = readFileSync(path);
  if (isZip(bytes)) {
    const members = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      filter: (f) => /\.csv$/i.test(f.name) && accept(basename(f.name)),
    });
    for (const name of Object.keys(members).sort()) {
      const m = members[name]!;
      out.push({ name: `${path}!${name}`, path: null, bytes: Buffer.from(m.buffer, m.byteOffset, m.byteLength) });
    }
    return;
  }
  out.push({ name: path, path, bytes });
}

/**
 * Expands files, folders (recursively) and zip archives into the files to load, in a stable order.
 * `accept` filters archive members by base name (archives hold every force and kind).
 */
export function expandSources(paths: readonly string[], accept: (name: string) => boolean = () => true): SourceFile[] {
  const out: SourceFile[] = [];
  for (const p of paths) expandOne(p, accept, out);
  if (out.length === 0) throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no CSV files found', { file: paths.join(', ') });
  return out;
}
