/**
 * Seeded synthetic data for the benches: never real records.
 */
import { mulberry32 } from '../src/analysis/spatial/random.ts';

export { mulberry32 };

export interface RandomPoints {
  xs: Float64Array;
  ys: Float64Array;
}

/** `n` uniform points in the box [minX, minY, maxX, maxY], from `mulberry32(seed)`. */
export function randomPointsInBbox(n: number, bbox: readonly [number, number, number, number], seed = 1): RandomPoints {
  const rand = mulberry32(seed);
  const [x0, y0, x1, y1] = bbox;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x0 + rand() * (x1 - x0);
    ys[i] = y0 + rand() * (y1 - y0);
  }
  return { xs, ys };
}

/**
 * `n` points: a share `clusteredShare` in `clusters` Gaussian clusters (sd `clusterSd`) at random
 * centres in the box, the rest uniform. Crime-like: a diffuse background plus hot spots.
 */
export function randomClusteredPoints(
  n: number,
  bbox: readonly [number, number, number, number],
  { seed = 1, clusters = 40, clusterSd = 250, clusteredShare = 0.5 } = {},
): RandomPoints {
  const rand = mulberry32(seed);
  const [x0, y0, x1, y1] = bbox;
  const cx = Float64Array.from({ length: clusters }, () => x0 + (0.1 + 0.8 * rand()) * (x1 - x0));
  const cy = Float64Array.from({ length: clusters }, () => y0 + (0.1 + 0.8 * rand()) * (y1 - y0));
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rand() < clusteredShare) {
      const k = Math.floor(rand() * clusters);
      const r = Math.sqrt(-2 * Math.log(1 - rand())), t = 2 * Math.PI * rand();
      xs[i] = (cx[k] as number) + clusterSd * r * Math.cos(t);
      ys[i] = (cy[k] as number) + clusterSd * r * Math.sin(t);
    } else {
      xs[i] = x0 + rand() * (x1 - x0);
      ys[i] = y0 + rand() * (y1 - y0);
    }
  }
  return { xs, ys };
}

export interface RandomDatedPoints extends RandomPoints {
  /** Integer day numbers from 0. */
  days: Int32Array;
}

/**
 * `n` dated points in the box over `span` days: clustered as randomClusteredPoints, and a share
 * `nearRepeatShare` of them placed within 150 m and 0-5 days after an earlier point (a near-repeat
 * pattern, as burglary shows).
 */
export function randomDatedPoints(
  n: number,
  bbox: readonly [number, number, number, number],
  { seed = 1, span = 1095, nearRepeatShare = 0.1 } = {},
): RandomDatedPoints {
  const base = randomClusteredPoints(n, bbox, { seed, clusters: 60, clusterSd: 600, clusteredShare: 0.4 });
  const rand = mulberry32(seed + 1);
  const days = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && rand() < nearRepeatShare) {
      const j = Math.floor(rand() * i), r = rand() * 150, th = rand() * 2 * Math.PI;
      base.xs[i] = (base.xs[j] as number) + r * Math.cos(th);
      base.ys[i] = (base.ys[j] as number) + r * Math.sin(th);
      days[i] = Math.min(span - 1, (days[j] as number) + Math.floor(rand() * 6));
    } else days[i] = Math.floor(rand() * span);
  }
  return { ...base, days };
}
