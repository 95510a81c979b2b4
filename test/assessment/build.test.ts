import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessment } from '../../src/assessment/build.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { AssessmentSchema } from '../../src/assessment/schema.ts';
import { loadAreaConfig } from '../../src/config/area-config.ts';
import { withStore } from '../../src/store/store.ts';
import { countBy, parseCsvIndependently } from '../helpers/independent-csv.ts';
import { dataDir, repoRoot } from '../helpers/paths.ts';
import { syntheticStore } from '../helpers/synthetic-store.ts';

interface Rec {
  month: string;
  lon: string;
  lsoa: string;
  category: string;
}

/**
 * The assessment's figures against counts made here, independently: the generated CSV files parsed by
 * the test's own reader, and LSOAs mapped to localities through the lookup files read here.
 */
describe('assessment model on the synthetic Stockport-shaped data', () => {
  let a: Assessment;
  /** Only the fields the checks need. */
  let rows: Rec[];
  let lsoaLocality: Map<string, string>;
  let lsoaDistrict: Map<string, string>;
  let all: Rec[];
  const cfg = loadAreaConfig(join(repoRoot, 'config/stockport.yaml'), dataDir);

  beforeAll(async () => {
    // The run's shared store: geography and the generated files, ingested.
    const { db, policeDir: police } = await syntheticStore();
    a = await withStore(db, (store) => buildAssessment(store, cfg, { asOf: '2017-07-31T00:00:00Z' }), { readOnly: true });
    all = readdirSync(police)
      .filter((m) => /^\d{4}-\d{2}$/.test(m))
      .flatMap((m) => readdirSync(join(police, m)).map((f) => join(police, m, f)))
      .flatMap((f) => parseCsvIndependently(readFileSync(f, 'utf8')).slice(1).map((r) => ({ month: r[1]!, lon: r[4]!, lsoa: r[7]!, category: r[9]! })));
    const lookup = parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8')).slice(1);
    lsoaDistrict = new Map(lookup.map((r) => [r[0]!, r[4]!]));
    // The files hold the whole force area, as real ones do; the assessment's own figures are Stockport's.
    rows = all.filter((r) => lsoaDistrict.get(r.lsoa) === 'Stockport');
    const wardLocality = new Map(
      parseCsvIndependently(readFileSync(join(dataDir, 'localities/stockport-localities.csv'), 'utf8'))
        .slice(1)
        .map((r) => [r[0]!, r[2]!]),
    );
    lsoaLocality = new Map(
      parseCsvIndependently(readFileSync(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'), 'utf8'))
        .slice(1)
        .filter((r) => wardLocality.has(r[1]!))
        .map((r) => [r[0]!, wardLocality.get(r[1]!)!]),
    );
  });

  const isAsb = (r: Rec) => r.category === 'Anti-social behaviour';

  it('validates against the published schema and says it is synthetic', () => {
    expect(AssessmentSchema.safeParse(JSON.parse(JSON.stringify(a))).success).toBe(true);
    expect(a.data.synthetic).toBe(true);
    expect(a.data.label).toMatch(/^Synthetic demonstration data/);
  });

  it('counts crime and ASB by year as the files do', () => {
    const located = rows.filter((r) => r.lsoa !== '');
    const byYear = (asb: boolean) => countBy(located.filter((r) => isAsb(r) === asb), (r) => r.month.slice(0, 4));
    const crime = byYear(false);
    const asb = byYear(true);
    expect(a.overview.byYear.map((y) => [y.year, y.crime, y.asb])).toEqual(
      ['2014', '2015', '2016', '2017'].map((y) => [Number(y), crime[y], asb[y]]),
    );
    expect(a.overview.byYear.map((y) => y.months)).toEqual([12, 12, 12, 6]);
  });

  it('counts rows without location in totals of the force and in no area', () => {
    const unlocated = all.filter((r) => r.lon === '' && r.lsoa === '');
    expect(unlocated.length).toBeGreaterThan(0);
    expect(a.overview.unknownLocation).toBe(unlocated.length);
  });

  it('counts each category as the files do', () => {
    const expected = countBy(rows.filter((r) => r.lsoa !== ''), (r) => r.category);
    expect(Object.fromEntries(a.categories.map((c) => [c.category, c.total]))).toEqual(expected);
    expect(a.categories).toHaveLength(14);
  });

  it('counts each locality as the lookups do, with shares and rates on the stated population', () => {
    const crimeRows = rows.filter((r) => r.lsoa !== '' && !isAsb(r));
    const byLocality = countBy(crimeRows.filter((r) => lsoaLocality.has(r.lsoa)), (r) => lsoaLocality.get(r.lsoa)!);
    const located = Object.values(byLocality).reduce((s, n) => s + n, 0);
    expect(Object.fromEntries(a.localities.map((l) => [l.name, l.crime]))).toEqual(byLocality);
    for (const l of a.localities) expect(l.crimeShare).toBeCloseTo(byLocality[l.name]! / located, 12);

    const pop = JSON.parse(readFileSync(join(dataDir, 'population/ons-mid-2017-lad-ward-lsoa.json'), 'utf8')) as Record<string, { population: number }>;
    const localityPop: Record<string, number> = {};
    for (const [lsoa, loc] of lsoaLocality) localityPop[loc] = (localityPop[loc] ?? 0) + (pop[lsoa]?.population ?? 0);
    const central = a.localities.find((l) => l.name === 'Central')!;
    expect(central.population).toBe(localityPop.Central);
    const last12 = crimeRows.filter((r) => lsoaLocality.get(r.lsoa) === 'Central' && r.month >= '2016-07' && r.month <= '2017-06').length;
    expect(central.crimeRatePer1000).toBeCloseTo((last12 / localityPop.Central!) * 1000, 9);
    expect(a.population).toEqual({ total: 291045, year: 2017, source: 'population/ons-mid-2017-lad-ward-lsoa.json' });
  });

  it('tests the change 2014 to 2016 on the same counts', () => {
    const c = a.overview.crimeChange!;
    const count = (y: string) => rows.filter((r) => r.lsoa !== '' && !isAsb(r) && r.month.startsWith(y)).length;
    expect([c.before, c.after]).toEqual([count('2014'), count('2016')]);
    expect(c.changePct).toBeCloseTo(((count('2016') - count('2014')) / count('2014')) * 100, 9);
    expect(c.significant).toBe(c.pValue < 0.05);
    expect(c.changePct!).toBeGreaterThan(15);
  });

  it('concentrates crime in Central and the town centre, as the reference assessment describes', () => {
    expect(a.localities[0]!.name).toBe('Central');
    expect(a.localities[0]!.crimeShare).toBeGreaterThan(0.2);
    const tc = a.places[0]!;
    const set = new Set(tc.lsoas);
    expect(tc.crime).toBe(rows.filter((r) => set.has(r.lsoa) && !isAsb(r)).length);
    expect(a.findings.map((f) => f.id)).toContain('crime-change');
  });

  it('compares the ten districts on counts made from the files, and tests the change against the rest', () => {
    const peers = a.analysis!.peers!;
    const inWindow = (r: Rec) => !isAsb(r) && r.month >= peers.window.from && r.month <= peers.window.to;
    const expected = countBy(all.filter((r) => inWindow(r) && lsoaDistrict.has(r.lsoa)), (r) => lsoaDistrict.get(r.lsoa)!);
    const force = peers.groups.find((g) => g.kind === 'force-area')!;
    expect(Object.fromEntries(force.rows.map((r) => [r.name, r.count]))).toEqual(expected);
    expect(force.of).toBe(10);
    expect(a.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['force-area-rank', 'versus-force-area']));
  });

  it('draws nine locality boundaries carrying their figures', () => {
    expect(a.localityMap.features.map((f) => f.properties.name).sort()).toEqual(
      ['Bramhall', 'Central', 'Cheadle', 'Edgeley', 'Hazel Grove', 'Heatons', 'Marple', 'Reddish', 'Werneth'],
    );
  });
});
