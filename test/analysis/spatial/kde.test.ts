import { describe, expect, it } from 'vitest';
import { kde, kdeBandwidth, kdeCells, kdeExact } from '../../../src/analysis/spatial/kde.ts';
import { mulberry32 } from '../../../src/analysis/spatial/random.ts';

function clustered(n: number, seed: number): { xs: Float64Array; ys: Float64Array } {
  const rand = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const sd = i % 2 ? 200 : 1500;
    xs[i] = 390000 + c * 3000 + gauss() * sd;
    ys[i] = 390000 + c * 1000 + gauss() * sd;
  }
  return { xs, ys };
}

function maxRelError(a: Float64Array, b: Float64Array): number {
  let mx = 0, me = 0;
  for (let i = 0; i < a.length; i++) { mx = Math.max(mx, b[i] as number); me = Math.max(me, Math.abs((a[i] as number) - (b[i] as number))); }
  return me / mx;
}

describe('kde', () => {
  it('is within 1% (of the maximum) of the exact Gaussian sum, cellSize = bandwidth / 2, clustered points', () => {
    const pts = clustered(2000, 7);
    const res = kde(pts, { cellSize: 150, bandwidth: 300 });
    const exact = kdeExact(pts, res, { col0: 0, row0: 0, cols: res.width, rows: res.height });
    expect(maxRelError(res.values, exact)).toBeLessThan(0.01);
    // Without the binning correction the error is several times larger: the correction does work.
    const raw = kde(pts, { cellSize: 150, bandwidth: 300, binningCorrection: false });
    expect(maxRelError(raw.values, exact)).toBeGreaterThan(0.015);
  });

  it('matches a hand-computed single-point density (incidents per km²), and bounds the binning correction', () => {
    // One point on a cell centre: no binning spread, so without the correction the peak is exact:
    // 1 / (2π h²) per m² = 1e6 / (2π 200²) per km².
    const pt = { xs: [1050], ys: [2050] };
    const grid = { cellSize: 100, bandwidth: 200, extent: [0, 1000, 2100, 3100] as const };
    const raw = kde(pt, { ...grid, binningCorrection: false });
    expect(raw.values[10 * raw.width + 10]).toBeCloseTo(1e6 / (2 * Math.PI * 200 * 200), 0);
    const exact = kdeExact(pt, raw, { col0: 0, row0: 0, cols: raw.width, rows: raw.height });
    expect(maxRelError(raw.values, exact)).toBeLessThan(0.001);
    // With the (default) correction, a point exactly on a centre is the worst case: the kernel's
    // variance is cellSize²/6 too small, so the peak is high by ≈ cellSize² / (6 bandwidth²) = 4.2%.
    const corrected = kde(pt, grid);
    const err = maxRelError(corrected.values, exact);
    expect(err).toBeGreaterThan(0.035);
    expect(err).toBeLessThan(0.05);
  });

  it('conserves mass: the surface integrates to the number of points when the grid holds the kernels', () => {
    const pts = clustered(500, 3);
    const res = kde(pts, { cellSize: 100, bandwidth: 400 });
    const km2PerCell = (res.cellSize * res.cellSize) / 1e6;
    const total = res.values.reduce((s, v) => s + v, 0) * km2PerCell;
    expect(total).toBeGreaterThan(500 * 0.995);
    expect(total).toBeLessThan(500 * 1.001);
    expect(res.totalWeight).toBe(500);
    expect(res.x0 % 100).toBe(0);
  });

  it('uses weights as incident multiples', () => {
    const a = kde({ xs: [500, 500], ys: [500, 500] }, { cellSize: 50, bandwidth: 150, extent: [0, 0, 1000, 1000] });
    const b = kde({ xs: [500], ys: [500] }, { cellSize: 50, bandwidth: 150, extent: [0, 0, 1000, 1000], weights: [2] });
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it('chooses the normal-reference bandwidth h = σ n^(-1/6)', () => {
    const rand = mulberry32(11);
    const n = 20000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = 1000 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      ys[i] = 1000 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    }
    const h = kdeBandwidth({ xs, ys });
    expect(h / (1000 * Math.pow(n, -1 / 6))).toBeGreaterThan(0.97);
    expect(h / (1000 * Math.pow(n, -1 / 6))).toBeLessThan(1.03);
    expect(kde({ xs, ys }, { cellSize: 200 }).bandwidthRule).toBe('normal-reference');
  });

  it('turns cells above a quantile into WGS84 polygons', () => {
    const pts = clustered(1000, 5);
    const res = kde(pts, { cellSize: 200, bandwidth: 400 });
    const fc = kdeCells(res, { quantile: 0.95 });
    const positive = res.values.filter((v) => v > 0).length;
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features.length).toBeLessThanOrEqual(Math.ceil(positive * 0.05) + 1);
    const ring = fc.features[0]?.geometry.coordinates[0] ?? [];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const [lon, lat] = ring[0] as [number, number];
    expect(lon).toBeGreaterThan(-2.5);
    expect(lon).toBeLessThan(-1.8);
    expect(lat).toBeGreaterThan(53.3);
    expect(lat).toBeLessThan(53.6);
    const min = Math.min(...fc.features.map((f) => f.properties.value));
    expect(min).toBeGreaterThan(0);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => kde({ xs: [1], ys: [] })).toThrow(/input.xs has 1 entries/);
    expect(() => kde({ xs: [1], ys: [1] }, { cellSize: -1 })).toThrow(/options.cellSize/);
    expect(() => kde({ xs: [1, 1], ys: [1, 1] })).toThrow(/options.bandwidth is required/);
    expect(() => kde({ xs: [1], ys: [1] }, { bandwidth: 10, weights: [-1] })).toThrow(/options.weights\[0\]/);
    expect(() => kde({ xs: [0], ys: [0] }, { bandwidth: 10, cellSize: 0.001, extent: [0, 0, 1e5, 1e5] })).toThrow(/options.maxCells/);
  });
});
