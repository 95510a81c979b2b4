/**
 * Vitest global set-up: a temporary folder for the run's shared fixtures, handed to test files through
 * `inject('sharedDir')` and deleted at the end. The fixtures themselves (./synthetic-store.ts) are built
 * by the first test file that asks for them, once per run, so a run of files that need none pays nothing.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { tempDir } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = tempDir('csp-test-shared-');
  project.provide('sharedDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
