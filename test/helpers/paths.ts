import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared real-data directory (CSP_ASSESS_DATA, else ../shared/data beside the repository). */
export const dataDir = resolve(process.env.CSP_ASSESS_DATA ?? join(import.meta.dirname, '../../../shared/data'));

export const repoRoot = resolve(import.meta.dirname, '../..');

export function tempDir(prefix = 'csp-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
