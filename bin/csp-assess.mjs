#!/usr/bin/env node
// Runs the ahead-of-time build in dist/, which `npm ci` makes (the `prepare` script). When dist/ is
// missing or any file in src/ is newer than the build, runs the sources through tsx instead and says
// so: nothing stale runs, and a checkout being edited still works.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Newest modification time in a tree; folders count, so a deleted or renamed file shows too. */
function newest(dir) {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let built = 0;
try {
  built = statSync(join(root, 'dist', '.build-stamp')).mtimeMs;
} catch {
  // No build: the sources run.
}
let main;
if (built > newest(join(root, 'src'))) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  process.stderr.write(`csp-assess: ${built ? 'src/ is newer than the build in dist/' : 'no build in dist/'}: running the sources through tsx (slower start; npm run build compiles them)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
// A closed pipe (`csp-assess ... | head`) ends output quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.exitCode = await main(process.argv);
