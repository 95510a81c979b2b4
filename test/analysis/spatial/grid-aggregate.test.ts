import { describe, expect, it } from 'vitest';
import { gridAggregate, gridCellId } from '../../../src/analysis/spatial/grid-aggregate.ts';

describe('gridAggregate', () => {
  it('counts points into cells snapped to the BNG origin', () => {
    const g = gridAggregate({ xs: [389010, 389240, 389260, 389990, NaN], ys: [390010, 390100, 390010, 390490, 1] }, { cellSize: 250 });
    expect([g.x0, g.y0, g.width, g.height]).toEqual([389000, 390000, 4, 2]);
    expect(Array.from(g.counts)).toEqual([2, 1, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(g.cellOfPoint)).toEqual([0, 0, 1, 7, -1]);
    expect(g.pointsOutside).toBe(1);
    expect(gridCellId(g, 7)).toBe('250m-E389750N390250');
  });

  it('uses a given extent (points outside are counted as such), weights, and closed east/north edges', () => {
    const g = gridAggregate({ xs: [0, 100, 200, 300], ys: [0, 100, 200, 50] }, { cellSize: 100, extent: [0, 0, 200, 200], weights: [1, 2, 3, 4] });
    expect([g.width, g.height]).toEqual([2, 2]);
    expect(Array.from(g.counts)).toEqual([1, 0, 0, 5]);
    expect(g.pointsOutside).toBe(1);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => gridAggregate({ xs: [1], ys: [] })).toThrow(/input.xs and input.ys/);
    expect(() => gridAggregate({ xs: [1], ys: [1] }, { cellSize: 0 })).toThrow(/options.cellSize/);
    expect(() => gridAggregate({ xs: [NaN], ys: [NaN] })).toThrow(/pass options.extent/);
    expect(() => gridAggregate({ xs: [0, 1e7], ys: [0, 1e7] }, { cellSize: 1 })).toThrow(/options.maxCells/);
  });
});
