import { describe, expect, it } from 'vitest';
import { hotspotPersistence } from '../../../src/analysis/spatial/hotspot-persistence.ts';

describe('hotspotPersistence', () => {
  const input = {
    years: [2016, 2017, 2018],
    classes: [
      ['hot', 'none', 'hot', 'cold', 'none'],
      ['hot', 'none', 'none', 'cold', 'hot'],
      ['hot', 'hot', 'hot', 'none', 'none'],
    ] as const,
  };

  it('counts hot years and flags persistent (all years by default) and emerging (last year only)', () => {
    const r = hotspotPersistence({ years: input.years, classes: input.classes.map((c) => [...c]) });
    expect(Array.from(r.hotYears)).toEqual([3, 1, 2, 0, 1]);
    expect(Array.from(r.coldYears)).toEqual([0, 0, 0, 2, 0]);
    expect(r.persistent).toEqual([true, false, false, false, false]);
    expect(r.emerging).toEqual([false, true, false, false, false]);
    expect(r.status).toEqual(['persistent', 'emerging', 'intermittent', 'none', 'intermittent']);
    expect(r.minYears).toBe(3);
  });

  it('applies minYears', () => {
    const r = hotspotPersistence({ years: input.years, classes: input.classes.map((c) => [...c]) }, { minYears: 2 });
    expect(r.persistent).toEqual([true, false, true, false, false]);
  });

  it('never calls a single year emerging', () => {
    const r = hotspotPersistence({ years: ['2018'], classes: [['hot', 'none']] });
    expect(r.status).toEqual(['persistent', 'none']);
  });

  it('rejects mismatched years and areas, naming the argument', () => {
    expect(() => hotspotPersistence({ years: [1, 2], classes: [['hot']] })).toThrow(/input.classes has 1 years for 2 labels/);
    expect(() => hotspotPersistence({ years: [1, 2], classes: [['hot'], ['hot', 'none']] })).toThrow(/input.classes\[1\] \(2\) has 2 areas, expected 1/);
    expect(() => hotspotPersistence({ years: [1], classes: [['warm' as never]] })).toThrow(/must be 'hot', 'cold' or 'none'/);
    expect(() => hotspotPersistence({ years: [1], classes: [['hot']] }, { minYears: 2 })).toThrow(/options.minYears/);
  });
});
