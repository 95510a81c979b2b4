import { type FileHandle, open } from 'node:fs/promises';
import { Writable } from 'node:stream';

const LF = 10;

/**
 * Writes a byte stream as consecutive files `<base>.0`, `<base>.1`, ..., each cut just after the first
 * line end once it holds `partBytes`, and calls `onPart` as each is complete (the last when the stream
 * ends), so a reader can load the first parts while the stream goes on. In order, the parts hold the
 * stream's bytes; every part but the last ends with `\n`.
 */
export class LinePartsWriter extends Writable {
  private fh: FileHandle | null = null;
  private size = 0;
  private index = 0;

  constructor(
    private readonly base: string,
    private readonly partBytes: number,
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
      const cut = this.size + rest.length >= this.partBytes ? rest.indexOf(LF, Math.max(0, this.partBytes - this.size - 1)) : -1;
      const piece = cut === -1 ? rest : rest.subarray(0, cut + 1);
      await this.fh.write(piece);
      this.size += piece.length;
      rest = rest.subarray(piece.length);
      if (cut !== -1) await this.endPart();
    }
  }

  private async endPart(): Promise<void> {
    if (!this.fh) return;
    await this.fh.close();
    this.fh = null;
    const path = this.path();
    const index = this.index;
    this.index++;
    this.size = 0;
    this.onPart(path, index);
  }
}
