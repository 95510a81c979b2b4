import proj4 from 'proj4';
import { cspError } from '../errors.ts';

/**
 * British National Grid (EPSG:27700): Transverse Mercator on the Airy 1830 ellipsoid, OSGB36 datum,
 * with the OS 7-parameter Helmert transformation to WGS84 (`+towgs84`). The Helmert transformation
 * is accurate to about 3-5 m across Great Britain (OS, "A guide to coordinate systems in Great
 * Britain", §6.6); the definitive OSTN15 grid shift would reach ~0.1 m. Police open-data points are
 * snapped to anonymous map points hundreds of metres apart, so a few metres is immaterial here.
 */
export const BNG_PROJ4 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

/** WGS84 geographic longitude / latitude in degrees (EPSG:4326, axis order lon, lat). */
export const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';

const converter = proj4(WGS84_PROJ4, BNG_PROJ4);

export type ProjectionDirection = 'to-bng' | 'to-wgs84';

export interface ProjectionInput {
  /** Longitudes (degrees) for `to-bng`, eastings (m) for `to-wgs84`. */
  xs: ArrayLike<number>;
  /** Latitudes (degrees) for `to-bng`, northings (m) for `to-wgs84`. */
  ys: ArrayLike<number>;
}

export interface ProjectionOptions {
  /** Which way to convert. Default `'to-bng'` (WGS84 lon/lat to BNG metres). */
  direction?: ProjectionDirection;
}

export interface ProjectionResult {
  /** Eastings (m) or longitudes (degrees); NaN where the input was not finite. */
  xs: Float64Array;
  /** Northings (m) or latitudes (degrees); NaN where the input was not finite. */
  ys: Float64Array;
}

const defaults: Required<ProjectionOptions> = { direction: 'to-bng' };

function normaliseProjectionOptions(options: ProjectionOptions | undefined): Readonly<Required<ProjectionOptions>> {
  const direction = options?.direction ?? defaults.direction;
  if (direction !== 'to-bng' && direction !== 'to-wgs84') {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `options.direction is invalid: ${String(direction)}`);
  }
  return { direction };
}

/**
 * Converts arrays of coordinates between WGS84 lon/lat and British National Grid metres.
 *
 * Method: proj4 with the EPSG:27700 definition {@link BNG_PROJ4} (Transverse Mercator, Airy 1830,
 * OSGB36 with the OS 7-parameter Helmert shift). Non-finite input gives NaN output (crimes with no
 * location keep their slot, so arrays stay aligned with their rows).
 *
 * Assumptions: points lie in or near Great Britain; accuracy of the Helmert shift is ~3-5 m, not
 * the OSTN15 ~0.1 m. Do not use for surveying.
 *
 * Bibliography: Ordnance Survey (2020) A guide to coordinate systems in Great Britain, v3.6;
 * Snyder J.P. (1987) Map projections: a working manual, USGS Professional Paper 1395,
 * doi:10.3133/pp1395.
 *
 * @param input `{xs, ys}`: lon/lat degrees (`to-bng`) or easting/northing metres (`to-wgs84`).
 * @param options `direction`, default `'to-bng'`.
 * @returns `{xs, ys}` as new Float64Arrays.
 * @example
 * const { xs, ys } = projection({ xs: [-2.1582], ys: [53.4084] }); // xs[0] ≈ 389,500 m
 */
export function projection(input: ProjectionInput, options?: ProjectionOptions): ProjectionResult {
  const { direction } = normaliseProjectionOptions(options);
  const { xs, ys } = input;
  if (!xs || !ys || xs.length !== ys.length) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'input.xs and input.ys must be arrays of the same length');
  }
  const n = xs.length;
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  const fn = direction === 'to-bng' ? converter.forward : converter.inverse;
  // One reusable pair: proj4 accepts and returns [x, y] arrays; avoid per-point object churn.
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      outX[i] = NaN;
      outY[i] = NaN;
      continue;
    }
    const r = fn([x, y]);
    outX[i] = r[0] as number;
    outY[i] = r[1] as number;
  }
  return { xs: outX, ys: outY };
}

/** One WGS84 point (lon, lat degrees) to BNG `[easting, northing]` metres. */
export function toBng(lon: number, lat: number): [number, number] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `lon and lat must be finite numbers: ${lon}, ${lat}`);
  }
  const r = converter.forward([lon, lat]);
  return [r[0] as number, r[1] as number];
}

/** One BNG point (easting, northing metres) to WGS84 `[lon, lat]` degrees. */
export function toWgs84(easting: number, northing: number): [number, number] {
  if (!Number.isFinite(easting) || !Number.isFinite(northing)) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `easting and northing must be finite numbers: ${easting}, ${northing}`);
  }
  const r = converter.inverse([easting, northing]);
  return [r[0] as number, r[1] as number];
}

/** Fast path: WGS84 lon/lat arrays to BNG metres (NaN for non-finite input). */
export function toBngMany(lons: ArrayLike<number>, lats: ArrayLike<number>): ProjectionResult {
  return projection({ xs: lons, ys: lats }, { direction: 'to-bng' });
}

/** Fast path: BNG metre arrays to WGS84 lon/lat (NaN for non-finite input). */
export function toWgs84Many(eastings: ArrayLike<number>, northings: ArrayLike<number>): ProjectionResult {
  return projection({ xs: eastings, ys: northings }, { direction: 'to-wgs84' });
}
