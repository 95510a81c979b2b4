import { describe, expect, it } from 'vitest';
import { fullYears, yearChange } from '../../../src/analysis/themes/common.ts';
import { hate } from '../../../src/analysis/themes/hate.ts';
import { missingEpisodes } from '../../../src/analysis/themes/missing-episodes.ts';
import { ocg } from '../../../src/analysis/themes/ocg.ts';

describe('theme analyses', () => {
  it('full years of a period', () => {
    expect(fullYears('2014-01', '2017-06')).toEqual([2014, 2015, 2016]);
    expect(fullYears('2014-02', '2016-12')).toEqual([2015, 2016]);
  });

  it('year change is the exact Poisson test of first against last full year', () => {
    const c = yearChange((y) => ({ 2014: 108, 2016: 1253 })[y as 2014 | 2016] ?? 0, [2014, 2015, 2016], 0.05)!;
    expect(c.changePct).toBeCloseTo(1060.185, 2);
    expect(c.significant).toBe(true);
  });

  it('missing: repeat people with 3+ episodes and their share', () => {
    const e = (person: string, lookedAfter = false, outOfArea = false) => ({ person, year: 2015, lookedAfter, outOfArea, locality: 'Central' });
    const d = missingEpisodes({ episodes: [e('a', true, true), e('a', true, true), e('a', true), e('b'), e('c')], years: [2015] }, { significance: 0.05 });
    expect(d).toMatchObject({ episodes: 5, people: 3, repeatPeople: 1, repeatEpisodes: 3, repeatShare: 0.6, lookedAfterPeople: 1, outOfAreaEpisodes: 2, maxEpisodesPerPerson: 3 });
  });

  it('hate: a tripled daily rate after an event is a spike; strands can overlap', () => {
    const records = [];
    for (let d = 0; d < 84; d++) records.push({ date: new Date(Date.UTC(2016, 2, 31) + d * 864e5).toISOString().slice(0, 10), recordType: 'incident' as const, strands: ['race'], inPlace: false });
    for (let d = 0; d < 28; d++) for (let k = 0; k < 3; k++) records.push({ date: new Date(Date.UTC(2016, 5, 23) + d * 864e5).toISOString().slice(0, 10), recordType: 'crime' as const, strands: ['race', 'religion'], inPlace: true });
    const d = hate({ records, years: [2016], events: [{ date: '2016-06-23', label: 'the EU referendum' }], placeName: 'Town Centre' }, { significance: 0.05 });
    expect(d.events[0]).toMatchObject({ before: 84, after: 84, spike: true });
    expect(d.raceShare).toBe(1);
    expect(d.strands.find((s) => s.name === 'religion')!.count).toBe(84);
    expect(d.place).toEqual({ name: 'Town Centre', count: 84, share: 0.5 });
  });

  it('ocg: active groups, primary activities and localities', () => {
    const d = ocg({
      snapshotDate: '2017-03-31',
      groups: [
        { groupId: 'a', status: 'active', activities: ['drugs supply', 'fraud'], localities: ['Central'], individuals: 4 },
        { groupId: 'b', status: 'archived', activities: ['fraud'], localities: ['Central'], individuals: 9 },
        { groupId: 'c', status: 'active', activities: ['fraud'], localities: ['Central', 'Marple'], individuals: 2 },
      ],
    });
    expect(d).toMatchObject({ groups: 2, individuals: 6, localities: [{ name: 'Central', groups: 2 }, { name: 'Marple', groups: 1 }] });
    expect(d.activities).toEqual([{ name: 'fraud', groups: 2, primary: 1 }, { name: 'drugs supply', groups: 1, primary: 1 }]);
  });
});
