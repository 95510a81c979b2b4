/**
 * Numerical building blocks for the statistics layer: log-gamma, the regularised incomplete beta
 * and gamma functions, their quantiles, the normal distribution and the binomial and
 * hypergeometric probability mass functions. Pure functions of numbers; no options, no errors
 * thrown (callers validate their own inputs).
 *
 * Methods:
 * - `logGamma`: recurrence up to x >= 10, then the Stirling series (relative error ~1e-16).
 * - `incompleteBeta`: Lentz's modified continued fraction (Numerical Recipes `betacf`), evaluated on
 *   the side of the mean where it converges fast; returns both tails so the small one is exact.
 * - `incompleteGamma`: series below x = a + 1, continued fraction above (Numerical Recipes `gser`/`gcf`).
 * - Quantiles: bisection to full double precision on the accurate tail.
 * - `binomialPmf`: Loader's saddle-point algorithm, as R's `dbinom` (stirlerr + bd0), so that
 *   probabilities that are equal mathematically are equal in floating point and R's tie rules apply.
 *
 * Bibliography:
 * - Loader, C. (2000). Fast and accurate computation of binomial probabilities. Technical report.
 * - Press, W. H., Teukolsky, S. A., Vetterling, W. T. & Flannery, B. P. (2007). Numerical Recipes,
 *   3rd ed., §6.1–6.4. Cambridge University Press.
 * - Lentz, W. J. (1976). Generating Bessel functions in Mie scattering calculations using continued
 *   fractions. Applied Optics 15(3), 668–671. https://doi.org/10.1364/AO.15.000668
 *
 * @example
 * binomialPmf(3, 10, 0.5); // 0.1171875
 * betaQuantile(0.975, 12, 21); // upper Clopper-Pearson limit for 11 of 32
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LN_2PI = Math.log(2 * Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;

/** Natural log of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let z = x;
  while (z < 10) {
    shift += Math.log(z);
    z += 1;
  }
  const z2 = 1 / (z * z);
  const series =
    (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 * (1 / 1188 - z2 * (691 / 360360)))))) / z;
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + series - shift;
}

/** Both tails of a distribution function: `lower` = P(X <= x), `upper` = 1 - lower, each computed to full relative precision where it is small. */
export interface Tails {
  lower: number;
  upper: number;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1_000_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b) (lower) and 1 - I_x(a, b) (upper), for a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): Tails {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x >= 1) return { lower: 1, upper: 0 };
  const y = 1 - x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
  return { lower: 1 - upper, upper };
}

/** Regularised incomplete gamma P(a, x) (lower) and Q(a, x) (upper), for a > 0. */
export function incompleteGamma(a: number, x: number): Tails {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (!Number.isFinite(x)) return { lower: 1, upper: 0 };
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 1_000_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    const lower = sum * Math.exp(logFront);
    return { lower, upper: 1 - lower };
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= 1_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const upper = Math.exp(logFront) * h;
  return { lower: 1 - upper, upper };
}

/**
 * Solve tails(x) = p for an increasing distribution function on [lo, hi] by bisection, comparing on
 * whichever tail is the smaller so that extreme probabilities keep their relative precision.
 */
function bisectQuantile(p: number, tails: (x: number) => Tails, lo0: number, hi0: number): number {
  let lo = lo0;
  let hi = hi0;
  const useLower = p <= 0.5;
  const target = useLower ? p : 1 - p;
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const t = tails(mid);
    const below = useLower ? t.lower < target : t.upper > target;
    if (below) lo = mid;
    else hi = mid;
    if (hi - lo <= 4e-16 * Math.abs(lo)) break;
  }
  return 0.5 * (lo + hi);
}

/** Quantile of the Beta(a, b) distribution: x with I_x(a, b) = p. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return bisectQuantile(p, (x) => incompleteBeta(x, a, b), 0, 1);
}

/** Quantile of the Gamma(shape a, scale 1) distribution: x with P(a, x) = p. */
export function gammaQuantile(p: number, a: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  let hi = Math.max(1, 2 * a);
  while (incompleteGamma(a, hi).upper > 1 - p) hi *= 2;
  return bisectQuantile(p, (x) => incompleteGamma(a, x), 0, hi);
}

/** Standard normal distribution function, both tails: lower = Φ(z), upper = 1 - Φ(z). */
export function normalTails(z: number): Tails {
  if (Number.isNaN(z)) return { lower: Number.NaN, upper: Number.NaN };
  if (z === 0) return { lower: 0.5, upper: 0.5 };
  // Φ(-|z|) = Q(1/2, z²/2) / 2
  const small = 0.5 * incompleteGamma(0.5, (z * z) / 2).upper;
  return z < 0 ? { lower: small, upper: 1 - small } : { lower: 1 - small, upper: small };
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/** Standard normal quantile Φ⁻¹(p): Abramowitz & Stegun 26.2.23 start, Newton steps on the small tail. */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p; // tail probability, z = -x for the lower tail
  const t = Math.sqrt(-2 * Math.log(q));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (let i = 0; i < 50; i++) {
    // Solve upper(x) = q for x > 0.
    const diff = normalTails(x).upper - q;
    const step = diff / normalPdf(x);
    x += step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return p < 0.5 ? -x : x;
}

/** Two-sided p-value of a standard normal statistic: 2 Φ(-|z|). */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalTails(-Math.abs(z)).lower);
}

// --- Loader's binomial pmf (R's dbinom_raw) ---

function stirlerr(n: number): number {
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term x log(x/np) + np - x, computed without cancellation. */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * Binomial probability P(X = x) for X ~ Bin(n, p), with q = 1 - p passed separately when it is
 * known more exactly than 1 - p.
 */
export function binomialPmf(x: number, n: number, p: number, q: number = 1 - p): number {
  if (x < 0 || x > n || !Number.isInteger(x)) return 0;
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Binomial distribution function, both tails: lower = P(X <= k), upper = P(X > k). */
export function binomialTails(k: number, n: number, p: number): Tails {
  if (k < 0) return { lower: 0, upper: 1 };
  if (k >= n) return { lower: 1, upper: 0 };
  if (p <= 0) return { lower: 1, upper: 0 };
  if (p >= 1) return { lower: 0, upper: 1 };
  const kk = Math.floor(k);
  // P(X <= k) = 1 - I_p(k + 1, n - k)
  const t = incompleteBeta(p, kk + 1, n - kk);
  return { lower: t.upper, upper: t.lower };
}

/** log of the binomial coefficient C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Two-sided p-value of Student's t statistic with `df` degrees of freedom: P(|T| >= |t|) = I_{df/(df+t²)}(df/2, 1/2). */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalTwoSided(t);
  return Math.min(1, incompleteBeta(df / (df + t * t), df / 2, 0.5).lower);
}

/** Quantile of Student's t with `df` degrees of freedom, for p in (0.5, 1): the t with P(T <= t) = p. */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const tail = 2 * (1 - p);
  let hi = 1;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-15 * hi) break;
  }
  return 0.5 * (lo + hi);
}
