/** Seeded random draws for synthetic data and simulations: Poisson, gamma, and their mix (negative binomial). */

/** Poisson draw (Knuth's product of uniforms below 60, the normal approximation above: volumes there are large). */
export function poissonDraw(mean: number, rand: () => number): number {
  if (mean <= 0) return 0;
  if (mean < 60) {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= rand();
    } while (p > l);
    return k - 1;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalDraw(rand)));
}

/** Standard normal draw (Box-Muller). */
export function normalDraw(rand: () => number): number {
  const u1 = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Gamma(shape, scale 1) draw by Marsaglia & Tsang (2000), with the shape + 1 boost below shape 1.
 * Bibliography: Marsaglia, G. & Tsang, W. W. (2000). A simple method for generating gamma variables.
 * ACM TOMS 26(3), 363–372. https://doi.org/10.1145/358407.358414
 */
export function gammaDraw(shape: number, rand: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, rand) * Math.pow(Math.max(rand(), 1e-300), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A count with the given mean and dispersion φ = variance / mean: Poisson when φ <= 1, else a
 * gamma-Poisson mix (negative binomial with size mean / (φ − 1)), whose variance is mean · φ.
 */
export function gammaPoissonDraw(mean: number, dispersion: number, rand: () => number): number {
  if (mean <= 0) return 0;
  if (!(dispersion > 1)) return poissonDraw(mean, rand);
  const shape = mean / (dispersion - 1);
  return poissonDraw((gammaDraw(shape, rand) * mean) / shape, rand);
}
