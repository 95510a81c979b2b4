import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  binomialPmf,
  binomialTails,
  gammaQuantile,
  incompleteBeta,
  incompleteGamma,
  logGamma,
  normalQuantile,
  normalTails,
} from '../../../src/analysis/stats/distributions.ts';

function close(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

// References: SciPy 1.17.1 (scipy.stats / scipy.special) calls named in each comment.
describe('distributions', () => {
  it('logGamma', () => {
    close(logGamma(0.5), 0.5 * Math.log(Math.PI)); // Γ(1/2) = √π
    close(logGamma(10), Math.log(362880)); // 9!
    // Python: math.lgamma(1000001) = 12815518.384658169
    close(logGamma(1_000_001), 12815518.384658169, 1e-14);
  });

  it('incomplete beta and gamma', () => {
    close(incompleteBeta(0.3, 0.5, 2.5).lower, 0.7968893362799453); // beta.cdf(0.3, 0.5, 2.5)
    close(incompleteGamma(2.5, 3).lower, 0.6937810815867212); // gamma.cdf(3, 2.5)
    close(incompleteGamma(10, 50).upper, 1.2596084591660847e-12, 1e-8); // gamma.sf(50, 10)
  });

  it('quantiles', () => {
    close(betaQuantile(0.025, 11, 22), 0.18571909171656614); // beta.ppf(0.025, 11, 22)
    close(betaQuantile(0.975, 1, 1e6), 3.688872650206488e-6); // beta.ppf(0.975, 1, 1e6)
    close(betaQuantile(1e-10, 3, 7), 0.00010600083666760557, 1e-8); // beta.ppf(1e-10, 3, 7)
    close(gammaQuantile(0.975, 0.5), 2.511943093657444); // gamma.ppf(0.975, 0.5)
  });

  it('normal', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-12); // norm.ppf(0.975)
    close(normalQuantile(1e-12), -7.034483825301131, 1e-12); // norm.ppf(1e-12)
    close(normalTails(-8).lower, 6.22096057427174e-16, 1e-10); // norm.cdf(-8)
    close(normalTails(1.3).lower, 0.9031995154143897, 1e-12); // norm.cdf(1.3)
  });

  it('binomial', () => {
    close(binomialPmf(3, 10, 0.5), 0.1171875, 1e-14); // binom.pmf(3, 10, 0.5)
    close(binomialPmf(0, 2_000_000, 1e-6), 0.13533514790130702, 1e-10); // binom.pmf(0, 2000000, 1e-6)
    close(binomialPmf(1_000_000, 2_001_000, 0.5), 0.0004393363643967476, 1e-9); // binom.pmf(1000000, 2001000, 0.5)
    close(binomialTails(10, 50, 0.3).lower, 0.07885062482305619); // binom.cdf(10, 50, 0.3)
    close(binomialTails(40, 50, 0.3).upper, 4.0551448958679654e-14, 1e-8); // binom.sf(40, 50, 0.3)
    // C(17, 3) / 2^17 = 680 / 131072, from either end
    close(binomialPmf(3, 17, 0.5), 680 / 131072, 1e-13);
    close(binomialPmf(14, 17, 0.5), 680 / 131072, 1e-13);
  });
});
