/**
 * Start-up: bin/csp-assess.mjs runs the compiled dist/ only when it is newer than every source, else the
 * sources through tsx, saying so; and the CLI's start loads no heavy package (the store, parsers and
 * analyses load when a command runs), which is what keeps `--help` near Node's own start time.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/paths.ts';

describe('bin/csp-assess.mjs', () => {
  const root = tempDir('csp-bin-');
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(repoRoot, 'bin/csp-assess.mjs'), join(root, 'bin/csp-assess.mjs'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const write = (file: string, text: string, time: Date) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    utimesSync(join(root, file), time, time);
  };
  const main = (which: string) => `export async function main(argv) { process.stdout.write('${which} ' + argv.slice(2).join(' ')); return 3; }\n`;
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  write('src/cli/main.ts', main('src'), t(10));
  write('src/store/migrations/001.sql', '', t(10));
  const dirs = ['src/cli', 'src/store/migrations', 'src/store', 'src'];
  for (const d of dirs) utimesSync(join(root, d), t(10), t(10));
  const run = () => spawnSync(process.execPath, [join(root, 'bin/csp-assess.mjs'), 'x'], { encoding: 'utf8' });

  it('runs the sources through tsx, saying so, when there is no build', () => {
    const r = run();
    expect([r.stdout, r.status]).toEqual(['src x', 3]);
    expect(r.stderr).toContain('no build in dist/: running the sources through tsx');
  });

  it('runs dist/ when its build is newer than every source', () => {
    write('dist/cli/main.js', main('dist'), t(20));
    write('dist/.build-stamp', '', t(20));
    const r = run();
    expect([r.stdout, r.stderr, r.status]).toEqual(['dist x', '', 3]);
  });

  it('runs the sources again once any file or folder in src/ is newer than the build', () => {
    write('src/store/migrations/001.sql', 'changed', t(30));
    expect(run().stdout).toBe('src x');
    write('src/store/migrations/001.sql', '', t(10));
    expect(run().stdout).toBe('dist x');
    // A deleted file shows as its folder's time.
    rmSync(join(root, 'src/store/migrations/001.sql'));
    const r = run();
    expect(r.stdout).toBe('src x');
    expect(r.stderr).toContain('src/ is newer than the build in dist/');
  });
});

/** Relative modules and packages that `file` imports as values (type-only imports load nothing). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const [, , typeOnly, what, spec] = m;
    if (typeOnly || (what!.startsWith('{') && what!.slice(1, -1).split(',').every((n) => n.trim().startsWith('type ') || !n.trim()))) continue;
    specs.push(spec!);
  }
  return specs;
}

describe('CLI start-up', () => {
  it('loads only commander among packages before a command runs', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of valueImports(file)) {
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
        else if (!spec.startsWith('node:')) packages.add(spec);
      }
    };
    walk(join(repoRoot, 'src/cli/main.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...packages]).toEqual(['commander']);
  });
});
