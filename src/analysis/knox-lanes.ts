/**
 * Knox counts of sixteen permutations at once: each pair of places within the radius is listed once,
 * band by band, in a memory shared by every thread, and a WebAssembly SIMD loop reads the days of a
 * pair's second incident under sixteen permutations in two 16-byte loads (sixteen 16-bit days side by
 * side), so a pair costs one pass of a few vector instructions per sixteen permutations instead of
 * sixteen passes of scalar work. The loop is written for the time breaks it counts (countBandCode).
 */
import { Code, wasmModule } from './wasm/module.ts';

/** Permutations counted side by side: sixteen 16-bit days in two 128-bit vectors. */
export const LANES = 16;
/** The most days apart a 16-bit lane holds exactly. */
export const LANE_SPAN = 32767;
/** The largest time break the loop compares: |Δdays| is narrowed to 8 bits (saturating at 127). */
export const LANE_MAX_BREAK = 126;
/** Pairs an 8-bit lane counts before it is added into the 32-bit totals. */
const LANE_LIMIT = 127;
/** The largest memory the loop's module accepts: 4 GiB, wasm32's whole address space, in 64 KiB pages. */
const MAX_PAGES = 65536;
const PAGE = 65536;

/**
 * The loop for one distance band: `count(off, list, days, out, n)`. For each incident a (its slot) the
 * band's partners are list[off[a] .. off[a + 1] − 1]; for each partner, sixteen lanes of |Δdays|
 * (16-bit, then narrowed to 8 bits with saturation) are compared with each time break, and each lane
 * counts the pairs *beyond* it (> 7 days, > 14 days, …; x86 compares greater-than only, so counting
 * those within would cost a negation). Counts run in 8-bit lanes and are added into `out` (break k:
 * lanes 0-3, 4-7, 8-11, 12-15 as 32-bit integers, 64 bytes) every 127 pairs.
 */
function countBandCode(breaks: readonly number[]): Code {
  const c = new Code(['i32', 'i32', 'i32', 'i32', 'i32']);
  const [off, list, days, out, n] = [0, 1, 2, 3, 4];
  const a = c.local('i32'), o = c.local('i32'), q = c.local('i32'), qEnd = c.local('i32'), lim = c.local('i32'), pending = c.local('i32'), b = c.local('i32');
  const ta0 = c.local('v128'), ta1 = c.local('v128'), dt = c.local('v128');
  const limits = breaks.map(() => c.local('v128')), acc = breaks.map(() => c.local('v128'));
  const zero = new Array<number>(16).fill(0);
  breaks.forEach((t, k) => { c.op('i32.const', t).v('i8x16.splat').set(limits[k]!); });
  const flush = (): void => {
    acc.forEach((v, k) => {
      for (const [half, widen] of [[0, 'i16x8.extend_low_i8x16_s'], [1, 'i16x8.extend_high_i8x16_s']] as const) {
        for (const [quarter, wider] of [[0, 'i32x4.extend_low_i16x8_s'], [1, 'i32x4.extend_high_i16x8_s']] as const) {
          const at = 64 * k + 32 * half + 16 * quarter;
          c.get(out).get(out).v('v128.load', at).get(v).v(widen).v(wider).v('i32x4.add').v('v128.store', at);
        }
      }
      c.v('v128.const', zero).set(v);
    });
  };
  c.op('block').op('loop'); // $row
  c.get(a).get(n).op('i32.ge_u').op('br_if', 1);
  c.get(off).get(a).op('i32.const', 2).op('i32.shl').op('i32.add').set(o);
  c.get(o).op('i32.load', 0).op('i32.const', 2).op('i32.shl').get(list).op('i32.add').set(q);
  c.get(o).op('i32.load', 4).op('i32.const', 2).op('i32.shl').get(list).op('i32.add').set(qEnd);
  c.get(days).get(a).op('i32.const', 5).op('i32.shl').op('i32.add').set(b);
  c.get(b).v('v128.load', 0).set(ta0).get(b).v('v128.load', 16).set(ta1);
  c.op('block').op('loop'); // $chunk: at most LANE_LIMIT − pending pairs before a flush
  c.get(q).get(qEnd).op('i32.ge_u').op('br_if', 1);
  c.get(q).op('i32.const', LANE_LIMIT).get(pending).op('i32.sub').op('i32.const', 2).op('i32.shl').op('i32.add').set(lim);
  c.get(lim).get(qEnd).get(lim).get(qEnd).op('i32.lt_u').op('select').set(lim);
  c.get(pending).get(lim).get(q).op('i32.sub').op('i32.const', 2).op('i32.shr_u').op('i32.add').set(pending);
  c.op('loop'); // $pair
  c.get(days).get(q).op('i32.load', 0).op('i32.const', 5).op('i32.shl').op('i32.add').set(b);
  c.get(b).v('v128.load', 0).get(ta0).v('i16x8.sub').v('i16x8.abs');
  c.get(b).v('v128.load', 16).get(ta1).v('i16x8.sub').v('i16x8.abs');
  c.v('i8x16.narrow_i16x8_s').set(dt);
  // A lane beyond break k compares to −1: subtracting it counts one.
  acc.forEach((v, k) => { c.get(v).get(dt).get(limits[k]!).v('i8x16.gt_s').v('i8x16.sub').set(v); });
  c.get(q).op('i32.const', 4).op('i32.add').op('local.tee', q).get(lim).op('i32.lt_u').op('br_if', 0);
  c.op('end');
  c.get(pending).op('i32.const', LANE_LIMIT).op('i32.eq').op('if');
  flush();
  c.op('i32.const', 0).set(pending);
  c.op('end');
  c.op('br', 0).op('end').op('end');
  c.get(a).op('i32.const', 1).op('i32.add').set(a);
  c.op('br', 0).op('end').op('end');
  flush();
  return c;
}

type CountBand = (off: number, list: number, days: number, out: number, n: number) => void;
const loops = new Map<string, { module: WebAssembly.Module; instances: WeakMap<WebAssembly.Memory, CountBand> }>();

/** The band loop for these time breaks on this memory, compiled once per breaks and instantiated once per memory and thread. */
export function bandCounter(memory: WebAssembly.Memory, breaks: readonly number[]): CountBand {
  const key = breaks.join(',');
  let entry = loops.get(key);
  if (!entry) {
    entry = { module: new WebAssembly.Module(wasmModule({ count: countBandCode(breaks) }, MAX_PAGES)), instances: new WeakMap() };
    loops.set(key, entry);
  }
  let count = entry.instances.get(memory);
  if (!count) {
    count = new WebAssembly.Instance(entry.module, { env: { memory } }).exports.count as CountBand;
    entry.instances.set(memory, count);
  }
  return count;
}

let available: boolean | undefined;

/**
 * Whether this runtime runs the loop: WebAssembly with SIMD and memory shared between threads (Node
 * 20 has both; a runtime started without them counts through the grid instead).
 */
export function lanesAvailable(): boolean {
  if (available === undefined) {
    try {
      available = WebAssembly.validate(wasmModule({ count: countBandCode([7]) }, MAX_PAGES)) && new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
    } catch {
      available = false;
    }
  }
  return available;
}

/** A shared memory of at least `bytes`, able to grow to `maxBytes`. */
export function sharedMemory(bytes: number, maxBytes: number): WebAssembly.Memory {
  const pages = Math.ceil(bytes / PAGE);
  return new WebAssembly.Memory({ initial: pages, maximum: Math.min(MAX_PAGES, Math.max(pages, Math.ceil(maxBytes / PAGE))), shared: true });
}

/** Grows `memory` to hold at least `bytes`. */
export function reserve(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
}
