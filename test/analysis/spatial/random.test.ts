import { describe, expect, it } from 'vitest';
import { mulberry32, mulberry32At, random, randomInt, shuffleFrom } from '../../../src/analysis/spatial/random.ts';

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

  it('jumps ahead: mulberry32At(seed, k) continues as mulberry32(seed) after k calls, beyond 2^32 calls too', () => {
    for (const seed of [1, 42, -7, 4294967295]) {
      const r = mulberry32(seed);
      const seq = Array.from({ length: 300 }, () => r());
      for (const k of [0, 1, 2, 99, 299]) expect(mulberry32At(seed, k)()).toBe(seq[k]);
    }
    // The state has period 2^32: k and k + 2^32 calls land on the same value; a large k is exact too.
    const k = 123_456_789_012;
    expect(mulberry32At(3, k)()).toBe(mulberry32At(3, k + 4294967296)());
    // Against the state computed exactly with BigInt: seed + k × 0x6d2b79f5 (mod 2^32).
    const state = Number((3n + BigInt(k) * 0x6d2b79f5n) % 4294967296n);
    expect(mulberry32At(3, k)()).toBe(mulberry32(state)());
    expect(() => mulberry32At(1, -1)).toThrow(/calls/);
    expect(() => mulberry32At(1, 0.5)).toThrow(/calls/);
  });

  it('shuffleFrom gives the Fisher-Yates permutation of the jumped stream, beyond 2^31 calls too', () => {
    for (const [seed, calls] of [[1, 0], [7, 12345], [-3, 3_000_000_000]] as const) {
      const order = Int32Array.from({ length: 500 }, (_, i) => i);
      shuffleFrom(order, seed, calls);
      const rand = mulberry32At(seed, calls), byHand = Array.from({ length: 500 }, (_, i) => i);
      for (let k = 499; k > 0; k--) { const j = Math.floor(rand() * (k + 1)); [byHand[k], byHand[j]] = [byHand[j]!, byHand[k]!]; }
      expect(Array.from(order)).toEqual(byHand);
    }
  });
});
