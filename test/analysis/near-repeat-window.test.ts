import { describe, expect, it } from 'vitest';
import { nearRepeatWindow } from '../../src/analysis/near-repeat-window.ts';

/** A table from ratios, every cell with the same p unless given as [ratio, p]. */
const table = (rows: (number | null | [number, number])[][], p = 0.001) =>
  rows.map((row) => row.map((c) => (Array.isArray(c) ? { knoxRatio: c[0], p: c[1] } : { knoxRatio: c, p })));
const options = { alpha: 0.05, minRatio: 1.2 };

describe('nearRepeatWindow', () => {
  it('grows from the nearest cell through neighbours in the table that are significant and of practical size', () => {
    const w = nearRepeatWindow(table([
      [1.9, 1.4, 1.1],
      [1.3, 1.05, 1.0],
      [1.0, 1.0, 1.6],
    ]), options);
    expect(w.found).toBe(true);
    expect(w.cells).toEqual([{ d: 0, t: 0 }, { d: 1, t: 0 }, { d: 0, t: 1 }]);
    expect(w.reach).toEqual({ d: 1, t: 1 });
    // 1.1 and 1.05 are significant but small; 1.6 is large but apart from the window (corners do not join).
    expect(w.elsewhere).toEqual([{ d: 0, t: 2 }, { d: 1, t: 1 }, { d: 2, t: 2 }]);
  });

  it('finds no window when the nearest cell is not significant or too small, and keeps the other excesses apart', () => {
    expect(nearRepeatWindow(table([[[1.9, 0.2], 1.5], [1.3, 1.0]]), options)).toMatchObject({ found: false, cells: [], reach: null, elsewhere: [{ d: 0, t: 1 }, { d: 1, t: 0 }] });
    expect(nearRepeatWindow(table([[1.15, 1.5]]), options)).toMatchObject({ found: false, elsewhere: [{ d: 0, t: 0 }, { d: 0, t: 1 }] });
    // A cell with no pairs expected has no ratio: never in a window.
    expect(nearRepeatWindow(table([[null, 2]]), options).found).toBe(false);
    // At the threshold exactly, and just significant.
    expect(nearRepeatWindow(table([[[1.2, 0.049]]]), options).found).toBe(true);
    expect(nearRepeatWindow(table([[[1.2, 0.05]]]), options).found).toBe(false);
  });

  it('checks its options', () => {
    expect(() => nearRepeatWindow(table([[1]]), { alpha: 0, minRatio: 1.2 })).toThrow(/alpha/);
    expect(() => nearRepeatWindow(table([[1]]), { alpha: 0.05, minRatio: 0.9 })).toThrow(/minRatio/);
  });
});
