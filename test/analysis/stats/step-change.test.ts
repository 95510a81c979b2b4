import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../src/analysis/months.ts';
import { stepChange } from '../../../src/analysis/stats/step-change.ts';
import { mulberry32 } from '../../../src/analysis/spatial/random.ts';
import { gammaPoissonDraw } from '../../../src/synthetic/draws.ts';

function series(step: string | null, factor: number, seed = 1): Map<string, number> {
  const rand = mulberry32(seed);
  return new Map(
    Array.from({ length: 36 }, (_, t) => {
      const m = addMonths('2016-01', t);
      const season = 1 + 0.15 * Math.cos((t / 6) * Math.PI);
      return [m, gammaPoissonDraw(300 * season * (step !== null && m >= step ? factor : 1), 2, rand)] as [string, number];
    }),
  );
}

describe('stepChange', () => {
  it('flags a step at one January as a possible recording change', () => {
    const r = stepChange({ series: series('2018-01', 1.4), dispersion: 2 });
    expect(r.possibleRecordingChange?.month).toBe('2018-01');
    expect(r.possibleRecordingChange!.ratioOfRatios!).toBeGreaterThan(1.25);
    expect(r.possibleRecordingChange!.pValue).toBeLessThan(0.001);
    // Boundaries from 2017-07 (18 months of history) to 2018-07 (6 months after).
    expect(r.steps.map((s) => s.month)).toEqual(Array.from({ length: 13 }, (_, k) => addMonths('2017-07', k)));
  });

  it('does not flag a step elsewhere, nor a series without a step', () => {
    expect(stepChange({ series: series('2017-10', 1.4), dispersion: 2 }).possibleRecordingChange).toBeNull();
    expect(stepChange({ series: series(null, 1, 3), dispersion: 2 }).possibleRecordingChange).toBeNull();
  });

  it('judges no boundary across a gap', () => {
    const s = series('2018-01', 1.4);
    s.delete('2017-03');
    const r = stepChange({ series: s, dispersion: 2 });
    expect(r.steps.every((x) => x.month >= '2018-04' || x.month <= '2017-02')).toBe(true);
  });
});
