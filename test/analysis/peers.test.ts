import { describe, expect, it } from 'vitest';
import { peers, versusRest, type PeerCounts } from '../../src/analysis/peers.ts';
import { periodRange } from '../../src/analysis/period-change.ts';
import { versusWords } from '../../src/render/words/peers.ts';

const baseline = periodRange('2017-01', '2017-12');
const window = periodRange('2018-01', '2018-12');
const measure = { label: 'Burglary', categories: ['Burglary'] };
const d = (code: string, before: number, after: number, population: number | null): PeerCounts => ({ code, name: code, before, after, population, households: null });

describe('peers', () => {
  const districts = [d('A', 100, 80, 10000), d('B', 200, 200, 40000), d('C', 50, 90, 5000), d('D', 10, 10, null)];
  const p = peers({ measure, area: 'A', forceAreaName: 'the force', baseline, window, populationYear: 2017, districts, neighbours: [{ code: 'C', population: 5000 }, { code: 'Z9', population: null }] });
  const force = p.groups[0]!;

  it('rates per 1,000 residents and ranks them, 1 = highest, leaving areas without population unranked', () => {
    // Rates: A 8.0, B 5.0, C 18.0 per 1,000.
    expect(force.rows.map((r) => [r.code, r.ratePer1000, r.rank])).toEqual([
      ['C', 18, 1],
      ['A', 8, 2],
      ['B', 5, 3],
      ['D', null, null],
    ]);
    expect(force.areaRank).toBe(2);
    expect(force.of).toBe(3);
  });

  it('tests each change with the exact Poisson test (binomial: 2 P(X <= 80 | 180, 0.5) = 0.156531)', () => {
    const a = force.rows.find((r) => r.code === 'A')!;
    expect(a.change!.changePct).toBeCloseTo(-20, 10);
    // Exact binomial sum, computed here independently.
    let tail = 0;
    let c = 1;
    for (let k = 0; k <= 80; k++) {
      tail += c;
      c = (c * (180 - k)) / (k + 1);
    }
    expect(a.change!.pValue).toBeCloseTo((2 * tail) / 2 ** 180, 10);
    expect(a.change!.pValue).toBeCloseTo(0.1565315, 6);
  });

  it('compares statistical neighbours and lists the ones with no figures', () => {
    const n = p.groups[1]!;
    expect(n.rows.map((r) => r.code)).toEqual(['C', 'A']);
    expect(n.missing).toEqual(['Z9']);
  });

  it('says "in line" only from a test of the difference in change', () => {
    // Rest: before 260, after 300; A fell 100 -> 80. Ratio of ratios (80/100)/(300/260) = 0.6933.
    const v = p.versusForceArea!;
    expect(v.comparatorBefore).toBe(260);
    expect(v.comparatorAfter).toBe(300);
    expect(v.ratioOfRatios).toBeCloseTo((80 * 260) / (100 * 300), 12);
    // Wald on log ratio: se = sqrt(1/80 + 1/100 + 1/300 + 1/260), z = ln(0.69333) / se.
    const se = Math.sqrt(1 / 80 + 1 / 100 + 1 / 300 + 1 / 260);
    const z = Math.log((80 * 260) / (100 * 300)) / se;
    expect(z).toBeLessThan(-1.96);
    expect(v.inLine).toBe(false);
    expect(versusWords(v)).toBe('fell significantly more than the rest of the force');
    const same = versusRest([d('A', 100, 110, 1), d('B', 1000, 1100, 1)], 'A', 'the rest', baseline, window, 0.05)!;
    expect(same.inLine).toBe(true);
    expect(versusWords(same)).toBe('rose in line with the rest (no significant difference in change)');
  });
});
