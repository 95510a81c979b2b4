/**
 * Emerging hot spots on every GMP burglary point, February 2016 to January 2019 (36 months), at LSOA
 * level (1,673 LSOAs) and on a 250 m grid. Each location's category is checked against the documented
 * rules restated here from its hot and cold step counts and trend (docs/emerging-hotspots.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

interface Row { location: string; locality: string | null; category: string; trend_z: number; trend_p: number; hot_steps: number; cold_steps: number; count: number }

/** The category's necessary conditions, from the rules (90% of n steps: at least ceil(0.9 n)). */
function consistent(r: Row, steps: number): boolean {
  const most = Math.ceil(0.9 * steps - 1e-9);
  const [pattern, side] = r.category.split('-') as [string, 'hot' | 'cold' | undefined];
  if (r.category === 'none') return true;
  const own = side === 'hot' ? r.hot_steps : r.cold_steps, other = side === 'hot' ? r.cold_steps : r.hot_steps;
  const up = side === 'hot' ? r.trend_z > 0 : r.trend_z < 0;
  switch (pattern) {
    case 'intensifying': return own >= most && r.trend_p < 0.05 && up;
    case 'diminishing': return own >= most && r.trend_p < 0.05 && !up;
    case 'persistent': return own >= most && r.trend_p >= 0.05;
    case 'historical': return own >= most;
    case 'new': return own === 1;
    case 'consecutive': return own >= 2 && own < most;
    case 'oscillating': return own >= 2 && own < most && other > 0;
    case 'sporadic': return own >= 2 && own < most && other === 0;
    default: return false;
  }
}

describe('emerging hot spots on real GM burglary', () => {
  let db: string, dir: string;
  let districts: Record<string, number>;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'gm.duckdb');
    const i = await runCli('ingest', 'incidents', join(dataDir, 'police/gmp-burglary-points-2016-02-to-2019-01.csv'), '--source', 'gmp-burglary', '--month-col', 'Month', '--category-col', 'Crime.type', '--lon-col', 'Longitude', '--lat-col', 'Latitude', '--db', db);
    expect(i.code).toBe(0);
    const g = await runCli('ingest', 'geography', '--config', join(repoRoot, 'config/examples/gm-burglary.yaml'), '--data-dir', dataDir, '--db', db);
    expect(g.code).toBe(0);
    const c = await runCli('stats', 'counts', '--db', db, '--by', 'district', '--json');
    districts = Object.fromEntries((JSON.parse(c.stdout) as { district: string | null; count: number }[]).map((x) => [x.district ?? 'none', x.count]));
  }, 120_000);

  it('LSOA level, all of Greater Manchester: 1,673 LSOAs by 36 months, every located burglary counted once', async () => {
    const r = await runCli('stats', 'emerging', '--db', db, '--level', 'lsoa', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows).toHaveLength(1673);
    const located = Object.entries(districts).filter(([k]) => k !== 'none').reduce((s, [, n]) => s + n, 0);
    expect(rows.reduce((s, x) => s + x.count, 0)).toBe(located);
    expect(rows.filter((x) => !consistent(x, 36))).toEqual([]);
    // The city-centre LSOAs are hot almost every month.
    const persistent = rows.filter((x) => x.category === 'persistent-hot' || x.category === 'intensifying-hot');
    expect(persistent.length).toBeGreaterThan(0);
    expect(persistent.every((x) => x.hot_steps >= 33)).toBe(true);
  }, 60_000);

  it('250 m grid over all of Greater Manchester, and over Stockport with GeoJSON', async () => {
    const all = JSON.parse((await runCli('stats', 'emerging', '--db', db, '--level', 'grid', '--json')).stdout) as Row[];
    expect(all.length).toBeGreaterThan(19_000);
    expect(all.every((x) => /^250m-E\d+N\d+$/.test(x.location))).toBe(true);
    expect(all.filter((x) => !consistent(x, 36))).toEqual([]);
    const file = join(dir, 'stockport.geojson');
    const s = await runCli('stats', 'emerging', '--db', db, '--level', 'grid', '--district', 'Stockport', '--geojson', file, '--json');
    const rows = JSON.parse(s.stdout) as Row[];
    // Stockport is about 126 km²: about 2,000 cells of 0.0625 km².
    expect(rows.length).toBeGreaterThan(1900);
    expect(rows.length).toBeLessThan(2100);
    const counted = rows.reduce((a, x) => a + x.count, 0);
    // Burglaries in cells whose centre is outside the district are left out: a few at the edge.
    expect(counted).toBeLessThanOrEqual(districts.Stockport!);
    expect(counted / districts.Stockport!).toBeGreaterThan(0.95);
    const geo = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { location: string; category: string } }[] };
    expect(geo.features.map((f) => f.properties.location)).toEqual(rows.map((x) => x.location));
    expect(rows.every((x) => x.locality !== null)).toBe(true);
  }, 120_000);

  it('quarterly steps for one district', async () => {
    const r = await runCli('stats', 'emerging', '--db', db, '--district', 'Stockport', '--step', 'quarter');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^12 quarters, 2016-02:2016-04 to 2018-11:2019-01/);
    const rows = JSON.parse((await runCli('stats', 'emerging', '--db', db, '--district', 'Stockport', '--step', 'quarter', '--json')).stdout) as Row[];
    expect(rows).toHaveLength(190);
    expect(rows.filter((x) => !consistent(x, 12))).toEqual([]);
    expect(Math.max(...rows.map((x) => x.hot_steps))).toBeLessThanOrEqual(12);
  }, 60_000);

  it('near repeat says why it cannot run on points with a month and no day', async () => {
    const r = await runCli('stats', 'near-repeat', '--db', db, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/near repeat needs dated, located incidents/);
  });
});
