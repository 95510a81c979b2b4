import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';
import { GOOD_ROWS, writeStreet } from '../helpers/police-fixtures.ts';

const config = join(repoRoot, 'config/stockport.yaml');

describe('ingest geography with the Stockport configuration', () => {
  let dir: string;
  let db: string;
  let summary: { lsoas: number; lsoasInArea: number; districts: number; localities: { name: string; lsoas: number; population: number }[] };
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'g.duckdb');
    const r = await runCli('ingest', 'geography', '--config', config, '--data-dir', dataDir, '--db', db, '--json');
    expect(r.stderr).toBe('');
    summary = JSON.parse(r.stdout);
  });

  it('loads the GM LSOAs of both vintages, the ten districts and the nine localities', () => {
    expect(summary.districts).toBe(10);
    // 1,673 LSOAs of 2011 and the 2021 codes that did not exist in 2011.
    expect(summary.lsoas).toBeGreaterThan(1673);
    expect(summary.localities.map((l) => l.name)).toEqual(['Bramhall', 'Central', 'Cheadle', 'Edgeley', 'Hazel Grove', 'Heatons', 'Marple', 'Reddish', 'Werneth']);
  });

  it('gives every 2011 Stockport LSOA the locality of its ward, and locality populations sum to the district', async () => {
    const lookup = parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8')).slice(1);
    const stockport2011 = lookup.filter((r) => r[3] === 'E08000007');
    expect(stockport2011).toHaveLength(190);
    const located = await withStore(db, (s) =>
      s.all<{ n: number }>(`SELECT count(*) AS n FROM lsoa_geo WHERE locality IS NOT NULL AND vintage = 2011 AND district_code = 'E08000007'`),
    );
    expect(located[0]!.n).toBe(190);
    const pop = JSON.parse(readFileSync(join(dataDir, 'population/ons-mid-2017-lad-ward-lsoa.json'), 'utf8'));
    const total = summary.localities.reduce((s, l) => s + l.population, 0);
    expect(total).toBe(pop.E08000007.population);
    expect(total).toBe(291045);
  });

  it('places a street row that has coordinates but no LSOA code by point-in-polygon', async () => {
    const noCode = 'abc7,2016-12,Greater Manchester Police,Greater Manchester Police,-2.157763,53.409528,On or near Mersey Way,,,Robbery,Under investigation,';
    const r = await runCli('ingest', 'police', writeStreet(dir, 'nocode.csv', [...GOOD_ROWS, noCode]), '--db', db);
    expect(r.code).toBe(0);
    const counts = await runCli('stats', 'counts', '--db', db, '--by', 'locality,crime_type', '--crime-type', 'Robbery', '--json');
    expect(JSON.parse(counts.stdout)).toEqual([{ locality: 'Central', crime_type: 'Robbery', count: 1 }]);
  });

  it('loads an old or local label through the configured crimeTypeMapping, and refuses it without', async () => {
    const mapped = join(dir, 'mapped.yaml');
    writeFileSync(mapped, `${readFileSync(config, 'utf8')}\ncrimeTypeMapping:\n  Cybercrime: Other crime\n`);
    const file = writeStreet(dir, 'cyber.csv', [GOOD_ROWS[0]!.replace('Shoplifting', 'Cybercrime').replace('2016-12', '2016-11')]);
    expect((await runCli('ingest', 'police', file, '--db', db)).code).toBe(1);
    const r = await runCli('ingest', 'police', file, '--db', db, '--config', mapped);
    expect(r.stderr).toBe('');
    const counts = await runCli('stats', 'counts', '--db', db, '--by', 'crime_type', '--from', '2016-11', '--to', '2016-11', '--json');
    expect(JSON.parse(counts.stdout)).toEqual([{ crime_type: 'Other crime', count: 1 }]);
  });

  it('refuses a configuration that does not validate, naming the field', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(config, 'utf8').replace('from: 2014-01', 'from: 2014-13'));
    const r = await runCli('ingest', 'geography', '--config', bad, '--data-dir', dataDir, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${bad}: periods.from: expected a month as YYYY-MM\n`);
  });
});
