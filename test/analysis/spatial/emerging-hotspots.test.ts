import { describe, expect, it } from 'vitest';
import { gridContiguity } from '../../../src/analysis/spatial/contiguity.ts';
import { classifyEmerging, EMERGING_CATEGORIES, emergingHotspots } from '../../../src/analysis/spatial/emerging-hotspots.ts';
import type { HotspotClass } from '../../../src/analysis/spatial/getis-ord.ts';
import { mulberry32 } from '../../../src/analysis/spatial/random.ts';

/** 'H' hot, 'C' cold, '.' not significant, oldest first. */
const seq = (s: string): HotspotClass[] => [...s].map((c) => (c === 'H' ? 'hot' : c === 'C' ? 'cold' : 'none'));

describe('classifyEmerging: one series that fires each rule', () => {
  const cases: [string, 'up' | 'down' | 'none', string][] = [
    ['.........H', 'none', 'new-hot'],
    ['C........H', 'up', 'new-hot'], // new comes before oscillating: never hot before the last step
    ['......HHHH', 'up', 'consecutive-hot'],
    ['HHHHHHHHHH', 'up', 'intensifying-hot'],
    ['.HHHHHHHHH', 'up', 'intensifying-hot'], // 9 of 10 is 90%
    ['HHHHHHHHHH', 'none', 'persistent-hot'],
    ['HHHHH.HHHH', 'down', 'diminishing-hot'],
    ['..H..H.H.H', 'none', 'sporadic-hot'],
    ['HHHHHHHH.H', 'none', 'persistent-hot'],
    ['.HH.C..H.H', 'none', 'oscillating-hot'],
    ['C.HHHH.HHH', 'none', 'oscillating-hot'],
    ['HHHHHHHHH.', 'down', 'historical-hot'],
    ['HHHHHHHHHC', 'none', 'historical-hot'],
    ['.........C', 'none', 'new-cold'],
    ['.......CCC', 'down', 'consecutive-cold'],
    ['CCCCCCCCCC', 'down', 'intensifying-cold'],
    ['CCCCCCCCCC', 'none', 'persistent-cold'],
    ['CCCCCCCCCC', 'up', 'diminishing-cold'],
    ['.C..C...CC', 'none', 'sporadic-cold'],
    ['H...C...CC', 'none', 'oscillating-cold'],
    ['CCCCCCCCC.', 'none', 'historical-cold'],
    ['..........', 'none', 'none'],
    ['HHHHHHHH..', 'up', 'none'], // 80% hot, not hot now: no ArcGIS pattern
    ['.H.H.H.H..', 'none', 'none'],
  ];
  for (const [s, trend, want] of cases) {
    it(`${s} trend ${trend} -> ${want}`, () => expect(classifyEmerging(seq(s), trend)).toBe(want));
  }

  it('every category has a series above', () => {
    const fired = new Set(cases.map((c) => c[2]));
    expect(EMERGING_CATEGORIES.filter((c) => !fired.has(c))).toEqual([]);
  });

  it('the share threshold is configurable', () => {
    expect(classifyEmerging(seq('HHHHHHHH.H'), 'none', 0.95)).toBe('sporadic-hot');
  });
});

describe('emergingHotspots on planted space-time cubes', () => {
  const w = 30, h = 30, steps = 12;
  const block = (r0: number, c0: number) => (i: number): boolean => {
    const r = Math.floor(i / w), c = i % w;
    return r >= r0 && r < r0 + 3 && c >= c0 && c < c0 + 3;
  };
  const cube = (seed: number, value: (i: number, t: number, noise: number) => number): Float64Array[] => {
    const rand = mulberry32(seed);
    return Array.from({ length: steps }, (_, t) => Float64Array.from({ length: w * h }, (_, i) => value(i, t, Math.floor(rand() * 5))));
  };
  const neighbours = gridContiguity(w, h).neighbours;
  const centre = (r0: number, c0: number): number => (r0 + 1) * w + c0 + 1;

  // Gi* is relative to each step's mean and spread, so a block that keeps its counts while another
  // grows loses z: steady patterns and trends are planted in separate cubes.
  const persistent = block(3, 3), fresh = block(20, 3), past = block(20, 20);
  const steady = emergingHotspots({
    neighbours,
    counts: cube(11, (i, t, noise) => {
      if (persistent(i)) return 25 + noise;
      if (fresh(i)) return t === steps - 1 ? 40 : 2 + noise;
      if (past(i)) return t < steps - 1 ? 25 + noise : 2 + noise;
      return 2 + noise;
    }),
  });
  // One block rises while another falls, so each step's spread stays about the same.
  const rising = block(3, 20), falling = block(20, 20);
  const trending = emergingHotspots({
    neighbours,
    counts: cube(12, (i, t, noise) => (rising(i) ? 18 + 3 * t + noise : falling(i) ? 51 - 3 * t + noise : 2 + noise)),
  });

  it('finds persistent, new and historical hot spots', () => {
    expect(steady.categories[centre(3, 3)]).toBe('persistent-hot');
    expect(steady.hotSteps[centre(3, 3)]).toBe(steps);
    expect(steady.categories[centre(20, 3)]).toBe('new-hot');
    expect(steady.categories[centre(20, 20)]).toBe('historical-hot');
  });

  it('finds intensifying and diminishing hot spots from the trend of their z-scores', () => {
    expect(trending.categories[centre(3, 20)]).toBe('intensifying-hot');
    expect(trending.trendZ[centre(3, 20)]).toBeGreaterThan(2);
    expect(trending.categories[centre(20, 20)]).toBe('diminishing-hot');
    expect(trending.trendZ[centre(20, 20)]).toBeLessThan(-2);
  });

  it('background far from the blocks has no pattern', () => {
    expect(steady.categories[12 * w + 12]).toBe('none');
    expect(steady.steps).toBe(steps);
    expect(steady.z).toHaveLength(steps);
  });

  it('rejects a cube with a ragged step', () => {
    expect(() => emergingHotspots({ counts: [[1, 2], [1]], neighbours: [[1], [0]] })).toThrow(/counts\[1\]/);
    expect(() => emergingHotspots({ counts: [[1, 2]], neighbours: [[1], [0]] })).toThrow(/two time steps/);
  });
});
