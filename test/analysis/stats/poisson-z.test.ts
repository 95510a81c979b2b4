import { describe, expect, it } from 'vitest';
import { poissonZ } from '../../../src/analysis/stats/poisson-z.ts';

function close(actual: number, expected: number, rel = 1e-6): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

// References: SciPy 1.17.1, p = 2 * scipy.stats.norm.sf(abs(z_standardised)).
describe('poissonZ', () => {
  it("Wheeler's example, 25 against an expected 16: z = 2", () => {
    const r = poissonZ({ before: 16, after: 25 }, { reference: 'expected' });
    expect(r.z).toBe(2);
    expect(r.zStandardised).toBe(2);
    close(r.pValue, 0.04550026389635839); // 2 * norm.sf(2)
    expect(r.significant).toBe(true);
  });

  it('two observed counts: variance 2, so z / sqrt(2)', () => {
    const r = poissonZ({ before: 16, after: 25 });
    expect(r.z).toBe(2);
    close(r.zStandardised, Math.SQRT2);
    close(r.pValue, 0.15729920705028516); // 2 * norm.sf(2 / sqrt(2))
    expect(r.significant).toBe(false);
  });

  it('a fall, and zero counts', () => {
    const r = poissonZ({ before: 12, after: 3 });
    close(r.z, 2 * (Math.sqrt(3) - Math.sqrt(12)));
    close(r.pValue, 0.014305878435429648); // 2 * norm.sf(abs(2*(sqrt(3)-sqrt(12))/sqrt(2)))
    const zero = poissonZ({ before: 0, after: 0 });
    expect(zero).toMatchObject({ z: 0, pValue: 1, significant: false });
  });

  it('large counts', () => {
    const r = poissonZ({ before: 1_000_000, after: 1_002_000 });
    close(r.z, 2 * (Math.sqrt(1_002_000) - 1000));
  });

  it('rejects invalid input', () => {
    expect(() => poissonZ({ before: -1, after: 2 })).toThrow(/before/);
    expect(() => poissonZ({ before: 1.5, after: 2 })).toThrow(/before/);
    expect(poissonZ({ before: 1.5, after: 2 }, { reference: 'expected' }).z).toBeCloseTo(2 * (Math.SQRT2 - Math.sqrt(1.5)), 12);
    expect(() => poissonZ({ before: 1, after: Infinity })).toThrow(/after/);
  });
});
