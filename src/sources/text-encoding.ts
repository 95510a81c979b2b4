import { isUtf8 } from 'node:buffer';
import { cspError } from '../errors.ts';
import type { SourceFile } from './source-file.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DecodedSource {
  encoding: TextEncodingName;
  /** UTF-8 bytes without a BOM: what the parser reads. */
  utf8: Buffer;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Refuses empty and binary files and turns what Excel and data.police.uk write (UTF-8, UTF-8 with a
 * BOM, Windows-1252) into UTF-8. Anything that is not valid UTF-8 is read as Windows-1252, which
 * decodes every byte, so the check for binary content is the NUL byte.
 */
export function decodeSource(file: SourceFile): DecodedSource {
  const { bytes } = file;
  if (bytes.length === 0 || bytes.toString('latin1', 0, Math.min(bytes.length, 4096)).trim() === '') {
    throw cspError('CSP_ERR_SOURCE_EMPTY', 'file is empty', { file: file.name, line: 1, column: 1 });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = countLines(bytes, nul);
    throw cspError('CSP_ERR_SOURCE_BINARY', 'file is binary, not CSV text (it holds NUL bytes; was a spreadsheet saved as .csv?)', {
      file: file.name,
      line,
      column: 1,
    });
  }
  if (bytes.subarray(0, 3).equals(BOM)) return { encoding: 'utf-8-bom', utf8: bytes.subarray(3) };
  if (isUtf8(bytes)) return { encoding: 'utf-8', utf8: bytes };
  return { encoding: 'windows-1252', utf8: Buffer.from(new TextDecoder('windows-1252').decode(bytes), 'utf8') };
}

function countLines(bytes: Buffer, upTo: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < upTo; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
