/**
 * The real GMP burglary points cover February 2016 to January 2019. An assessment configured to run
 * to December 2019 must say nothing about the eleven months after January 2019: they are a gap in
 * publication, not a fall in burglary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assessment/model.ts';
import { findingSentences } from '../../src/render/words/findings-text.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every {from, to} period in the model, with its path. */
function periods(v: Json, path = ''): { path: string; from: string; to: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => periods(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return [];
  const own = typeof v.from === 'string' && typeof v.to === 'string' ? [{ path, from: v.from, to: v.to }] : [];
  return [...own, ...Object.entries(v).flatMap(([k, x]) => periods(x, `${path}.${k}`))];
}

const LATER = ['February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((m) => `${m} 2019`);

describe('example gm-burglary with the period extended past the data', () => {
  let a: Record<string, Json> & { coverage: Record<string, Json>; findings: unknown[] };
  let html: string;
  beforeAll(async () => {
    const dir = tempDir();
    const config = join(dir, 'gm-burglary-2019.yaml');
    const text = readFileSync(join(repoRoot, 'config/examples/gm-burglary.yaml'), 'utf8');
    expect(text).toContain('to: 2019-01');
    writeFileSync(config, text.replace('to: 2019-01', 'to: 2019-12'));
    const r = await runCli('example', 'gm-burglary', '--data-dir', dataDir, '--db', join(dir, 'gm.duckdb'), '--out', join(dir, 'out'), '--config', config, '--as-of', '2026-01-01T00:00:00Z', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8'));
    html = readFileSync(join(dir, 'out/report.html'), 'utf8');
  }, 180_000);

  it('assesses February 2016 to January 2019 and reports the eleven missing months', () => {
    expect(a.period).toMatchObject({ from: '2016-02', to: '2019-01', months: 36 });
    expect(a.coverage.configured).toEqual({ from: '2016-02', to: '2019-12' });
    expect(a.coverage.missingMonths).toEqual(['2019-02', '2019-03', '2019-04', '2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12']);
    const gmp = (a.coverage.byForce as { force: string; months: { month: string; rows: number }[] }[]).find((f) => f.force === 'Greater Manchester Police')!;
    expect(gmp.months).toHaveLength(36);
    expect(gmp.months.reduce((s, m) => s + m.rows, 0)).toBe(92666);
  });

  it('has no period in the model, other than the configured one, reaching past January 2019', () => {
    const late = periods(a as Json).filter((p) => p.to > '2019-01' && p.path !== '.coverage.configured');
    expect(late).toEqual([]);
  });

  it('makes no finding about a month after January 2019', () => {
    // The coverage finding names the missing months as gaps in publication; no other finding may.
    const model = a as unknown as Assessment;
    const sentences = findingSentences({ ...model, findings: model.findings.filter((f) => f.kind !== 'coverage-gap') });
    expect(model.findings.some((f) => f.kind === 'coverage-gap')).toBe(true);
    expect(sentences.length).toBeGreaterThan(0);
    for (const f of sentences) for (const m of LATER) expect(f).not.toContain(m);
    expect(sentences.join(' ')).not.toMatch(/fell 9\d%/);
  });

  it('ranks and compares on the latest 12 months with data', () => {
    const peers = (a.analysis as { peers: { window: { from: string; to: string }; groups: { rows: { rank: number | null }[] }[] } }).peers;
    expect(peers.window).toMatchObject({ from: '2018-02', to: '2019-01' });
    expect(peers.groups[0]!.rows.every((r) => r.rank !== null)).toBe(true);
    expect(html).not.toMatch(/Burglary fell 9\d%/);
  });
});

describe('overdispersion on the real burglary series', () => {
  let rows: { name: string; change: { pValue: number; pValuePoisson: number; dispersion: number | null; significant: boolean; changePct: number } }[];
  let v: { pValue: number; pValuePoisson: number; dispersionArea: number | null; dispersionComparator: number | null };
  let categories: { change: { dispersion: number | null; pValue: number; pValuePoisson: number } | null }[];
  beforeAll(async () => {
    const dir = tempDir();
    const r = await runCli('example', 'gm-burglary', '--data-dir', dataDir, '--db', join(dir, 'gm.duckdb'), '--out', join(dir, 'out'), '--as-of', '2026-01-01T00:00:00Z', '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8'));
    rows = a.analysis.peers.groups[0].rows;
    v = a.analysis.peers.versusForceArea;
    categories = a.categories;
  }, 180_000);

  it('estimates every district series as overdispersed', () => {
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r.change.dispersion).toBeGreaterThan(1.2);
    expect(Math.max(...rows.map((r) => r.change.dispersion!))).toBeGreaterThan(2.5);
    expect(v.dispersionComparator).toBeGreaterThan(5);
    expect(categories[0]!.change!.dispersion).toBeGreaterThan(1.2);
  });

  it('calls fewer district changes significant than the exact Poisson test, never more', () => {
    const poisson = rows.filter((r) => r.change.pValuePoisson < 0.05).length;
    const quasi = rows.filter((r) => r.change.significant).length;
    expect(quasi).toBeLessThan(poisson);
    for (const r of rows) expect(r.change.pValue).toBeGreaterThanOrEqual(r.change.pValuePoisson * 0.999);
    expect(v.pValue).toBeGreaterThan(v.pValuePoisson);
  });
});
