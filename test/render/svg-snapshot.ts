/**
 * SVG snapshots in the style of Observable Plot's test/plot-snapshot.js: normalise (one tag a line,
 * numbers with 4+ decimals rounded to 3, generated ids renumbered), compare with
 * test/output/<dir>/<name>.svg, create it when missing, and write <name>-changed.svg on a mismatch.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

export function normaliseSvg(svg: string): string {
  const renames = new Map<string, string>();
  let out = svg.replace(/\d+\.\d{4,}/g, (n) => String(Math.round(Number(n) * 1000) / 1000));
  out = out.replace(/\bid="([^"]*?)-(\d+)"/g, (_m, base: string, n: string) => {
    const key = `${base}-${n}`;
    if (!renames.has(key)) renames.set(key, `${base}-${renames.size + 1}`);
    return `id="${renames.get(key)}"`;
  });
  for (const [from, to] of renames) out = out.split(`#${from})`).join(`#${to})`).split(`"#${from}"`).join(`"#${to}"`);
  return `${out.replace(/>\s*</g, '>\n<').trim()}\n`;
}

/** Returns null when the snapshot matches (or was just created), else a message naming both files. */
export function compareSvgSnapshot(dir: 'charts' | 'maps', name: string, svg: string): string | null {
  const expectedFile = join(OUTPUT, dir, `${name}.svg`);
  const changedFile = join(OUTPUT, dir, `${name}-changed.svg`);
  const actual = normaliseSvg(svg);
  mkdirSync(dirname(expectedFile), { recursive: true });
  if (!existsSync(expectedFile)) {
    writeFileSync(expectedFile, actual);
    return null;
  }
  if (readFileSync(expectedFile, 'utf8') === actual) {
    rmSync(changedFile, { force: true });
    return null;
  }
  writeFileSync(changedFile, actual);
  return `${name}: output differs from ${expectedFile}; see ${changedFile}`;
}
