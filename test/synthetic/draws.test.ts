import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';
import { gammaDraw, gammaPoissonDraw, poissonDraw } from '../../src/synthetic/draws.ts';

function moments(draw: () => number, n = 40000): { mean: number; variance: number } {
  const xs = Array.from({ length: n }, draw);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) };
}

// With 40,000 draws the standard error of a variance / mean ratio is under 1.5%; bounds allow 5 of them.
describe('seeded draws', () => {
  it('Poisson: variance equals the mean, small and large means', () => {
    for (const mean of [3.5, 250]) {
      const rand = mulberry32(3);
      const m = moments(() => poissonDraw(mean, rand));
      expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.01);
      expect(Math.abs(m.variance / m.mean - 1)).toBeLessThan(0.08);
    }
  });

  it('gamma: mean = shape, variance = shape (shape above and below 1)', () => {
    for (const shape of [0.5, 104]) {
      const rand = mulberry32(5);
      const m = moments(() => gammaDraw(shape, rand));
      expect(Math.abs(m.mean / shape - 1)).toBeLessThan(0.02);
      expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.08);
    }
  });

  it('gamma-Poisson: variance = dispersion × mean, deterministic for a seed', () => {
    const rand = mulberry32(7);
    const m = moments(() => gammaPoissonDraw(200, 4, rand));
    expect(Math.abs(m.mean / 200 - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.variance / m.mean / 4 - 1)).toBeLessThan(0.08);
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect(Array.from({ length: 5 }, () => gammaPoissonDraw(50, 3, a))).toEqual(Array.from({ length: 5 }, () => gammaPoissonDraw(50, 3, b)));
  });
});
