import { describe, expect, it } from 'vitest';
import { mulberry32, random, randomInt } from '../../../src/analysis/spatial/random.ts';

describe('random', () => {
  it('is the reference mulberry32 sequence, reproducible by seed', () => {
    const r = mulberry32(42);
    expect(r()).toBe(0.6011037519201636);
    expect(r()).toBe(0.44829055899754167);
    const a = random({ seed: 7 }), b = random({ seed: 7 });
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('is roughly uniform on [0, 1)', () => {
    const r = mulberry32(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      bins[randomInt(() => v, 10)]++;
    }
    for (const b of bins) expect(Math.abs(b - 10000)).toBeLessThan(400);
    expect(() => random({ seed: 1.5 })).toThrow(/options.seed/);
  });
});
