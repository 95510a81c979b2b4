import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nationalComparison, parseComparatorPeriod } from '../../src/analysis/national.ts';
import { peers, type PeerCounts } from '../../src/analysis/peers.ts';
import { periodRange } from '../../src/analysis/period-change.ts';
import type { NationalComparatorRow } from '../../src/analysis/types.ts';
import { isCspError } from '../../src/errors.ts';
import { ingestPartner } from '../../src/sources/partnership/ingest.ts';
import { nationalGapWords, nationalWords } from '../../src/render/words/peers.ts';
import { queryNationalComparators } from '../../src/store/queries/national-comparators.ts';
import { Store } from '../../src/store/store.ts';

const baseline = periodRange('2017-01', '2017-12');
const window = periodRange('2018-01', '2018-12');
const measure = { label: 'Burglary', categories: ['Burglary'] };
const d = (code: string, before: number, after: number, population: number): PeerCounts => ({ code, name: code, before, after, population, households: null });
const row = (period: string, count: number | null, population: number | null, ratePer1000: number | null, m = 'Burglary'): NationalComparatorRow => ({
  measure: m,
  period,
  areaCode: 'K04000001',
  areaName: 'England and Wales',
  count,
  population,
  ratePer1000,
});
// Area A: 80 burglaries among 10,000 residents = 8.0 per 1,000; exact Poisson 95% interval of 80 is
// 63.4335 to 99.5739 (R: poisson.test(80)$conf.int), so 6.343 to 9.957 per 1,000.
const area = (national: NationalComparatorRow[]) =>
  peers({ measure, area: 'A', forceAreaName: 'the force', baseline, window, populationYear: 2017, districts: [d('A', 100, 80, 10000), d('B', 200, 200, 40000)], neighbours: [], national });

describe('England and Wales comparison', () => {
  it('reads periods as a month range or a calendar year, and nothing else', () => {
    expect(parseComparatorPeriod('2018-02 to 2019-01')).toEqual({ from: '2018-02', to: '2019-01' });
    expect(parseComparatorPeriod(' 2017 ')).toEqual({ from: '2017-01', to: '2017-12' });
    expect(parseComparatorPeriod('2017/18')).toBeNull();
    expect(parseComparatorPeriod('2019-01 to 2018-02')).toBeNull();
  });

  it('sets the area rate against the national rate over the same window: similar inside the 95% interval, else higher or lower', () => {
    expect(area([row('2018-01 to 2018-12', null, null, 6.5)]).national!.areaVersusNational).toBe('similar');
    expect(area([row('2018-01 to 2018-12', null, null, 6.3)]).national!.areaVersusNational).toBe('higher');
    expect(area([row('2018-01 to 2018-12', null, null, 9.96)]).national!.areaVersusNational).toBe('lower');
    expect(area([row('2018-01 to 2018-12', null, null, 9.95)]).national!.areaVersusNational).toBe('similar');
  });

  it('computes the national rate from count and population, and its change where the year before is given', () => {
    const n = area([row('2018', 300000, 50000000, null), row('2017-01 to 2017-12', 330000, 50000000, null)]).national!;
    expect(n.ratePer1000).toBeCloseTo(6.0, 12);
    expect(n.baselineRatePer1000).toBeCloseTo(6.6, 12);
    expect(n.changePct).toBeCloseTo((100 * (6.0 - 6.6)) / 6.6, 10);
    expect(n.areaVersusNational).toBe('higher');
  });

  it('ignores rows of another measure or other months, and says why there is no comparison', () => {
    const p = area([row('2018-02 to 2019-01', null, null, 6), row('2018', null, null, 6, 'Robbery')]);
    expect(p.national).toBeNull();
    expect(p.nationalGap).toBe('no-row');
    expect(nationalGapWords(p)).toBe('The England and Wales comparators loaded have no burglary row for 2018-01 to 2018-12, so there is no national comparison.');
    expect(area([]).nationalGap).toBe('not-loaded');
    expect(nationalGapWords(area([]))).toMatch(/^No England and Wales figures are loaded/);
    expect(nationalComparison({ measure: 'Burglary', window, baseline, areaRate: null, rows: [row('2018', null, null, 6)] })!.areaVersusNational).toBeNull();
  });

  it('words: the verdict and the national change', () => {
    const n = area([row('2018', 300000, 50000000, null), row('2017', 330000, 50000000, null)]).national!;
    expect(nationalWords(n, 'Area A', 8)).toBe(
      "Area A's rate of 8.0 per 1,000 residents is higher than England and Wales's 6.0 (the national rate lies below its 95% interval). The England and Wales rate fell 9% on the year before (6.6 per 1,000).",
    );
    const similar = area([row('2018', null, null, 7)]).national!;
    expect(nationalWords(similar, 'Area A', 8)).toBe(
      "Area A's rate of 8.0 per 1,000 residents is similar to England and Wales's 7.0 (the national rate lies within its 95% interval). No England and Wales figure for the year before is loaded, so there is no national change.",
    );
  });
});

describe('national-comparators dataset', () => {
  const key = Buffer.from('test-key-0123456789abcdef');
  const header = 'measure,period,area_code,area_name,count,population,rate_per_1000\n';
  const file = (text: string) => {
    const p = join(mkdtempSync(join(tmpdir(), 'csp-national-')), 'national.csv');
    writeFileSync(p, text);
    return p;
  };

  it('a planted file loads and reaches the peers comparison', async () => {
    const store = await Store.open(':memory:');
    try {
      const f = file(`${header}Burglary,2018-01 to 2018-12,K04000001,England and Wales,300000,50000000,\nBurglary,2017,K04000001,England and Wales,,,6.6\n`);
      expect((await ingestPartner(store, 'national-comparators', f, { key })).rows).toBe(2);
      const rows = await queryNationalComparators(store);
      expect(rows).toEqual([row('2017', null, null, 6.6), row('2018-01 to 2018-12', 300000, 50000000, null)]);
      const n = area(rows).national!;
      expect([n.ratePer1000, n.baselineRatePer1000, n.areaVersusNational]).toEqual([6, 6.6, 'higher']);
    } finally {
      store.close();
    }
  });

  it('refuses a row with neither a rate nor count and population, and a period in another form', async () => {
    const store = await Store.open(':memory:');
    const refusal = async (text: string) => {
      const f = file(text);
      try {
        await ingestPartner(store, 'national-comparators', f, { key });
      } catch (e) {
        if (isCspError(e)) return e.format().slice(f.length);
        throw e;
      }
      return 'loaded';
    };
    try {
      expect(await refusal(`${header}Burglary,2018,K04000001,England and Wales,300000,,\n`)).toBe(':2:7: neither rate_per_1000 nor both count and population are given');
      expect(await refusal(`${header}Burglary,2017/18,K04000001,England and Wales,,,6.6\n`)).toBe(':2:2: "period" is "2017/18": expected YYYY-MM to YYYY-MM or a year YYYY');
    } finally {
      store.close();
    }
  });
});
