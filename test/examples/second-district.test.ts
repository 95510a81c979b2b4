/**
 * Any partnership: the real burglary example configured for Trafford, with its own localities file
 * (its 2017 wards grouped into three localities, made here), builds a full assessment whose report
 * says nothing of the demonstration area's localities, places or partnership.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assessment/model.ts';
import { findingSentences } from '../../src/render/words/findings-text.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

const STOCKPORT_ONLY = ['Safer Stockport', 'Stockport Town Centre', 'Cheadle', 'Bramhall', 'Heatons', 'Reddish', 'Marple', 'Werneth', 'Edgeley', 'Hazel Grove'];

describe('the real burglary example for a second Greater Manchester district', () => {
  let a: { area: { name: string }; localities: { name: string; crime: number }[]; analysis: { peers: { groups: { rows: { name: string; isArea: boolean; rank: number | null }[] }[] } }; findings: unknown[] };
  let html: string;
  let wards: string[][];
  beforeAll(async () => {
    const dir = tempDir();
    const lookup = parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8')).slice(1);
    wards = [...new Map(lookup.filter((r) => r[3] === 'E08000009').map((r) => [r[1]!, [r[1]!, r[2]!]])).values()].sort((x, y) => x[1]!.localeCompare(y[1]!));
    const third = Math.ceil(wards.length / 3);
    const localities = wards.map((w, i) => [w[0], w[1], ['North', 'Central', 'South'][Math.floor(i / third)]]);
    const locFile = join(dir, 'trafford-localities.csv');
    writeFileSync(locFile, `ward_code,ward_name,locality\n${localities.map((r) => r.join(',')).join('\n')}\n`);
    const text = readFileSync(join(repoRoot, 'config/examples/gm-burglary.yaml'), 'utf8');
    const config = text
      .replace('name: Stockport', 'name: Trafford')
      .replace('code: E08000007', 'code: E08000009')
      .replace('partnership: Safer Stockport Partnership', 'partnership: Safer Trafford Partnership')
      .replace('localities/stockport-localities.csv', locFile)
      .replace(/  places:\n(    .*\n|      .*\n)*/, '  places: []\n');
    expect(config).not.toContain('Stockport Town Centre');
    const file = join(dir, 'trafford.yaml');
    writeFileSync(file, config);
    const v = await runCli('validate', 'config', file, '--data-dir', dataDir);
    expect(v.stderr).toBe('');
    const r = await runCli('example', 'gm-burglary', '--data-dir', dataDir, '--db', join(dir, 'x.duckdb'), '--out', join(dir, 'out'), '--config', file, '--as-of', '2026-01-01T00:00:00Z', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8'));
    html = readFileSync(join(dir, 'out/report.html'), 'utf8');
  }, 180_000);

  it('assesses Trafford, its three localities and its rank among the ten districts', () => {
    expect(wards.length).toBeGreaterThan(15);
    expect(a.area.name).toBe('Trafford');
    expect(a.localities.map((l) => l.name).sort()).toEqual(['Central', 'North', 'South']);
    expect(a.localities.every((l) => l.crime > 0)).toBe(true);
    const rows = a.analysis.peers.groups[0]!.rows;
    expect(rows.find((r) => r.isArea)!.name).toBe('Trafford');
    expect(rows.every((r) => r.rank !== null)).toBe(true);
  });

  it("has no text of the demonstration area's partnership, localities or places", () => {
    for (const t of STOCKPORT_ONLY) {
      expect(html).not.toContain(t);
      for (const f of findingSentences(a as unknown as Assessment)) expect(f).not.toContain(t);
    }
    for (const f of findingSentences(a as unknown as Assessment)) expect(f).not.toMatch(/Stockport/);
  });
});
