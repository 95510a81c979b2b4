import { describe, expect, it } from 'vitest';
import * as stats from '../../../src/analysis/stats/index.ts';

describe('stats index', () => {
  it('re-exports every analysis by name', () => {
    for (const name of ['poissonTest', 'poissonZ', 'controlChart', 'yearOnYear', 'multipleTesting', 'differenceInChange', 'rates', 'rankAmong', 'concentration']) {
      expect(typeof (stats as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
