import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countPerLsoa, gridGi, hotspots, kdeLayer, lsoaGi, type HotspotLsoa, type HotspotPoint } from '../../src/analysis/hotspots.ts';
import { periodRange } from '../../src/analysis/period-change.ts';
import { toWgs84 } from '../../src/geography/projection.ts';

// A 7 x 7 lattice of 1 km square "LSOAs" on the British National Grid near Stockport.
const E0 = 385000, N0 = 385000, SIDE = 1000, K = 7;
const lsoas: HotspotLsoa[] = [];
for (let r = 0; r < K; r++) {
  for (let c = 0; c < K; c++) {
    const corners = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]].map(([dx, dy]) => toWgs84(E0 + (c + dx!) * SIDE, N0 + (r + dy!) * SIDE));
    const geometry: Polygon = { type: 'Polygon', coordinates: [corners] };
    lsoas.push({ code: `L${r}${c}`, name: null, locality: c < 4 ? 'West' : 'East', geometry });
  }
}

/** n points spread over square (r, c) in month `month`. */
function pointsIn(r: number, c: number, n: number, month = '2018-06'): HotspotPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = toWgs84(E0 + (c + 0.1 + (0.8 * ((i * 7) % 10)) / 10) * SIDE, N0 + (r + 0.1 + (0.8 * ((i * 3) % 10)) / 10) * SIDE);
    return { lon, lat, lsoa: `L${r}${c}`, month };
  });
}

// Background of 2 per square, and a cluster of 40 in the centre square and 20 in each of its 8 neighbours.
const points: HotspotPoint[] = [];
for (let r = 0; r < K; r++) for (let c = 0; c < K; c++) points.push(...pointsIn(r, c, Math.abs(r - 3) <= 1 && Math.abs(c - 3) <= 1 ? (r === 3 && c === 3 ? 40 : 20) : 2));

describe('hotspots', () => {
  it('counts per LSOA, zeros included, optionally within a window', () => {
    const counts = countPerLsoa(lsoas, points);
    expect(counts[3 * K + 3]).toBe(40);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(points.length);
    expect(countPerLsoa(lsoas, points, periodRange('2019-01', '2019-12')).every((n) => n === 0)).toBe(true);
  });

  it('finds the cluster as a Gi* hot spot with queen contiguity from the polygons', () => {
    const gi = lsoaGi(lsoas, countPerLsoa(lsoas, points));
    const centre = gi.find((g) => g.lsoa === 'L33')!;
    expect(centre.class).toBe('hot');
    // Independent Gi*: the 3x3 block sums to 200 over W = 9 areas; n = 49, mean and sd from the counts.
    const x = countPerLsoa(lsoas, points);
    const n = x.length, mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / n - mean * mean);
    const z = (200 - mean * 9) / (sd * Math.sqrt((n * 9 - 81) / (n - 1)));
    expect(centre.z).toBeCloseTo(z, 5);
    expect(gi.find((g) => g.lsoa === 'L00')!.class).toBe('none');
  });

  it('uses two cells, and says so, when the incidents have no spread for the normal-reference rule', () => {
    const one = points.slice(0, 1);
    const k = kdeLayer({ label: 'All', categories: [] }, periodRange('2018-01', '2018-12'), [one[0]!, one[0]!, one[0]!], lsoas, { cellSize: 100 });
    expect([k.bandwidth, k.bandwidthRule, k.points]).toEqual([200, 'minimum', 3]);
    expect(Math.max(...k.values)).toBeGreaterThan(0);
    const none = kdeLayer({ label: 'All', categories: [] }, periodRange('2018-01', '2018-12'), [], lsoas, { cellSize: 100 });
    expect([none.bandwidthRule, none.points, Math.max(...none.values)]).toEqual(['minimum', 0, 0]);
  });

  it('puts the KDE peak in the cluster, in BNG metres with the bandwidth stated', () => {
    const k = kdeLayer({ label: 'All', categories: [] }, periodRange('2018-01', '2018-12'), points, lsoas, { bandwidth: 400, cellSize: 100 });
    expect(k.bandwidth).toBe(400);
    expect(k.bandwidthRule).toBe('given');
    expect(k.values).toHaveLength(k.width * k.height);
    const [e, nn] = [k.x0 + k.cellSize * k.width / 2, k.y0 + k.cellSize * k.height / 2];
    expect(Math.abs(e - (E0 + 3.5 * SIDE))).toBeLessThan(600);
    expect(Math.abs(nn - (N0 + 3.5 * SIDE))).toBeLessThan(600);
    const peak = k.peaks[0]!;
    const [pe, pn] = [peak.lon, peak.lat];
    const [cLon, cLat] = toWgs84(E0 + 3.5 * SIDE, N0 + 3.5 * SIDE);
    expect(Math.abs(pe - cLon)).toBeLessThan(0.01);
    expect(Math.abs(pn - cLat)).toBeLessThan(0.006);
    expect(peak.locality).toBe('West');
  });

  it('runs Gi* on a grid restricted to the area', () => {
    const g = gridGi(points, lsoas, 500);
    expect(g.cells).toBe(14 * 14);
    expect(g.hot).toBeGreaterThan(0);
    expect(g.counts.reduce((s, n) => s + n, 0)).toBe(points.length);
  });

  it('marks hot spots persistent across yearly windows', () => {
    const y1 = periodRange('2017-01', '2017-12');
    const y2 = periodRange('2018-01', '2018-12');
    const both = [...points.map((p) => ({ ...p, month: '2017-06' })), ...points];
    const h = hotspots({ measure: { label: 'All', categories: [] }, period: periodRange('2017-01', '2018-12'), lsoas, points: both, years: [y1, y2] }, { bandwidth: 400 });
    const centre = h.gi.find((g) => g.lsoa === 'L33')!;
    expect(centre.persistence).toBe('persistent');
    expect(centre.hotYears).toBe(2);
    expect(h.giMap.features).toHaveLength(49);
  });
});
