import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { BNG_PROJ4, projection, toBng, toBngMany, toWgs84, toWgs84Many } from '../../src/geography/projection.ts';

describe('projection', () => {
  it('reproduces the OS worked example for the Transverse Mercator step exactly (Caister water tower)', () => {
    // OS "A guide to coordinate systems in Great Britain", Annex C: OSGB36 lat 52°39′27.2531″N,
    // lon 1°43′4.5177″E -> E 651409.903, N 313177.270. OSGB36 geographic -> BNG has no datum shift.
    const osgb36 = '+proj=longlat +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +no_defs';
    const lat = 52 + 39 / 60 + 27.2531 / 3600;
    const lon = 1 + 43 / 60 + 4.5177 / 3600;
    const [e, n] = proj4(osgb36, BNG_PROJ4, [lon, lat]) as [number, number];
    expect(e).toBeCloseTo(651409.903, 2);
    expect(n).toBeCloseTo(313177.27, 2);
  });

  it('agrees with an independent implementation of the OS guide formulas (Helmert + TM series) to 1 cm', () => {
    for (const [lon, lat] of [[-2.1582, 53.4084], [-2.73, 53.33], [-1.91, 53.69], [0.12, 51.5], [-5.0, 56.8]] as const) {
      const [e, n] = toBng(lon, lat);
      const [re, rn] = osGuideWgs84ToBng(lon, lat);
      expect(Math.abs(e - re)).toBeLessThan(0.01);
      expect(Math.abs(n - rn)).toBeLessThan(0.01);
    }
    // Stockport town centre lies in OS grid square SJ 89 90 (E 389-390 km, N 390-391 km).
    const [e, n] = toBng(-2.1582, 53.4084);
    expect(Math.floor(e / 1000)).toBe(389);
    expect(Math.floor(n / 1000)).toBe(390);
  });

  it('applies the WGS84 -> OSGB36 datum shift (about 100 m in Greater Manchester)', () => {
    const wgs84ToBngNoShift = proj4('+proj=longlat +ellps=airy +no_defs', '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +units=m +no_defs');
    const [e0, n0] = wgs84ToBngNoShift.forward([-2.1582, 53.4084]) as [number, number];
    const [e, n] = toBng(-2.1582, 53.4084);
    const shift = Math.hypot(e - e0, n - n0);
    expect(shift).toBeGreaterThan(50);
    expect(shift).toBeLessThan(150);
  });

  it('round-trips to within a centimetre', () => {
    const lons = Float64Array.from([-2.73, -2.1582, -1.9, 0.1, -5.0]);
    const lats = Float64Array.from([53.33, 53.4084, 53.68, 51.5, 56.8]);
    const bng = toBngMany(lons, lats);
    const back = toWgs84Many(bng.xs, bng.ys);
    for (let i = 0; i < lons.length; i++) {
      const [e2, n2] = toBng(back.xs[i] as number, back.ys[i] as number);
      expect(Math.hypot(e2 - (bng.xs[i] as number), n2 - (bng.ys[i] as number))).toBeLessThan(0.01);
      expect(back.xs[i]).toBeCloseTo(lons[i] as number, 6);
    }
    const [lon, lat] = toWgs84(...toBng(-2.1582, 53.4084));
    expect(lon).toBeCloseTo(-2.1582, 6);
    expect(lat).toBeCloseTo(53.4084, 6);
  });

  it('keeps array slots for missing coordinates as NaN and agrees with the single-point path', () => {
    const r = projection({ xs: [-2.1582, NaN, -2.2], ys: [53.4084, 53.4, Number.POSITIVE_INFINITY] });
    expect(r.xs).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(r.xs[1])).toBe(true);
    expect(Number.isNaN(r.ys[2])).toBe(true);
    expect(r.xs[0]).toBe(toBng(-2.1582, 53.4084)[0]);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => projection({ xs: [1, 2], ys: [1] })).toThrow(/input.xs and input.ys/);
    expect(() => projection({ xs: [1], ys: [1] }, { direction: 'sideways' as never })).toThrow(/options.direction/);
    expect(() => toBng(NaN, 53)).toThrow(expect.objectContaining({ code: 'CSP_ERR_GEOGRAPHY_INPUT' }));
  });
});

/**
 * Reference written from Ordnance Survey, "A guide to coordinate systems in Great Britain" (v3.6):
 * WGS84 geodetic -> cartesian (GRS80), 7-parameter Helmert to OSGB36 (§6.6, position-vector form,
 * tx -446.448 m, ty 125.157 m, tz -542.060 m, s 20.4894 ppm, rx -0.1502", ry -0.2470", rz -0.8421"),
 * cartesian -> geodetic on Airy 1830 (B2), then the Transverse Mercator series (C1).
 */
function osGuideWgs84ToBng(lonDeg: number, latDeg: number): [number, number] {
  const rad = Math.PI / 180;
  const toXyz = (phi: number, lam: number, a: number, b: number): [number, number, number] => {
    const e2 = (a * a - b * b) / (a * a);
    const nu = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    return [nu * Math.cos(phi) * Math.cos(lam), nu * Math.cos(phi) * Math.sin(lam), (1 - e2) * nu * Math.sin(phi)];
  };
  const [x, y, z] = toXyz(latDeg * rad, lonDeg * rad, 6378137, 6356752.3141);
  const sec = rad / 3600;
  const tx = -446.448, ty = 125.157, tz = -542.06, s = 20.4894e-6, rx = -0.1502 * sec, ry = -0.247 * sec, rz = -0.8421 * sec;
  const x2 = tx + (1 + s) * x - rz * y + ry * z;
  const y2 = ty + rz * x + (1 + s) * y - rx * z;
  const z2 = tz - ry * x + rx * y + (1 + s) * z;
  const a = 6377563.396, b = 6356256.909;
  const e2 = (a * a - b * b) / (a * a);
  const p = Math.hypot(x2, y2);
  let phi = Math.atan2(z2, p * (1 - e2));
  for (let i = 0; i < 20; i++) {
    const nu = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    phi = Math.atan2(z2 + e2 * nu * Math.sin(phi), p);
  }
  const lam = Math.atan2(y2, x2);
  const F0 = 0.9996012717, phi0 = 49 * rad, lam0 = -2 * rad, E0 = 400000, N0 = -100000;
  const n = (a - b) / (a + b);
  const sin = Math.sin(phi), cos = Math.cos(phi), tan = Math.tan(phi);
  const nu = a * F0 / Math.sqrt(1 - e2 * sin * sin);
  const rho = a * F0 * (1 - e2) / (1 - e2 * sin * sin) ** 1.5;
  const eta2 = nu / rho - 1;
  const dp = phi - phi0, sp = phi + phi0;
  const M = b * F0 * (
    (1 + n + (5 / 4) * n ** 2 + (5 / 4) * n ** 3) * dp -
    (3 * n + 3 * n ** 2 + (21 / 8) * n ** 3) * Math.sin(dp) * Math.cos(sp) +
    ((15 / 8) * n ** 2 + (15 / 8) * n ** 3) * Math.sin(2 * dp) * Math.cos(2 * sp) -
    (35 / 24) * n ** 3 * Math.sin(3 * dp) * Math.cos(3 * sp));
  const I = M + N0;
  const II = (nu / 2) * sin * cos;
  const III = (nu / 24) * sin * cos ** 3 * (5 - tan ** 2 + 9 * eta2);
  const IIIA = (nu / 720) * sin * cos ** 5 * (61 - 58 * tan ** 2 + tan ** 4);
  const IV = nu * cos;
  const V = (nu / 6) * cos ** 3 * (nu / rho - tan ** 2);
  const VI = (nu / 120) * cos ** 5 * (5 - 18 * tan ** 2 + tan ** 4 + 14 * eta2 - 58 * tan ** 2 * eta2);
  const dl = lam - lam0;
  return [E0 + IV * dl + V * dl ** 3 + VI * dl ** 5, I + II * dl ** 2 + III * dl ** 4 + IIIA * dl ** 6];
}
