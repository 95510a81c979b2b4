import { describe, expect, it } from 'vitest';
import { fmtP } from '../../src/render/html/format.ts';

describe('fmtP', () => {
  it('never shows a p-value near 0.05 as the threshold itself', () => {
    expect(fmtP(0.050650165709226355)).toBe('p = 0.051');
    expect(fmtP(0.0494)).toBe('p = 0.049');
    expect(fmtP(0.0004)).toBe('p < 0.001');
    expect(fmtP(0.004)).toBe('p = 0.004');
    expect(fmtP(0.374)).toBe('p = 0.37');
  });
});
