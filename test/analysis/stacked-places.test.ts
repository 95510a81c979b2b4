import { describe, expect, it } from 'vitest';
import { stackedPlaces } from '../../src/analysis/stacked-places.ts';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';

describe('stackedPlaces', () => {
  const rand = mulberry32(4);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < 3000; i++) { xs.push(380000 + rand() * 10000); ys.push(390000 + rand() * 10000); }
  // A default location (60 incidents, within rounding of one point), a genuine repeat (25) and a small one (19).
  for (let i = 0; i < 60; i++) { xs.push(389000.2 + (i % 2) * 0.2); ys.push(390500); }
  for (let i = 0; i < 25; i++) { xs.push(381234); ys.push(398765); }
  for (let i = 0; i < 19; i++) { xs.push(385000); ys.push(395000); }
  xs.push(Number.NaN); ys.push(1);

  it('reports points with at least 20 incidents and 1% of all, most first, with their pairs at 0 m', () => {
    // 3,104 located: 1% is 31.04, so only the default location passes both floors.
    expect(stackedPlaces(xs, ys)).toEqual([{ x: 389000.2, y: 390500, incidents: 60, pairs: 1770 }]);
    expect(stackedPlaces(xs, ys, { minShare: 0 })).toEqual([
      { x: 389000.2, y: 390500, incidents: 60, pairs: 1770 },
      { x: 381234, y: 398765, incidents: 25, pairs: 300 },
    ]);
    expect(stackedPlaces(xs, ys, { minShare: 0, minIncidents: 19 }).map((p) => p.incidents)).toEqual([60, 25, 19]);
  });

  it('treats points within the tolerance as one, and checks its input', () => {
    expect(stackedPlaces([0.2, 0.4, 10], [0, 0, 0], { minIncidents: 2, minShare: 0 })).toEqual([{ x: 0.2, y: 0, incidents: 2, pairs: 1 }]);
    expect(stackedPlaces([0.2, 0.4, 10], [0, 0, 0], { minIncidents: 2, minShare: 0, tolerance: 0.1 })).toEqual([]);
    expect(() => stackedPlaces([1], [])).toThrow(/same length/);
    expect(() => stackedPlaces([1], [1], { tolerance: 0 })).toThrow(/tolerance/);
  });
});
