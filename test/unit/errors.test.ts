import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CspError, errorCatalogue } from '../../src/errors.ts';
import { repoRoot } from '../helpers/paths.ts';

describe('error catalogue', () => {
  it('documents every code in docs/errors.md with its statuses', () => {
    const doc = readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8');
    for (const [code, e] of Object.entries(errorCatalogue)) {
      expect(doc).toContain(`| \`${code}\` | ${e.exitCode} | ${e.httpStatus} |`);
    }
  });

  it('formats FILE:LINE:COLUMN and leaves out what is unknown', () => {
    expect(new CspError('CSP_ERR_SOURCE_VALUE', 'bad', { file: 'a.csv', line: 3, column: 2 }).format()).toBe('a.csv:3:2: bad');
    expect(new CspError('CSP_ERR_SOURCE_VALUE', 'bad', { file: 'a.csv', line: 3 }).format()).toBe('a.csv:3: bad');
    expect(new CspError('CSP_ERR_SOURCE_VALUE', 'bad', { file: 'a.csv' }).format()).toBe('a.csv: bad');
    expect(new CspError('CSP_ERR_USAGE', 'bad').exitCode).toBe(2);
  });
});
