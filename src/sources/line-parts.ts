import { type FileHandle, open } from 'node:fs/promises';
import { Writable } from 'node:stream';

const LF = 10;

/**
 * Writes a byte stream as consecutive files `<base>.0`, `<base>.1`, ..., part `i` holding the next
 * `partLines(i)` lines (the last part what remains), and calls `onPart` as each is complete (the last
 * when the stream ends), so a reader can load the first parts while the stream goes on. In order, the
 * parts hold the stream's bytes.
 */
export class LinePartsWriter extends Writable {
  private fh: FileHandle | null = null;
  private lines = 0;
  private index = 0;

  constructor(
    private readonly base: string,
    private readonly partLines: (index: number) => number,
    private readonly onPart: (path: string, index: number) => void,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.take(chunk).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.endPart().then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const fh = this.fh;
    this.fh = null;
    (fh ? fh.close() : Promise.resolve()).then(
      () => done(error),
      () => done(error),
    );
  }

  private path(): string {
    return `${this.base}.${this.index}`;
  }

  private async take(chunk: Buffer): Promise<void> {
    let rest = chunk;
    while (rest.length > 0) {
      this.fh ??= await open(this.path(), 'w', 0o600);
      const need = this.partLines(this.index);
      // The bytes of `rest` that belong to this part: up to its last line, or all of them.
      let end = rest.length;
      for (let at = 0; this.lines < need; ) {
        const lf = rest.indexOf(LF, at);
        if (lf === -1) break;
        at = lf + 1;
        if (++this.lines === need) end = at;
      }
      await this.fh.write(rest.subarray(0, end));
      rest = rest.subarray(end);
      if (this.lines === need) await this.endPart();
    }
  }

  private async endPart(): Promise<void> {
    if (!this.fh) return;
    await this.fh.close();
    this.fh = null;
    const path = this.path();
    const index = this.index;
    this.index++;
    this.lines = 0;
    this.onPart(path, index);
  }
}
