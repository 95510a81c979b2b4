import { type Stats, closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cspError } from '../errors.ts';
import { describeBinary, officeKind } from './file-kind.ts';
import type { InputLimits } from './input-limits.ts';
import { extractZipEntry, readZipEntries, type ZipEntry } from './zip-archive.ts';

/** One input file as given: a path on disk, or a member of a zip archive (`archive.zip!member`). */
export interface SourceFile {
  /** How messages name the file. */
  name: string;
  /** Path on disk, or the archive holding the member. */
  path: string;
  member: ZipEntry | null;
}

/** A file found and not read, with why. */
export interface SkippedSource {
  name: string;
  reason: string;
}

export interface ExpandedSources {
  files: SourceFile[];
  skipped: SkippedSource[];
}

/** Decides whether an archive member is read: null to read it, else the reason it is skipped. */
export type MemberFilter = (baseName: string) => string | null;

/** The first bytes of a file, to tell a zip from text. */
function headOf(path: string): Buffer {
  const b = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    return b.subarray(0, readSync(fd, b, 0, b.length, 0));
  } finally {
    closeSync(fd);
  }
}

function statOrRefuse(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      // Neither the path nor a link by that name exists.
    }
    if (code === 'ELOOP') throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'symbolic link loop: the link leads back to itself', { file: path });
    if (link) throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'broken symbolic link: what it points to does not exist', { file: path });
    if (code === 'EACCES') throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'permission denied', { file: path });
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no such file or folder', { file: path });
  }
}

async function expandOne(path: string, filter: MemberFilter, limits: InputLimits, out: ExpandedSources, folders: string[]): Promise<void> {
  const stat = statOrRefuse(path);
  if (stat.isDirectory()) {
    const real = realpathSync(path);
    if (folders.includes(real)) throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'folder loop: a symbolic link leads back to a folder that holds it', { file: path });
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      throw cspError('CSP_ERR_SOURCE_NOT_FOUND', `cannot read the folder (${(e as NodeJS.ErrnoException).code})`, { file: path });
    }
    for (const entry of entries) {
      const child = join(path, entry);
      if (statOrRefuse(child).isDirectory() || /\.(csv|zip)$/i.test(entry)) await expandOne(child, filter, limits, out, [...folders, real]);
      else if (!entry.startsWith('.')) out.skipped.push({ name: child, reason: 'not a .csv or .zip file' });
    }
    return;
  }
  if (!stat.isFile()) throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'not a regular file', { file: path });
  const head = headOf(path);
  if (describeBinary(head)?.startsWith('a zip')) {
    const entries = await readZipEntries(path, limits);
    const office = officeKind(entries.map((e) => e.name));
    if (office) throw cspError('CSP_ERR_SOURCE_BINARY', `file is ${office}, not CSV text or a zip of CSV files: save the sheet as CSV`, { file: path });
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.endsWith('/')) continue;
      const name = `${path}!${e.name}`;
      const base = basename(e.name);
      const reason = /\.zip$/i.test(base) ? 'a zip inside a zip: unzip it first' : !/\.csv$/i.test(base) ? 'not a .csv file' : filter(base);
      if (reason) out.skipped.push({ name, reason });
      else out.files.push({ name, path, member: e });
    }
    return;
  }
  out.files.push({ name: path, path, member: null });
}

/**
 * Expands files, folders (recursively) and zip archives into the files to load, in a stable order,
 * and the files found but not read, with why. `filter` decides on archive members by base name
 * (archives hold every force and kind).
 */
export async function expandSources(paths: readonly string[], limits: InputLimits, filter: MemberFilter = () => null): Promise<ExpandedSources> {
  const out: ExpandedSources = { files: [], skipped: [] };
  for (const p of paths) await expandOne(p, filter, limits, out, []);
  if (out.files.length === 0) {
    const why = out.skipped.length > 0 ? `no CSV files to read (skipped: ${out.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : 'no CSV files found';
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', why, { file: paths.join(', ') });
  }
  return out;
}

/**
 * Runs `fn` with a temporary folder and the file's path on disk: the file itself, or the archive
 * member extracted (checked) into the folder, its bytes shown to `onMemberData` on the way. The
 * folder is removed afterwards.
 */
export async function withLocalFile<T>(
  file: SourceFile,
  limits: InputLimits,
  fn: (path: string, tmp: string) => Promise<T>,
  onMemberData?: (chunk: Buffer) => void,
): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'csp-assess-'));
  try {
    let path = file.path;
    if (file.member) {
      path = join(tmp, 'member');
      await extractZipEntry(file.path, file.member, path, limits, onMemberData);
    }
    return await fn(path, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
