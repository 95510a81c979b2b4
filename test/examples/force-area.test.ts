/**
 * The force area is configured, never every polygon of the district file: with a national district
 * layer (326 English districts) the comparison is with the districts configured, or, when none are,
 * with the districts where the force's incidents fall.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

const GM = ['E08000001', 'E08000002', 'E08000003', 'E08000004', 'E08000005', 'E08000006', 'E08000007', 'E08000008', 'E08000009', 'E08000010'];

describe('force area with a national district layer', () => {
  let dir: string;
  let example: string;
  beforeAll(() => {
    dir = tempDir();
    const text = readFileSync(join(repoRoot, 'config/examples/gm-burglary.yaml'), 'utf8');
    const national = 'districts: { file: boundaries/england-local-authorities.topo.json, object: lad, codeProperty: LAD13CD, nameProperty: LAD13NM, vintage: 2013 }';
    expect(text).toMatch(/districts: \{ file: boundaries\/gm-local-authorities-2021\.geojson[^\n]*\}/);
    example = text.replace(/districts: \{ file: boundaries\/gm-local-authorities-2021\.geojson[^\n]*\}/, national);
  });

  async function run(config: string): Promise<{ peers: { forceAreaBasis: string; groups: { kind: string; rows: { code: string }[]; of: number }[] } }> {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, config);
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const r = await runCli('example', 'gm-burglary', '--data-dir', dataDir, '--db', join(out, 'x.duckdb'), '--out', out, '--config', file, '--as-of', '2026-01-01T00:00:00Z', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')).analysis;
  }

  it('with no force area configured, compares the districts holding the force\'s incidents', async () => {
    const a = await run(example);
    expect(a.peers.forceAreaBasis).toBe('incidents');
    expect(a.peers.groups[0]!.rows.map((r) => r.code).sort()).toEqual(GM);
  }, 120_000);

  it('with a configured list, compares exactly those districts', async () => {
    const nine = GM.filter((c) => c !== 'E08000010');
    const a = await run(example.replace('  forceAreaName: Greater Manchester\n', `  forceAreaName: Greater Manchester\n  forceAreaDistricts: [${nine.join(', ')}]\n`));
    expect(a.peers.forceAreaBasis).toBe('list');
    expect(a.peers.groups[0]!.rows.map((r) => r.code).sort()).toEqual(nine);
    expect(a.peers.groups[0]!.of).toBe(9);
  }, 120_000);
});
