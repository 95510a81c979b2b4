import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';
import { DATED_EXTRACT_MAPPING, writeDatedExtract, type UndatedIncident } from '../../src/synthetic/dated-incidents.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';

/** Incidents at random points in a 4 km square near Stockport, 60 a month for a year. */
function incidents(seed: number): UndatedIncident[] {
  const rand = mulberry32(seed);
  const out: UndatedIncident[] = [];
  for (let m = 1; m <= 12; m++) {
    for (let k = 0; k < 60; k++) {
      out.push({ id: `x${m}-${k}`, month: `2018-${String(m).padStart(2, '0')}`, lon: -2.2 + rand() * 0.06, lat: 53.39 + rand() * 0.036, lsoa: 'E01005758', category: 'Burglary' });
    }
  }
  return out;
}

interface Table {
  distanceBands: string[];
  timeBands: string[];
  rows: { distance: string; time: string; observed: number; expected: number; knoxRatio: number | null; p: number; permutations: number }[];
  stopAt: number;
  incidents: number;
  permutations: number;
  breaks: { distance: number[]; time: number[] };
  stacked: unknown[];
  window: { found: boolean; reach: { metres: number; days: number } | null };
}

async function load(planted: boolean): Promise<string> {
  const dir = tempDir();
  const db = join(dir, 'x.duckdb');
  const file = join(dir, 'local.csv');
  // Without the planted pattern, 30 of the incidents sit on one point, as a default location would.
  const all = incidents(4).map((x, i) => (!planted && i % 24 === 0 ? { ...x, lon: -2.17, lat: 53.405 } : x));
  writeDatedExtract(all, { file, seed: 9, nearRepeatShare: planted ? 0.4 : 0 });
  const m = DATED_EXTRACT_MAPPING;
  const r = await runCli('ingest', 'incidents', file, '--source', 'local', '--date-col', m.date, '--category-col', m.category, '--lon-col', m.longitude, '--lat-col', m.latitude, '--id-col', m.id, '--db', db);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return db;
}

describe('stats near-repeat on a dated local extract', () => {
  let planted: string, plain: string;
  beforeAll(async () => {
    planted = await load(true);
    plain = await load(false);
  }, 60_000);

  it('ingest incidents keeps the day of each incident', async () => {
    const r = await runCli('stats', 'counts', '--db', planted, '--by', 'month', '--json');
    expect((JSON.parse(r.stdout) as { count: number }[]).reduce((s, x) => s + x.count, 0)).toBe(720);
  });

  it('finds the planted near repeats in the closest bands, with labelled rows and columns', async () => {
    const r = await runCli('stats', 'near-repeat', '--db', planted, '--crime-type', 'Burglary', '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Table;
    expect(t.distanceBands).toEqual(['0-200 m', '200-400 m', '400-600 m', '600-800 m', '800-1000 m']);
    expect(t.timeBands).toEqual(['0-7 days', '8-14 days', '15-21 days', '22-28 days']);
    expect(t.incidents).toBe(720);
    expect(t.permutations).toBe(999);
    const close = t.rows.find((x) => x.distance === '0-200 m' && x.time === '0-7 days')!;
    expect(close.p).toBeLessThanOrEqual(0.01);
    expect(close.knoxRatio!).toBeGreaterThan(1.5);
    // The near-repeat window starts at that cell; the band breaks come with the table.
    expect(t.breaks).toEqual({ distance: [0, 200, 400, 600, 800, 1000], time: [0, 7, 14, 21, 28] });
    expect(t.stacked).toEqual([]);
    expect(t.window).toMatchObject({ found: true, alpha: 0.05, minRatio: 1.2, cells: expect.arrayContaining([{ distance: '0-200 m', time: '0-7 days' }]) });
    expect(t.window.reach).toMatchObject({ metres: expect.any(Number), days: expect.any(Number) });
  });

  it('finds nothing in the closest bands without the planted pattern', async () => {
    const t = JSON.parse((await runCli('stats', 'near-repeat', '--db', plain, '--json')).stdout) as Table;
    const close = t.rows.find((x) => x.distance === '0-200 m' && x.time === '0-7 days')!;
    expect(close.p).toBeGreaterThan(0.05);
    expect(t.window).toMatchObject({ found: false, cells: [], reach: null });
    expect(t.stacked).toEqual([{ easting: expect.any(Number), northing: expect.any(Number), incidents: 30, pairs: 435 }]);
    const text = (await runCli('stats', 'near-repeat', '--db', plain, '--permutations', '19')).stdout;
    expect(text).toMatch(/^30 incidents share one point \(easting \d+, northing \d+\): a default location for unmatched addresses\? They make 435 pairs at 0 m\.$/m);
  });

  it('prints a table with distance rows and time columns, and takes its own bands', async () => {
    const r = await runCli('stats', 'near-repeat', '--db', planted, '--permutations', '99', '--distance-bands', '0,100,300', '--time-bands', '0,3,10');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/99 permutations/);
    expect(lines[1]).toMatch(/distance \\ time\s+0-3 days\s+4-10 days/);
    expect(lines[2]).toMatch(/^0-100 m/);
    expect(lines[3]).toMatch(/^100-300 m/);
    expect(r.stdout).toMatch(/^Near-repeat window \(p < 0\.05, Knox ratio at least 1\.2, joined to the nearest cell\): out to /m);
    expect((await runCli('stats', 'near-repeat', '--db', planted, '--min-ratio', '0.5')).code).toBe(2);
    const alpha = await runCli('stats', 'near-repeat', '--db', planted, '--alpha', '2');
    expect([alpha.code, alpha.stderr]).toEqual([2, '--alpha must be between 0 and 1, got "2"\n']);
    const bad = await runCli('stats', 'near-repeat', '--db', planted, '--time-bands', '0,2.5');
    expect(bad.code).toBe(1);
    // --stop-at 0 draws every permutation for every cell; the default stops settled cells early.
    const all = JSON.parse((await runCli('stats', 'near-repeat', '--db', plain, '--permutations', '99', '--stop-at', '0', '--json')).stdout) as Table;
    expect(all.stopAt).toBe(0);
    expect(all.rows.every((x) => x.permutations === 99)).toBe(true);
    const early = JSON.parse((await runCli('stats', 'near-repeat', '--db', plain, '--permutations', '99', '--json')).stdout) as Table;
    expect(early.stopAt).toBe(10);
    expect(early.rows.some((x) => x.permutations < 99)).toBe(true);
    expect((await runCli('stats', 'near-repeat', '--db', planted, '--stop-at', 'x')).code).toBe(2);
    expect(readFileSync(join(planted, '..', 'local.csv'), 'utf8').split('\n')[0]).toBe('Crime ID,Date,Crime type,Longitude,Latitude,LSOA code');
  });
});
