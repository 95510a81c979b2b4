import { describe, expect, it } from 'vitest';
import { peers, type PeerCounts } from '../../src/analysis/peers.ts';
import { periodRange } from '../../src/analysis/period-change.ts';
import { asbPeersWords } from '../../src/render/words/peers.ts';

const baseline = periodRange('2017-01', '2017-12');
const window = periodRange('2018-01', '2018-12');
const ASB = { label: 'Anti-social behaviour', categories: ['Anti-social behaviour'] };
const d = (code: string, before: number, after: number, population: number): PeerCounts => ({ code, name: code, before, after, population, households: null });
const nat = (period: string, rate: number) => ({ measure: 'anti-social behaviour', period, areaCode: 'K04000001', areaName: 'England and Wales', count: null, population: null, ratePer1000: rate });

describe('anti-social behaviour against the force area and England and Wales', () => {
  // A: 300 per 10,000 = 30.0 per 1,000 (exact 95% interval of 300: 267.0 to 335.9, so 26.70 to 33.59);
  // the force area pools 300 + 600 + 100 = 1,000 over 50,000 = 20.0 per 1,000: below A's interval.
  const districts = [d('A', 200, 300, 10000), d('B', 600, 600, 30000), d('C', 100, 100, 10000)];
  const s = peers({ measure: ASB, area: 'A', forceAreaName: 'the force', baseline, window, populationYear: 2017, districts, neighbours: [], national: [nat('2018', 18), nat('2017', 20)] });

  it('ranks the area, compares its rate with the force area, tests its change against the rest, and sets it beside England and Wales (measure matched without regard to case)', () => {
    const a = s.groups[0]!.rows.find((r) => r.isArea)!;
    expect([a.ratePer1000, a.rank, a.versusForceAreaRate]).toEqual([30, 1, 'higher']);
    // A rose 200 -> 300 while the rest stayed at 700: a significant difference in change.
    expect(s.versusForceArea!.comparison).toBe('more');
    expect(s.national!.areaVersusNational).toBe('higher');
    expect(s.national!.changePct).toBeCloseTo(-10, 10);
  });

  it('words: rate and rank, change against the rest of the force area, England and Wales', () => {
    expect(asbPeersWords(s, 'Area A', 'the force')).toEqual([
      "Area A recorded 30.0 incidents of anti-social behaviour per 1,000 residents, 1 of 3 districts (1 = highest), higher than the force's as a whole (its 95% interval excludes the force area's rate).",
      'Against the year before, anti-social behaviour rose significantly more than the rest of the force.',
      "Area A's rate of 30.0 per 1,000 residents is higher than England and Wales's 18.0 (the national rate lies below its 95% interval). The England and Wales rate fell 10% on the year before (20.0 per 1,000).",
    ]);
  });

  it('without national figures, says so; without an area rate, says it is not ranked', () => {
    const none = peers({ measure: ASB, area: 'A', forceAreaName: 'the force', baseline, window, populationYear: 2017, districts: [d('A', 200, 300, 0), d('B', 600, 600, 30000)], neighbours: [] });
    expect(asbPeersWords(none, 'Area A', 'the force')).toEqual([
      'Area A has no anti-social behaviour rate for this window (see the coverage notes), so it is not ranked.',
      'Against the year before, anti-social behaviour rose significantly more than the rest of the force.',
      'No England and Wales figures are loaded for this measure, so there is no national comparison.',
    ]);
  });
});
