import { describe, expect, it } from 'vitest';
import { countsByWindow, harm } from '../../src/analysis/harm.ts';
import { DEFAULT_HARM_WEIGHTS } from '../../src/analysis/harm-weights.ts';
import { periodRange } from '../../src/analysis/period-change.ts';

const y1 = periodRange('2017-01', '2017-12');
const y2 = periodRange('2018-01', '2018-12');

describe('harm', () => {
  const rows = [
    { month: '2017-03', category: 'Burglary', count: 10 },
    { month: '2017-05', category: 'Shoplifting', count: 40 },
    { month: '2018-02', category: 'Burglary', count: 12 },
    { month: '2018-02', category: 'Robbery', count: 1 },
    { month: '2018-06', category: 'Anti-social behaviour', count: 7 },
  ];
  const h = harm({ windows: countsByWindow(rows, [y1, y2]) });

  it('weights counts by category (default weights, labelled as an approximation)', () => {
    const w = DEFAULT_HARM_WEIGHTS;
    expect(h.byYear.map((y) => y.harm)).toEqual([10 * w.Burglary! + 40 * w.Shoplifting!, 12 * w.Burglary! + w.Robbery!]);
    expect(h.byYear.map((y) => y.count)).toEqual([50, 20]);
    expect(h.label).toMatch(/approximat/);
    expect(h.unweighted).toEqual(['Anti-social behaviour']);
    expect(h.categories[0]).toMatchObject({ category: 'Burglary', count: 22, harm: 22 * w.Burglary! });
  });

  it('reports percent change of harm and count without claiming significance', () => {
    const [a, b] = h.byYear;
    expect(h.harmChangePct).toBeCloseTo((100 * (b!.harm - a!.harm)) / a!.harm, 10);
    expect(h.countChangePct).toBeCloseTo(-60, 10);
  });

  it('uses configured weights instead, and says so', () => {
    const c = harm({ windows: countsByWindow(rows, [y1]) }, { weights: { Burglary: 2, Shoplifting: 1 } });
    expect(c.byYear[0]!.harm).toBe(60);
    expect(c.source).toMatch(/configuration/);
  });
});
