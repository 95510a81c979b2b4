import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChangeSql } from '../../src/store/queries/build-change-sql.ts';
import { buildRatesSql } from '../../src/store/queries/build-rates-sql.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

const config = join(repoRoot, 'config/examples/gm-burglary.yaml');
const STOCKPORT_TOWN = 'E01005758';
const BURY = 'E01005026';

/** Rows `n` times in `month` for an LSOA and category. */
const rows = (n: number, month: string, lsoa: string, category = 'Burglary'): string[] => Array.from({ length: n }, () => `${month},${category},${lsoa}`);

/** Binomial two-sided exact p for x of n at 1/2, summed here independently of src/. */
function binomTwoSided(x: number, n: number): number {
  let tail = 0;
  let c = 1;
  const lo = Math.min(x, n - x);
  for (let k = 0; k <= lo; k++) {
    tail += c;
    c = (c * (n - k)) / (k + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

describe('stats change, rates, hotspots, concentration, harm', () => {
  let db: string;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'x.duckdb');
    const csv = ['Month,Type,LSOA', ...rows(10, '2017-03', STOCKPORT_TOWN), ...rows(20, '2018-03', STOCKPORT_TOWN), ...rows(6, '2017-02', BURY), ...rows(24, '2018-05', BURY), ...rows(5, '2018-05', STOCKPORT_TOWN, 'Robbery')];
    writeFileSync(join(dir, 'extract.csv'), `${csv.join('\n')}\n`);
    const g = await runCli('ingest', 'geography', '--config', config, '--data-dir', dataDir, '--db', db);
    expect(g.stderr).toBe('');
    const r = await runCli('ingest', 'incidents', join(dir, 'extract.csv'), '--source', 'local', '--month-col', 'Month', '--category-col', 'Type', '--lsoa-col', 'LSOA', '--db', db);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('change: counts, percent change, rate ratio with CI and the exact conditional Poisson test', async () => {
    const r = await runCli('stats', 'change', '--db', db, '--by', 'district', '--a', '2017-01:2017-06', '--b', '2018-01:2018-06', '--crime-type', 'Burglary', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out.map((x) => Object.keys(x))).toEqual(
      Array(2).fill(['district', 'a', 'b', 'change_pct', 'rate_ratio', 'ci_low', 'ci_high', 'p_value', 'significant', 'p_value_poisson', 'dispersion', 'p_adjusted']),
    );
    // Four months of data: too few to estimate a dispersion, so the test is the exact Poisson one.
    expect(out.every((x) => x.dispersion === null && x.p_value === x.p_value_poisson)).toBe(true);
    const sp = out.find((x) => x.district === 'Stockport')!;
    expect(sp).toMatchObject({ a: 10, b: 20, change_pct: 100, rate_ratio: 2, significant: false });
    expect(sp.p_value as number).toBeCloseTo(binomTwoSided(20, 30), 10);
    expect(sp.p_value as number).toBeCloseTo(0.0987371, 6);
    expect(sp.ci_low as number).toBeLessThan(1);
    expect(sp.ci_high as number).toBeGreaterThan(2);
    const bury = out.find((x) => x.district === 'Bury')!;
    expect(bury).toMatchObject({ a: 6, b: 24, rate_ratio: 4, significant: true });
    expect(bury.p_value as number).toBeCloseTo(binomTwoSided(6, 30), 10);
    // Benjamini-Hochberg over the two districts: R p.adjust(c(p_bury, p_stockport), 'BH').
    expect(bury.p_adjusted as number).toBeCloseTo(Math.min(2 * binomTwoSided(6, 30), binomTwoSided(20, 30)), 10);
    expect(sp.p_adjusted as number).toBeCloseTo(binomTwoSided(20, 30), 10);
  });

  it('change: periods of different lengths compare rates per month', async () => {
    const r = await runCli('stats', 'change', '--db', db, '--by', 'district', '--a', '2017-01:2017-12', '--b', '2018-01:2018-06', '--crime-type', 'Burglary', '--district', 'Stockport', '--json');
    const [sp] = JSON.parse(r.stdout) as { a: number; b: number; rate_ratio: number }[];
    expect(sp!.rate_ratio).toBeCloseTo(20 / 6 / (10 / 12), 12);
  });

  it('rates: per 1,000 residents with the population year, ranked', async () => {
    const r = await runCli('stats', 'rates', '--db', db, '--by', 'district', '--crime-type', 'Burglary', '--json');
    const out = JSON.parse(r.stdout) as { district: string; count: number; population: number; population_year: number; rate_per_1000: number; rank: number }[];
    expect(out).toHaveLength(10);
    const sp = out.find((x) => x.district === 'Stockport')!;
    const bury = out.find((x) => x.district === 'Bury')!;
    const pop = JSON.parse(readFileSync(join(dataDir, 'population/ons-mid-2017-lad-ward-lsoa.json'), 'utf8')) as Record<string, { population: number }>;
    expect(sp).toEqual({ district: 'Stockport', count: 30, population: pop.E08000007!.population, population_year: 2017, rate_per_1000: (30 * 1000) / pop.E08000007!.population, rank: 2 });
    expect(bury.rank).toBe(1);
    expect(out.filter((x) => x.count === 0).every((x) => x.rank === 3)).toBe(true);
  });

  it('hotspots: Gi* on the LSOAs of a district, in the agreed shape', async () => {
    const r = await runCli('stats', 'hotspots', '--db', db, '--method', 'gi', '--level', 'lsoa', '--district', 'Stockport', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { lsoa: string; z: number; p_value: number; p_adjusted: number; class: string }[];
    expect(out).toHaveLength(190);
    expect(Object.keys(out[0]!)).toEqual(['lsoa', 'z', 'p_value', 'p_adjusted', 'class']);
    // The town LSOA holds every Stockport incident: it and its neighbours stand out (a neighbour with
    // fewer neighbours of its own can score higher, since Gi* counts the area with its neighbours).
    const town = out.find((x) => x.lsoa === STOCKPORT_TOWN)!;
    expect(town.z).toBeGreaterThan(3);
    expect(out.every((x) => x.p_adjusted >= x.p_value)).toBe(true);
    expect(out.filter((x) => x.z > 0.5).length).toBeLessThan(15);
  });

  it('hotspots: KDE with a given bandwidth, and GeoJSON out', async () => {
    // The LSOA-only extract has no coordinates: KDE says so rather than drawing nothing.
    const none = await runCli('stats', 'hotspots', '--db', db, '--method', 'kde', '--district', 'Stockport');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('fewer than two located incidents');
    const pts = join(dir, 'points.csv');
    writeFileSync(pts, 'Month,Type,Lon,Lat\n2018-03,Burglary,-2.158,53.409\n2018-03,Burglary,-2.150,53.405\n2018-04,Burglary,-2.149,53.412\n');
    expect((await runCli('ingest', 'incidents', pts, '--source', 'pts', '--month-col', 'Month', '--category-col', 'Type', '--lon-col', 'Lon', '--lat-col', 'Lat', '--db', db)).code).toBe(0);
    const file = join(dir, 'kde.geojson');
    const r = await runCli('stats', 'hotspots', '--db', db, '--method', 'kde', '--district', 'Stockport', '--bandwidth', '300', '--from', '2018-01', '--geojson', file, '--json');
    expect(r.stderr).toBe('');
    const k = JSON.parse(r.stdout);
    expect(k).toMatchObject({ bandwidth: 300, bandwidthRule: 'given', cellSize: 100, crs: 'EPSG:27700', points: 3 });
    expect(k.peaks[0].locality).toBe('Central');
    expect(JSON.parse(readFileSync(file, 'utf8')).features.length).toBeGreaterThan(0);
  });

  it('concentration and harm', async () => {
    const c = JSON.parse((await runCli('stats', 'concentration', '--db', db, '--district', 'Stockport', '--place', `Town=${STOCKPORT_TOWN}`, '--json')).stdout);
    expect(c.total).toBe(38);
    expect(c.top[0]).toMatchObject({ lsoas: 10, count: 38 });
    const byLsoa = JSON.parse((await runCli('stats', 'counts', '--db', db, '--by', 'lsoa', '--json')).stdout) as { lsoa: string; count: number }[];
    expect(c.places[0]).toMatchObject({ name: 'Town', lsoas: 1, count: byLsoa.find((x) => x.lsoa === STOCKPORT_TOWN)!.count });
    // Harm is by whole 12-month windows ending at the last month (2018-05): 2017-06 to 2018-05.
    const h = JSON.parse((await runCli('stats', 'harm', '--db', db, '--district', 'Stockport', '--json')).stdout);
    expect(h.byYear.map((y: { period: { from: string; to: string } }) => y.period)).toEqual([{ from: '2017-06', to: '2018-05', months: 12 }]);
    expect(h.categories.map((x: { category: string; count: number }) => [x.category, x.count])).toEqual([
      ['Burglary', 23],
      ['Robbery', 5],
    ]);
  });

  it('refuses a non-area dimension for rates and a bad period for change', async () => {
    expect((await runCli('stats', 'rates', '--db', db, '--by', 'month')).code).toBe(2);
    expect((await runCli('stats', 'change', '--db', db, '--by', 'district', '--a', '2018-01', '--b', '2018-02:2018-03')).code).toBe(2);
  });
});

describe('SQL builders', () => {
  it('buildChangeSql', () => {
    const q = buildChangeSql('district', { from: '2017-01', to: '2017-06' }, { from: '2018-01', to: '2018-06' }, { categories: ['Burglary'] });
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT district_name AS district, count(*) FILTER (WHERE month_key BETWEEN $aFrom AND $aTo) AS a, count(*) FILTER (WHERE month_key BETWEEN $bFrom AND $bTo) AS b
      FROM incident_geo WHERE category IN ($cat0) AND (month_key BETWEEN $aFrom AND $aTo OR month_key BETWEEN $bFrom AND $bTo)
      GROUP BY 1 ORDER BY 1 NULLS LAST"
    `);
    expect(q.params).toMatchInlineSnapshot(`
      {
        "aFrom": "2017-01",
        "aTo": "2017-06",
        "bFrom": "2018-01",
        "bTo": "2018-06",
        "cat0": "Burglary",
      }
    `);
  });

  it('buildRatesSql', () => {
    const q = buildRatesSql('locality', { district: 'Stockport', from: '2018-01', to: '2018-12', excludeCategories: ['Anti-social behaviour'] });
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH areas AS (
        SELECT g.locality AS key, any_value(g.locality) AS name, any_value(NULL) AS code, sum(p.population) AS lsoa_population, sum(p.households) AS lsoa_households
        FROM lsoa_geo g LEFT JOIN population p ON p.code = g.lsoa_code AND p.year = $year
        WHERE g.locality IS NOT NULL AND g.district_name = $district
        GROUP BY 1
      ), counts AS (
        SELECT locality AS key, count(*) AS count FROM incident_geo WHERE month_key >= $from AND month_key <= $to AND district_name = $district AND category NOT IN ($notcat0) GROUP BY 1
      )
      SELECT a.name, a.code, coalesce(c.count, 0) AS count, coalesce(o.population, a.lsoa_population) AS population,
        coalesce(o.households, a.lsoa_households) AS households
      FROM areas a LEFT JOIN counts c ON c.key = a.key LEFT JOIN population o ON o.code = a.code AND o.year = $year
      ORDER BY a.name"
    `);
    expect(q.params).toMatchInlineSnapshot(`
      {
        "district": "Stockport",
        "from": "2018-01",
        "notcat0": "Anti-social behaviour",
        "to": "2018-12",
      }
    `);
  });
});
