import { describe, expect, it } from 'vitest';
import { fires, type FireCount } from '../../../src/analysis/themes/fires.ts';
import { FULL_EDITION } from '../../../src/render/words/edition.ts';
import { issueSentences } from '../../../src/render/words/themes.ts';

const firesFindings = (d: ReturnType<typeof fires>) => issueSentences(d, FULL_EDITION);

const row = (code: string, count: number): FireCount => ({ code, name: code, year: 2016, fireType: 'secondary', motive: 'deliberate', cause: null, locality: null, count });

describe('fires: force-area rank', () => {
  // A has the most fires but the most residents: per 1,000 residents it is lowest.
  const counts = [row('A', 300), row('B', 100), row('C', 200)];
  it('ranks on the rate per 1,000 residents when every district has residents', () => {
    const d = fires({ counts, area: 'A', years: [2016], populations: new Map([['A', 600000], ['B', 100000], ['C', 200000]]) }, { significance: 0.05 });
    expect(d.forceArea!.rankBasis).toBe('rate');
    expect(d.forceArea!.rows.map((r) => [r.code, r.ratePer1000, r.rankFromLowest])).toEqual([['A', 0.5, 1], ['B', 1, 2], ['C', 1, 2]]);
    expect(firesFindings(d).join(' ')).toContain("area's rate of deliberate fires per 1,000 residents was the lowest of 3 districts");
  });

  it('falls back to counts, and says so, when a population is missing', () => {
    const d = fires({ counts, area: 'A', years: [2016], populations: new Map([['A', 600000]]) }, { significance: 0.05 });
    expect(d.forceArea!.rankBasis).toBe('count');
    expect(d.forceArea!.areaRankFromLowest).toBe(3);
    expect(firesFindings(d).join(' ')).toContain("area's number of deliberate fires was the highest of 3 districts");
  });
});
