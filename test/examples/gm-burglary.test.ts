/**
 * The real-data example on every GMP burglary point, February 2016 to January 2019. District counts
 * are checked against point-in-polygon counts made here with different code: a plain even-odd ray
 * cast over the LSOA polygons with the LSOA -> district lookup read independently (exact), and
 * d3-geo's spherical geoContains over the district polygons (within boundary generalisation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoContains } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { differenceInChange } from '../../src/analysis/stats/difference-in-change.ts';
import { runCli } from '../helpers/cli.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { dataDir, tempDir } from '../helpers/paths.ts';

type Area = Feature<Polygon | MultiPolygon, Record<string, string>>;

const pointsFile = join(dataDir, 'police/gmp-burglary-points-2016-02-to-2019-01.csv');

function rings(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const ps = rings(g).flat();
  return [Math.min(...ps.map((p) => p[0]!)), Math.min(...ps.map((p) => p[1]!)), Math.max(...ps.map((p) => p[0]!)), Math.max(...ps.map((p) => p[1]!))];
}

/** Even-odd ray casting (W. R. Franklin's pnpoly) over every ring. */
function rayCast(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings(g)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function countIn(areas: Area[], name: (f: Area) => string | undefined, contains: (f: Area, p: [number, number]) => boolean, points: [number, number][]): Record<string, number> {
  const boxes = areas.map((f) => bbox(f.geometry));
  const out: Record<string, number> = {};
  for (const p of points) {
    const i = areas.findIndex((f, k) => {
      const b = boxes[k]!;
      return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && contains(f, p);
    });
    const key = i < 0 ? 'none' : (name(areas[i]!) ?? 'none');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe('example gm-burglary: real GMP burglary points', () => {
  let dir: string;
  let db: string;
  let points: [number, number][];
  let byDistrict: Record<string, number>;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'gm.duckdb');
    const r = await runCli('example', 'gm-burglary', '--data-dir', dataDir, '--db', db, '--out', join(dir, 'out'), '--as-of', '2026-01-01T00:00:00Z', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    points = parseCsvIndependently(readFileSync(pointsFile, 'utf8'))
      .slice(1)
      .map((row) => [Number(row[2]), Number(row[3])]);
    const counts = await runCli('stats', 'counts', '--db', db, '--by', 'district', '--json');
    byDistrict = Object.fromEntries((JSON.parse(counts.stdout) as { district: string | null; count: number }[]).map((x) => [x.district ?? 'none', x.count]));
  }, 120_000);

  it('loads all 92,666 points through ingest incidents, none dropped', () => {
    expect(points).toHaveLength(92666);
    expect(Object.values(byDistrict).reduce((s, n) => s + n, 0)).toBe(92666);
  });

  it('counts per district equal an independent ray-casting over the LSOA polygons with the lookup', () => {
    const lsoas = (JSON.parse(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011.geojson'), 'utf8')) as { features: Area[] }).features;
    const lookup = new Map(parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8')).slice(1).map((r) => [r[0]!, r[4]!]));
    const header = parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8'))[0]!;
    expect(header[0]).toBe('lsoa11cd');
    expect(header[4]).toBe('lad17nm');
    const expected = countIn(lsoas, (f) => lookup.get(f.properties.area_code!), (f, p) => rayCast(f.geometry, p[0], p[1]), points);
    expect(byDistrict).toEqual(expected);
    expect(byDistrict.Stockport).toBe(9648);
  });

  it('agrees with geoContains over the district polygons to within 0.5% per district', () => {
    const districts = (JSON.parse(readFileSync(join(dataDir, 'boundaries/gm-local-authorities-2021.geojson'), 'utf8')) as { features: Area[] }).features;
    const expected = countIn(districts, (f) => f.properties.area_name, (f, p) => geoContains(f, p), points);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(byDistrict).sort());
    for (const [name, n] of Object.entries(expected)) expect(Math.abs(byDistrict[name]! - n) / n).toBeLessThan(0.005);
    expect(expected.Stockport).toBeGreaterThan(9500);
    expect(expected.Stockport).toBeLessThan(9700);
  }, 60_000);

  it('ranks Stockport among the ten districts by rate per 1,000 residents (ONS mid-2017)', async () => {
    const r = await runCli('stats', 'rates', '--db', db, '--by', 'district', '--from', '2018-02', '--to', '2019-01', '--json');
    const rows = JSON.parse(r.stdout) as { district: string; count: number; population: number; population_year: number; rate_per_1000: number; rank: number }[];
    expect(rows).toHaveLength(10);
    const stockport = rows.find((x) => x.district === 'Stockport')!;
    expect(stockport.population).toBe(291045);
    expect(stockport.population_year).toBe(2017);
    expect(stockport.rate_per_1000).toBeCloseTo((1000 * stockport.count) / 291045, 10);
    const higher = rows.filter((x) => x.count / x.population > stockport.count / stockport.population).length;
    expect(stockport.rank).toBe(higher + 1);
  });

  it('writes the assessment with tested change, peers, localities, hotspots and harm, labelled as real data', () => {
    const a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8'));
    expect(a.data.synthetic).toBe(false);
    expect(a.data.synthetic).toBe(false);
    expect(a.data.label).toMatch(/^Every Greater Manchester Police burglary/);
    const force = a.analysis.peers.groups[0];
    expect(force.rows).toHaveLength(10);
    const sp = force.rows.find((r: { isArea: boolean }) => r.isArea);
    expect(sp.name).toBe('Stockport');
    const others = force.rows.filter((r: { isArea: boolean }) => !r.isArea);
    const v = a.analysis.peers.versusForceArea;
    const sum = (k: 'before' | 'after') => others.reduce((s: number, r: { change: Record<string, number> }) => s + r.change[k]!, 0);
    expect(v.comparatorBefore).toBe(sum('before'));
    const poisson = differenceInChange({ areaBefore: sp.change.before, areaAfter: sp.change.after, comparatorBefore: sum('before'), comparatorAfter: sum('after') });
    expect(v.pValuePoisson).toBeCloseTo(poisson.pValue, 12);
    // The test used allows for each series' overdispersion, estimated from their monthly counts.
    expect(v.dispersionArea).toBeCloseTo(sp.change.dispersion, 12);
    const t = differenceInChange({
      areaBefore: sp.change.before,
      areaAfter: sp.change.after,
      comparatorBefore: sum('before'),
      comparatorAfter: sum('after'),
      dispersionArea: v.dispersionArea,
      dispersionComparator: v.dispersionComparator,
    });
    expect(v.pValue).toBeCloseTo(t.pValue, 12);
    expect(v.inLine).toBe(!t.significant);
    expect(a.analysis.concentration[0].total).toBe(9648);
    expect(a.analysis.hotspots.gi).toHaveLength(190);
    expect(a.analysis.hotspots.gi.some((g: { class: string }) => g.class === 'hot')).toBe(true);
    expect(a.analysis.harm.categories[0]).toMatchObject({ category: 'Burglary', count: 9648 });
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    expect(html).toContain('Real data');
    expect(html).toContain('Open Government Licence v3.0');
    expect(html).toContain('id="peers"');
    expect(html).toContain('id="hotspots"');
    // Nine in the hot spots section, on one scale, and each again in its locality report.
    const hotspots = html.slice(html.indexOf('id="hotspots"'));
    expect((hotspots.slice(0, hotspots.indexOf('</section>')).match(/class="app-map app-heatmap"/g) ?? []).length).toBe(9);
    expect((html.match(/class="app-map app-heatmap"/g) ?? []).length).toBe(18);
  });

  it('tests every year change with its own series\' dispersion, so the theme, the overview and the localities agree', () => {
    type Change = { before: number; after: number; pValue: number; pValuePoisson: number; significant: boolean; dispersion: number | null; dispersionDf: number | null; pAdjusted?: number };
    const a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8'));
    const overview: Change = a.overview.crimeChange;
    // The crime issue of the statutory themes counts the same burglaries by the same full years.
    const issue = a.themes.flatMap((t: { issues: unknown[] }) => t.issues).find((i: { detail?: { kind: string } }) => i.detail?.kind === 'police');
    const change: Change = issue.detail.change;
    expect([change.before, change.after]).toEqual([overview.before, overview.after]);
    expect(change.dispersion).toBeGreaterThan(1.5);
    expect(change.dispersion).toBeCloseTo(overview.dispersion!, 10);
    expect(change.dispersionDf).toBeGreaterThan(0);
    expect(change.pValue).toBeGreaterThan(change.pValuePoisson);
    expect(change.significant).toBe(overview.significant);
    for (const r of a.localityReports as { crimeChange: Change | null; topCategories: { change: Change | null }[] }[]) {
      expect(r.crimeChange!.dispersion).not.toBeNull();
      expect(r.crimeChange!.dispersionDf).toBeGreaterThan(0);
      for (const c of r.topCategories) expect(c.change!.pAdjusted).toBeGreaterThanOrEqual(c.change!.pValue);
    }
  });
});
