import { cspError } from '../../errors.ts';

/** A seeded uniform generator on [0, 1). */
export type RandomSource = () => number;

export interface RandomOptions {
  /** 32-bit integer seed. Default 1. */
  seed?: number;
}

const defaults: Required<RandomOptions> = { seed: 1 };

function normaliseRandomOptions(options: RandomOptions | undefined): Readonly<Required<RandomOptions>> {
  const seed = options?.seed ?? defaults.seed;
  if (!Number.isInteger(seed)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.seed must be an integer: ${seed}`);
  return { seed };
}

/**
 * mulberry32: a 32-bit state generator with a full 2^32 period, by Tommy Ettinger (public domain).
 * Deterministic across platforms (integer arithmetic via Math.imul), fast, adequate for permutation
 * inference and synthetic data; not cryptographic.
 *
 * Bibliography: Ettinger T. (2017) mulberry32, https://gist.github.com/tommyettinger/46a874533244883189143505d203312c;
 * for the test batteries it passes see O'Neill M.E. (2014) PCG, HMC-CS-2014-0905.
 *
 * @example
 * const rand = mulberry32(42); rand(); // 0.6011037519201636
 */
export function mulberry32(seed: number): RandomSource {
  return mulberry32At(seed, 0);
}

/** The state of mulberry32 grows by this constant (mod 2^32) at each call. */
const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * mulberry32(seed) after `calls` calls, in O(1): the state is seed + calls × step (mod 2^32). Gives
 * independent pieces of work (permutation r of a Monte Carlo test) their own place in one seeded
 * stream, so their results do not depend on the order or the thread they run in.
 *
 * @example
 * const rand = mulberry32At(42, 1); rand(); // the second value of mulberry32(42)
 */
export function mulberry32At(seed: number, calls: number): RandomSource {
  if (!Number.isFinite(seed)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `seed must be a finite number: ${seed}`);
  if (!(Number.isSafeInteger(calls) && calls >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `calls must be a whole number: ${calls}`);
  // calls × step mod 2^32 exactly: Math.imul keeps the low 32 bits of the product of the low 32 bits.
  let a = ((seed >>> 0) + (Math.imul(calls % 4294967296, MULBERRY32_STEP) >>> 0)) >>> 0;
  return () => {
    a = (a + MULBERRY32_STEP) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher-Yates shuffle of `order` in place (k from the end, swap with floor(u × (k + 1))), drawing u
 * from mulberry32(seed) jumped `calls` calls on: the same permutation as that loop over
 * `mulberry32At(seed, calls)`, with the generator's state in a local variable (a closure's state is
 * a boxed number on every call, several times slower in a hot loop).
 *
 * @example
 * const order = Int32Array.from({ length: 10 }, (_, i) => i); shuffleFrom(order, 42, 0);
 */
export function shuffleFrom(order: Int32Array, seed: number, calls: number): void {
  if (!(Number.isSafeInteger(calls) && calls >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `calls must be a whole number: ${calls}`);
  let a = ((seed >>> 0) + (Math.imul(calls % 4294967296, MULBERRY32_STEP) >>> 0)) | 0;
  for (let k = order.length - 1; k > 0; k--) {
    a = (a + MULBERRY32_STEP) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (k + 1));
    const v = order[k]!;
    order[k] = order[j]!;
    order[j] = v;
  }
}

/** `random(options)`: the file's main function; a mulberry32 source seeded by `options.seed` (default 1). */
export function random(options?: RandomOptions): RandomSource {
  return mulberry32(normaliseRandomOptions(options).seed);
}

/** Uniform integer in [0, n) from `rand`. */
export function randomInt(rand: RandomSource, n: number): number {
  return Math.floor(rand() * n);
}
