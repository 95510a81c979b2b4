import { describe, expect, it } from 'vitest';
import { Code, sleb, uleb, wasmModule } from '../../src/analysis/wasm/module.ts';

describe('wasm module writer', () => {
  it('writes LEB128 as the specification gives it', () => {
    // Worked examples of the DWARF and WebAssembly specifications.
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('writes a module that validates and runs: a loop over shared memory with SIMD', () => {
    // sum(ptr, n): adds n 32-bit integers, four at a time, and stores the four partial sums at ptr.
    const c = new Code(['i32', 'i32']);
    const [ptr, n] = [0, 1];
    const k = c.local('i32'), acc = c.local('v128');
    c.op('block').op('loop');
    c.get(k).get(n).op('i32.ge_u').op('br_if', 1);
    c.get(ptr).get(k).op('i32.const', 2).op('i32.shl').op('i32.add').v('v128.load', 16).get(acc).v('i32x4.add').set(acc);
    c.get(k).op('i32.const', 4).op('i32.add').set(k);
    c.op('br', 0).op('end').op('end');
    c.get(ptr).get(acc).v('v128.store', 0);
    const bytes = wasmModule({ sum: c }, 16);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const sum = (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.sum as (p: number, n: number) => void);
    const ints = new Int32Array(memory.buffer, 0, 4 + 12);
    ints.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12], 4);
    sum(0, 12);
    expect(Array.from(ints.subarray(0, 4))).toEqual([1 + 5 + 9, 2 + 6 + 10, 3 + 7 + 11, 4 + 8 - 12]);
  });
});
