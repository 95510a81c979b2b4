/**
 * An area outside Greater Manchester from only a police file and a lookup: Bristol and its three
 * neighbouring districts (real LSOA codes, districts and ONS mid-2017 population; the LSOA -> district
 * lookup is read here from the English IoD 2019 file, each district standing as its own ward). The
 * police file is synthetic, in the data.police.uk street format with LSOA codes. No boundaries are
 * loaded: every figure that needs no geometry is made, the maps are left out and the report says so.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';
import { addMonths } from '../../src/analysis/months.ts';
import { gammaPoissonDraw } from '../../src/synthetic/draws.ts';
import { parseCsvIndependently } from '../helpers/independent-csv.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, tempDir } from '../helpers/paths.ts';

/** CSV field, quoted when it holds a comma ("Bristol, City of"). */
const quote = (v: string | undefined) => (v !== undefined && /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''));
const DISTRICTS = ['E06000022', 'E06000023', 'E06000024', 'E06000025'];
const FORCE = 'Avon and Somerset Constabulary';

type Assessed = {
  area: { name: string };
  geometry: { mapsOmitted: boolean; lsoaBoundaries: number };
  coverage: { missingMonths: string[]; notComputed: { figure: string; period: { from: string; to: string } }[] };
  overview: { crime: number; crimeRatePer1000: number; crimeChange: unknown; rateWindow: { from: string; to: string } };
  analysis: { peers: { window: { from: string; to: string }; groups: { rows: { code: string; rank: number | null }[] }[] }; hotspots: unknown; concentration: { lsoas: number; total: number }[] };
  findings: { statement: string }[];
};

/** Builds Bristol's assessment from a synthetic police file; months in `skip` are left out of the file (a gap in publication). */
async function build(skip: readonly string[]): Promise<{ a: Assessed; html: string; lsoas: string[][] }> {
  const dir = tempDir();
    const imd = parseCsvIndependently(readFileSync(join(dataDir, 'deprivation/imd2019-lsoa-england.csv'), 'utf8')).slice(1);
    const lsoas = imd.filter((r) => DISTRICTS.includes(r[2]!)).map((r) => [r[0]!, r[1]!, r[2]!, r[3]!]);
    writeFileSync(join(dir, 'lookup.csv'), `lsoa,lsoa_name,ward,ward_name,district,district_name\n${lsoas.map((l) => [l[0], l[1], l[2], l[3], l[2], l[3]].map(quote).join(',')).join('\n')}\n`);
    const rand = mulberry32(42);
    const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    // One data.police.uk file per month, as the force publishes them.
    mkdirSync(join(dir, 'police'));
    for (let t = 0; t < 24; t++) {
      const month = addMonths('2017-01', t);
      if (skip.includes(month)) continue;
      const lines = [header];
      for (const [code, name] of lsoas) {
        for (const [category, mean] of [['Burglary', 0.6], ['Vehicle crime', 0.5], ['Anti-social behaviour', 1.2]] as const) {
          const n = gammaPoissonDraw(mean, 1.5, rand);
          for (let k = 0; k < n; k++) {
            const id = category === 'Anti-social behaviour' ? '' : `${code}${month}${category.length}${k}`.padEnd(64, '0');
            lines.push([id, month, FORCE, FORCE, (-2.6 + rand() * 0.1).toFixed(6), (51.45 + rand() * 0.05).toFixed(6), 'On or near Test Street', code, name, category, '', ''].map(quote).join(','));
          }
        }
      }
      writeFileSync(join(dir, 'police', `${month}-avon-and-somerset-street.csv`), `${lines.join('\r\n')}\r\n`);
    }
    writeFileSync(
      join(dir, 'bristol.yaml'),
      `area: { name: Bristol, code: E06000023, partnership: Safer Bristol, force: ${FORCE}, forceAreaName: Avon and Somerset }
geography:
  lsoaLookups:
    - { file: ${join(dir, 'lookup.csv')}, lsoa: lsoa, lsoaName: lsoa_name, ward: ward, wardName: ward_name, district: district, districtName: district_name, vintage: 2011 }
  population:
    - { format: ons-json, file: population/ons-mid-2017-lad-ward-lsoa.json, year: 2017 }
periods: { from: 2017-01, to: 2018-12 }
`,
    );
    const db = join(dir, 'x.duckdb');
    const v = await runCli('validate', 'config', join(dir, 'bristol.yaml'), '--data-dir', dataDir);
    expect(v.stderr).toBe('');
    const i = await runCli('ingest', 'police', join(dir, 'police'), '--db', db);
    expect(i.stderr).toBe('');
    const r = await runCli('assess', '--config', join(dir, 'bristol.yaml'), '--data-dir', dataDir, '--db', db, '--out', join(dir, 'out'), '--format', 'json,html', '--as-of', '2026-01-01T00:00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  const a = JSON.parse(readFileSync(join(dir, 'out/assessment.json'), 'utf8')) as Assessed;
  const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
  return { a, html, lsoas };
}

describe('an area outside Greater Manchester with no boundaries', () => {
  let a: Assessed;
  let html: string;
  let lsoas: string[][];
  beforeAll(async () => {
    ({ a, html, lsoas } = await build([]));
  }, 180_000);

  it('gives counts, rates, ranks and concentration by LSOA code, with maps left out', () => {
    expect(a.area.name).toBe('Bristol');
    expect(a.geometry).toEqual({ lsoaBoundaries: 0, mapsOmitted: true });
    expect(a.overview.crime).toBeGreaterThan(1000);
    expect(a.overview.crimeRatePer1000).toBeCloseTo((1000 * a.overview.crime) / 2 / 459252, 0);
    expect(a.analysis.peers.groups[0]!.rows.map((r) => r.code).sort()).toEqual(DISTRICTS);
    expect(a.analysis.peers.groups[0]!.rows.every((r) => r.rank !== null)).toBe(true);
    expect(a.analysis.concentration[0]!.lsoas).toBe(lsoas.filter((l) => l[2] === 'E06000023').length);
    expect(a.analysis.hotspots).toBeNull();
    expect(html).toContain('No LSOA boundaries are loaded');
  });

  it('says it has no localities instead of a locality table of zeros', () => {
    expect(html).toContain('No localities are configured for Bristol');
    expect(html).not.toMatch(/All localities|outside every locality|by locality|no configured locality/);
  });

  it('has no text of the demonstration area', () => {
    expect(html).not.toMatch(/Stockport|Greater Manchester|Cheadle|Bramhall/);
  });
});

describe('the same area with a month missing from the police data', () => {
  let a: Assessed;
  beforeAll(async () => {
    ({ a } = await build(['2018-03']));
  }, 180_000);

  it('reports the gap and computes nothing across it', () => {
    expect(a.coverage.missingMonths).toEqual(['2018-03']);
    expect(a.overview.crimeChange).toBeNull();
    expect(a.overview.rateWindow).toMatchObject({ from: '2017-03', to: '2018-02' });
    expect(a.analysis.peers.window).toMatchObject({ from: '2017-03', to: '2018-02' });
    // The latest six months (July to December 2018) and the same months of 2017 are complete: tested.
    // The peers' baseline (the 12 months before the rate window) starts before the data do: not tested.
    expect(a.coverage.notComputed.map((n) => n.figure)).toEqual([
      'change between the first and last full years',
      'changes of Bath and North East Somerset, Bristol, City of, North Somerset, South Gloucestershire',
      'change against the rest of the force area',
      'hotspot persistence and harm for this yearly window',
    ]);
    expect(a.coverage.notComputed[3]!.period).toMatchObject({ from: '2018-01', to: '2018-12' });
  });
});
