import { describe, expect, it } from 'vitest';
import { completeYears, forceCoverage, gapIn, latestCompleteWindow, missingIn, monthsCoveredByAll, trimToData } from '../../src/analysis/coverage.ts';
import { monthsInRange } from '../../src/analysis/months.ts';
import { periodRange } from '../../src/analysis/period-change.ts';
import { peers, type PeerCounts } from '../../src/analysis/peers.ts';

const rowsFor = (force: string, from: string, to: string, skip: string[] = []) => monthsInRange(from, to).filter((m) => !skip.includes(m)).map((month) => ({ force, month, rows: 10 }));

describe('coverage', () => {
  const cov = forceCoverage([...rowsFor('A', '2016-02', '2019-01'), ...rowsFor('B', '2016-01', '2019-12', ['2018-03'])], '2016-01', '2019-12');

  it('lists months with data and missing months per force', () => {
    const a = cov.find((c) => c.force === 'A')!;
    expect(a.months).toHaveLength(36);
    expect(a.missingMonths).toEqual(['2016-01', ...monthsInRange('2019-02', '2019-12')]);
    expect(cov.find((c) => c.force === 'B')!.missingMonths).toEqual(['2018-03']);
  });

  it('compares only months every force covers', () => {
    const both = monthsCoveredByAll(cov, ['A', 'B']);
    expect(both.has('2018-03')).toBe(false);
    expect(both.has('2019-02')).toBe(false);
    expect(both.has('2017-06')).toBe(true);
    expect(monthsCoveredByAll(cov, ['C']).size).toBe(0);
  });

  it('trims the period to the data and finds the latest complete windows and years', () => {
    const a = monthsCoveredByAll(cov, ['A']);
    expect(trimToData('2016-01', '2019-12', a)).toEqual({ from: '2016-02', to: '2019-01' });
    expect(latestCompleteWindow('2016-01', '2019-12', 12, a)).toEqual({ from: '2018-02', to: '2019-01', months: 12 });
    const both = monthsCoveredByAll(cov, ['A', 'B']);
    expect(latestCompleteWindow('2016-01', '2019-12', 12, both)).toEqual({ from: '2017-03', to: '2018-02', months: 12 });
    expect(completeYears([2016, 2017, 2018, 2019], both)).toEqual([2017]);
    expect(missingIn({ from: '2018-01', to: '2018-04' }, both)).toEqual(['2018-03']);
    expect(latestCompleteWindow('2019-01', '2019-06', 12, a)).toBeNull();
  });

  it('says which figure, period, months and forces lack data', () => {
    expect(gapIn('x', [periodRange('2018-01', '2018-12')], cov, ['A', 'B'])).toEqual({
      figure: 'x',
      reason: 'incomplete-period',
      period: periodRange('2018-01', '2018-12'),
      missingMonths: ['2018-03'],
      forces: ['B'],
    });
    expect(gapIn('x', [periodRange('2017-01', '2017-12')], cov, ['A', 'B'])).toBeNull();
  });
});

describe('peers with incomplete coverage', () => {
  const baseline = periodRange('2018-01', '2018-12');
  const window = periodRange('2019-01', '2019-12');
  const d = (code: string, before: number, after: number, extra: Partial<PeerCounts> = {}): PeerCounts => ({ code, name: code, before, after, population: 100000, households: null, ...extra });
  const measure = { label: 'Burglary', categories: ['Burglary'] };

  it('neither ranks a district without a full window nor says the area is in line with an incomplete comparator', () => {
    const r = peers({
      measure,
      area: 'X',
      forceAreaName: 'F',
      baseline,
      window,
      populationYear: 2018,
      districts: [d('X', 500, 520), d('Y', 800, 60, { windowComplete: false, forces: ['F'], missingMonths: monthsInRange('2019-02', '2019-12') }), d('Z', 700, 690)],
      neighbours: [],
    });
    const rows = r.groups[0]!.rows;
    const y = rows.find((x) => x.code === 'Y')!;
    expect(y).toMatchObject({ rank: null, ratePer1000: null, count: null, change: null });
    expect(r.groups[0]!.of).toBe(2);
    expect(r.versusForceArea).toBeNull();
    expect(r.notComputed!.map((n) => n.figure)).toEqual(['rates and ranks of Y', 'change against the rest of the force area']);
    expect(r.notComputed![0]!.missingMonths).toHaveLength(11);
  });
});
