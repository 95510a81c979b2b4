/**
 * Places holding an unusual share of incidents at exactly one point: what a default location does
 * (a police station, a town centre or a district's centroid given to incidents whose address could not
 * be matched). In a near-repeat analysis such a stack adds n(n − 1)/2 pairs at 0 m with unrelated
 * dates, pulling the nearest Knox ratios towards 1; the analyst should see it and check the extract.
 */
import { cspError } from '../errors.ts';

export interface StackedPlacesOptions {
  /** Fewest incidents at one point to be reported. Default 20. */
  minIncidents?: number;
  /** Smallest share of all incidents at one point to be reported. Default 0.01. */
  minShare?: number;
  /** Points closer than this (metres) are one point. Default 1. */
  tolerance?: number;
}

export interface StackedPlace {
  /** Easting and northing of the point (the first incident's, in the input's metres). */
  x: number;
  y: number;
  incidents: number;
  /** Pairs of incidents at the point: incidents × (incidents − 1) / 2. */
  pairs: number;
}

/**
 * The points holding at least `minIncidents` incidents and `minShare` of all, most first.
 *
 * @param xs eastings in metres; `ys` northings. Non-finite coordinates are left out.
 * @example
 * stackedPlaces(xs, ys); // [{ x: 389000, y: 390000, incidents: 412, pairs: 84666 }]
 */
export function stackedPlaces(xs: ArrayLike<number>, ys: ArrayLike<number>, options: StackedPlacesOptions = {}): StackedPlace[] {
  const { minIncidents = 20, minShare = 0.01, tolerance = 1 } = options;
  if (xs.length !== ys.length) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'xs and ys must have the same length');
  if (!(tolerance > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.tolerance must be positive: ${tolerance}`);
  const at = new Map<string, StackedPlace>();
  let located = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    located++;
    const key = `${Math.round(x / tolerance)},${Math.round(y / tolerance)}`;
    const place = at.get(key);
    if (place) place.incidents++;
    else at.set(key, { x, y, incidents: 1, pairs: 0 });
  }
  const floor = Math.max(minIncidents, minShare * located);
  return [...at.values()]
    .filter((p) => p.incidents >= floor)
    .map((p) => ({ ...p, pairs: (p.incidents * (p.incidents - 1)) / 2 }))
    .sort((a, b) => b.incidents - a.incidents || a.x - b.x || a.y - b.y);
}
