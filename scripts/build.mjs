#!/usr/bin/env node
// Compiles src/ to dist/ ahead of time (npm runs this as `prepare` on npm ci and npm install), copies the
// files that are not TypeScript (SQL migrations) beside the compiled modules, then stamps dist/ with the
// time the build started: bin/csp-assess.mjs runs dist/ only when no source is newer than that stamp.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const started = new Date();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // Installed without dev dependencies: the CLI then runs the sources through tsx, and says so.
  console.error('csp-assess build: typescript is not installed; bin/csp-assess.mjs will run src/ through tsx');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
cpSync(join(root, 'src'), dist, { recursive: true, filter: (path) => !path.endsWith('.ts') });
const stamp = join(dist, '.build-stamp');
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
