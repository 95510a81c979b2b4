/**
 * Who may read outputs. A full edition holds restricted content, so its files are readable by their
 * owner only (0600) in a folder made for the owner only (0700); a public edition's by anyone.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { cspError } from '../errors.ts';

export function outputMode(isPublic: boolean): number {
  return isPublic ? 0o644 : 0o600;
}

/** Sets the mode of written outputs: writing over an existing file keeps its old mode otherwise. */
export function restrictOutputs(paths: readonly string[], isPublic: boolean): void {
  for (const p of paths) chmodSync(p, outputMode(isPublic));
}

/** Refuses an output folder path that names a file: checked before any work, and again on writing. */
export function refuseFileAsFolder(dir: string): void {
  let isFile = false;
  try {
    isFile = !statSync(dir).isDirectory();
  } catch {
    // Not there yet: it will be made.
  }
  if (isFile) throw cspError('CSP_ERR_OUTPUT_EXISTS', 'is a file, not a folder: give --out a folder for the outputs', { file: dir });
}

/** Makes the output folder (0700 for a full edition), refusing a path that is a file. */
export function ensureOutputFolder(dir: string, isPublic: boolean): void {
  refuseFileAsFolder(dir);
  mkdirSync(dir, { recursive: true, mode: isPublic ? 0o755 : 0o700 });
}
