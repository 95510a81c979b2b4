import { cspError } from '../../errors.ts';
import { policeKinds, type PoliceKind } from './kinds.ts';

/**
 * Recognises the kind of a data.police.uk file from its header and checks every column is there, in
 * order. The error names the first column that is wrong, so a user can find it in the file.
 */
export function recognisePoliceHeader(header: readonly string[], file: string): PoliceKind {
  const kinds = Object.keys(policeKinds) as PoliceKind[];
  // The kind whose columns match the longest prefix of the header is what the file was meant to be.
  let best: PoliceKind = 'street';
  let bestScore = -1;
  for (const kind of kinds) {
    const cols = policeKinds[kind];
    const overlap = header.filter((h) => (cols as readonly string[]).includes(h)).length;
    if (overlap > bestScore) {
      best = kind;
      bestScore = overlap;
    }
  }
  const expected = policeKinds[best] as readonly string[];
  if (bestScore < 3) {
    throw cspError('CSP_ERR_SOURCE_HEADER', `not a data.police.uk street, outcomes or stop-and-search file: header starts "${header.slice(0, 3).join(',')}"`, {
      file,
      line: 1,
      column: 1,
    });
  }
  for (let i = 0; i < expected.length; i++) {
    const found = header[i];
    if (found === expected[i]) continue;
    const isKnown = found !== undefined && expected.includes(found);
    const message =
      found === undefined || (isKnown && !header.includes(expected[i]!))
        ? `missing column "${expected[i]}" (a ${best} file has ${expected.length} columns: ${expected.join(', ')})`
        : `column ${i + 1} is "${found}", expected "${expected[i]}"`;
    throw cspError('CSP_ERR_SOURCE_HEADER', message, { file, line: 1, column: Math.min(i + 1, header.length + 1) });
  }
  if (header.length > expected.length) {
    throw cspError('CSP_ERR_SOURCE_HEADER', `unexpected column "${header[expected.length]}" after the ${expected.length} columns of a ${best} file`, {
      file,
      line: 1,
      column: expected.length + 1,
    });
  }
  return best;
}
