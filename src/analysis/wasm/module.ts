/**
 * A small WebAssembly binary writer: enough of the format (types, one imported memory, exported
 * functions, locals, structured control, i32 and SIMD instructions) to emit a hot loop specialised to
 * its parameters at run time, with no toolchain and no prebuilt binary in the repository.
 *
 * Reference: WebAssembly Core Specification 2.0, chapter 5 (binary format), and its SIMD
 * instructions (prefix 0xFD, opcodes as standardised in 2021).
 */

export type ValueType = 'i32' | 'v128';
const valueCode: Record<ValueType, number> = { i32: 0x7f, v128: 0x7b };

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) { out.push(byte); return out; }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => { const b = [...new TextEncoder().encode(s)]; return [...uleb(b.length), ...b]; };
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** SIMD opcodes used here (0xFD prefix). */
const simd = {
  'v128.load': 0x00, 'v128.store': 0x0b, 'v128.const': 0x0c, 'i8x16.splat': 0x0f,
  'i8x16.gt_s': 0x27, 'i8x16.narrow_i16x8_s': 0x65, 'i8x16.sub': 0x71,
  'i16x8.abs': 0x80, 'i16x8.extend_low_i8x16_s': 0x87, 'i16x8.extend_high_i8x16_s': 0x88, 'i16x8.sub': 0x91,
  'i32x4.extend_low_i16x8_s': 0xa7, 'i32x4.extend_high_i16x8_s': 0xa8, 'i32x4.add': 0xae,
} as const;
/** Plain opcodes used here. */
const plain = {
  'block': 0x02, 'loop': 0x03, 'if': 0x04, 'end': 0x0b, 'br': 0x0c, 'br_if': 0x0d, 'select': 0x1b,
  'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22, 'i32.load': 0x28, 'i32.store': 0x36, 'i32.const': 0x41,
  'i32.eqz': 0x45, 'i32.eq': 0x46, 'i32.lt_u': 0x49, 'i32.gt_u': 0x4b, 'i32.ge_u': 0x4f,
  'i32.add': 0x6a, 'i32.sub': 0x6b, 'i32.shl': 0x74, 'i32.shr_u': 0x76,
} as const;

/** A function body, written instruction by instruction. */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValueType[] = [];
  constructor(readonly params: ValueType[], readonly results: ValueType[] = []) {}
  /** A new local of `type`; its index. */
  local(type: ValueType): number { this.locals.push(type); return this.params.length + this.locals.length - 1; }
  /** A plain instruction with its immediates (label depths and local indices unsigned, constants signed). */
  op(code: keyof typeof plain, immediate?: number): this {
    this.bytes.push(plain[code]);
    if (code === 'block' || code === 'loop' || code === 'if') this.bytes.push(0x40);
    else if (code === 'i32.const') this.bytes.push(...sleb(immediate!));
    else if (code === 'i32.load' || code === 'i32.store') this.bytes.push(2, ...uleb(immediate ?? 0));
    else if (immediate !== undefined) this.bytes.push(...uleb(immediate));
    return this;
  }
  /** A SIMD instruction: loads and stores take a byte offset, v128.const sixteen bytes. */
  v(code: keyof typeof simd, immediate?: number | number[]): this {
    this.bytes.push(0xfd, ...uleb(simd[code]));
    if (code === 'v128.load' || code === 'v128.store') this.bytes.push(4, ...uleb((immediate as number | undefined) ?? 0));
    else if (code === 'v128.const') this.bytes.push(...(immediate as number[]));
    return this;
  }
  get: (i: number) => this = (i) => this.op('local.get', i);
  set: (i: number) => this = (i) => this.op('local.set', i);
  /** The body in binary: locals grouped by run of type, then the instructions and `end`. */
  encode(): number[] {
    const runs: number[][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === valueCode[t]) last[0]!++;
      else runs.push([1, valueCode[t]]);
    }
    const body = [...uleb(runs.length), ...runs.flatMap(([count, code]) => [...uleb(count!), code!]), ...this.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

/**
 * A module importing one shared memory (`env.memory`, up to `maxPages` pages of 64 KiB) and exporting
 * the given functions.
 */
export function wasmModule(functions: Record<string, Code>, maxPages: number): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(functions);
  const types = section(1, vec(entries.map(([, c]) => [0x60, ...vec(c.params.map((t) => [valueCode[t]])), ...vec(c.results.map((t) => [valueCode[t]]))])));
  // Memory limits flag 3: a maximum is given and the memory is shared between threads.
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(maxPages)]]));
  const funcs = section(3, vec(entries.map((_, k) => uleb(k))));
  const exports = section(7, vec(entries.map(([n], k) => [...name(n), 0x00, ...uleb(k)])));
  const code = section(10, vec(entries.map(([, c]) => c.encode())));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
}
