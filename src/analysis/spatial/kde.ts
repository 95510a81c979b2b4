import type { FeatureCollection, Polygon } from 'geojson';
import { cspError } from '../../errors.ts';
import { gridExtent } from './grid-extent.ts';
import { toWgs84Many } from '../../geography/projection.ts';

/** A box in metres: [minX, minY, maxX, maxY] (BNG eastings and northings). */
export type BboxMetres = readonly [number, number, number, number];

export interface KdeInput {
  /** Eastings (m, BNG). Non-finite entries are skipped (counted in `pointsSkipped`). */
  xs: ArrayLike<number>;
  /** Northings (m, BNG). */
  ys: ArrayLike<number>;
}

export interface KdeOptions {
  /** Grid cell size in metres. Default 100. */
  cellSize?: number;
  /**
   * Gaussian kernel standard deviation in metres. Default: the normal-reference rule
   * h = σ̂ n^(-1/6) (Scott's and Silverman's rules coincide in 2D), σ̂ the mean over the two axes
   * of min(sd, IQR/1.349), n the effective number of points (Σw)²/Σw².
   */
  bandwidth?: number | null;
  /** Grid extent in metres. Default: the points' bbox padded by 3 bandwidths, snapped outward to whole cells. */
  extent?: BboxMetres | null;
  /** Per-point weights (e.g. harm weights), same length as the points, finite and >= 0. Default all 1. */
  weights?: ArrayLike<number> | null;
  /** Kernel truncation in bandwidths. Default 4 (drops < 0.01% of the kernel's mass per axis). */
  truncate?: number;
  /**
   * Shrink the convolution kernel's variance by cellSize²/6 (the mean variance linear binning adds),
   * so the surface's spread matches `bandwidth`. Default true. Applied only when bandwidth > 0.58 cellSize.
   */
  binningCorrection?: boolean;
  /** Largest grid allowed, in cells (guards against a tiny cellSize over a big area). Default 16,777,216 (4096²). */
  maxCells?: number;
}

export interface KdeResult {
  /** West edge of the grid (m). */
  x0: number;
  /** South edge of the grid (m). */
  y0: number;
  /** Cell size (m). */
  cellSize: number;
  /** Columns (west to east). */
  width: number;
  /** Rows (south to north). */
  height: number;
  /**
   * Density at each cell centre, row-major from the south-west: `values[row * width + col]` is the
   * centre (x0 + (col + 0.5) cellSize, y0 + (row + 0.5) cellSize). Units: expected incidents (sum
   * of weights) per square kilometre.
   */
  values: Float64Array;
  /** Bandwidth used (m): the kernel's standard deviation. */
  bandwidth: number;
  /** How the bandwidth was chosen; 'minimum' only from callers that floor it (hotspots.ts). */
  bandwidthRule: 'given' | 'normal-reference' | 'minimum';
  /** Sum of weights of the points binned into the grid. */
  totalWeight: number;
  /** Points outside the extent (their mass is not on the grid). */
  pointsOutside: number;
  /** Points with a non-finite coordinate or weight 0. */
  pointsSkipped: number;
}

const defaults = {
  cellSize: 100,
  bandwidth: null,
  extent: null,
  weights: null,
  truncate: 4,
  binningCorrection: true,
  maxCells: 4096 * 4096,
} as const;

interface NormalisedKdeOptions {
  cellSize: number;
  bandwidth: number | null;
  extent: BboxMetres | null;
  weights: ArrayLike<number> | null;
  truncate: number;
  binningCorrection: boolean;
  maxCells: number;
}

function normaliseKdeOptions(options: KdeOptions | undefined, n: number): NormalisedKdeOptions {
  const o = options ?? {};
  const cellSize = o.cellSize ?? defaults.cellSize;
  if (!(Number.isFinite(cellSize) && cellSize > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.cellSize must be a positive number of metres: ${cellSize}`);
  const bandwidth = o.bandwidth ?? defaults.bandwidth;
  if (bandwidth !== null && !(Number.isFinite(bandwidth) && bandwidth > 0)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.bandwidth must be a positive number of metres: ${bandwidth}`);
  }
  const extent = o.extent ?? defaults.extent;
  if (extent !== null) {
    if (!Array.isArray(extent) || extent.length !== 4 || !extent.every(Number.isFinite) || !(extent[2] > extent[0] && extent[3] > extent[1])) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', 'options.extent must be [minX, minY, maxX, maxY] in metres with max > min');
    }
  }
  const weights = o.weights ?? defaults.weights;
  if (weights !== null) {
    if (weights.length !== n) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.weights has ${weights.length} entries for ${n} points`);
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (!(Number.isFinite(w) && w >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.weights[${i}] must be finite and >= 0: ${w}`);
    }
  }
  const truncate = o.truncate ?? defaults.truncate;
  if (!(Number.isFinite(truncate) && truncate >= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.truncate must be >= 1: ${truncate}`);
  const maxCells = o.maxCells ?? defaults.maxCells;
  if (!(Number.isInteger(maxCells) && maxCells > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.maxCells must be a positive integer: ${maxCells}`);
  const binningCorrection = o.binningCorrection ?? defaults.binningCorrection;
  if (typeof binningCorrection !== 'boolean') throw cspError('CSP_ERR_ANALYSIS_INPUT', 'options.binningCorrection must be a boolean');
  return { cellSize, bandwidth, extent, weights, truncate, binningCorrection, maxCells };
}

function checkPoints(input: KdeInput): number {
  if (!input || typeof input !== 'object' || !input.xs || !input.ys) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {xs, ys}');
  if (input.xs.length !== input.ys.length) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.xs has ${input.xs.length} entries and input.ys ${input.ys.length}`);
  return input.xs.length;
}

/** Interquartile range of `v` by linear interpolation (type 7). */
function iqr(v: Float64Array): number {
  const s = v.slice().sort();
  const q = (p: number): number => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number)) * (h - lo);
  };
  return q(0.75) - q(0.25);
}

/**
 * The normal-reference bandwidth (m) for 2D points: h = σ̂ n^(-1/6), where σ̂ averages over the axes
 * min(weighted sd, IQR/1.349) (IQR from a deterministic stride sample of at most 50,000 points),
 * and n = (Σw)²/Σw². Returns NaN when the points have no spread.
 */
export function kdeBandwidth(input: KdeInput, weights?: ArrayLike<number> | null): number {
  const n = checkPoints(input);
  const { xs, ys } = input;
  let sw = 0, sw2 = 0, mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number, y = ys[i] as number, w = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(w > 0)) continue;
    sw += w; sw2 += w * w;
    mx += w * (x - mx) / sw; // running weighted mean
    my += w * (y - my) / sw;
  }
  if (!(sw > 0)) return NaN;
  let vx = 0, vy = 0, m = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number, y = ys[i] as number, w = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(w > 0)) continue;
    vx += w * (x - mx) * (x - mx); vy += w * (y - my) * (y - my); m++;
  }
  const sdx = Math.sqrt(vx / sw), sdy = Math.sqrt(vy / sw);
  const stride = Math.max(1, Math.ceil(m / 50_000));
  const sx: number[] = [], sy: number[] = [];
  for (let i = 0, k = 0; i < n; i++) {
    const x = xs[i] as number, y = ys[i] as number, w = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(w > 0)) continue;
    if (k++ % stride === 0) { sx.push(x); sy.push(y); }
  }
  const robust = (sd: number, r: number): number => (r > 0 ? Math.min(sd, r / 1.349) : sd);
  const sigma = (robust(sdx, iqr(Float64Array.from(sx))) + robust(sdy, iqr(Float64Array.from(sy)))) / 2;
  const nEff = (sw * sw) / sw2;
  const h = sigma * Math.pow(nEff, -1 / 6);
  return h > 0 ? h : NaN;
}

/** Normalised Gaussian taps for a kernel sd of `s` cells, truncated at `truncate * s` cells. */
function gaussianTaps(s: number, truncate: number): Float64Array {
  const r = Math.max(1, Math.ceil(truncate * s));
  const taps = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) {
    const v = Math.exp(-(k * k) / (2 * s * s));
    taps[k + r] = v;
    sum += v;
  }
  for (let k = 0; k < taps.length; k++) taps[k] = (taps[k] as number) / sum;
  return taps;
}

/**
 * Kernel density estimate of points on a regular grid in British National Grid metres.
 *
 * Method: points are linearly binned to the cell centres (each point's weight is shared between the
 * four surrounding centres in proportion to proximity), then the binned grid is convolved with a
 * separable Gaussian of standard deviation `bandwidth` truncated at `truncate` bandwidths (taps
 * renormalised to sum to 1), rows then columns. Cost O(n + cells × taps). The result is
 * Σ wᵢ φ_h(x − xᵢ) in incidents per km², where φ_h is the isotropic bivariate normal density.
 * Linear binning adds a variance of t(1 − t)·cellSize² per axis to each point's kernel (t its
 * offset between centres: cellSize²/6 on average, at most cellSize²/4); with `binningCorrection`
 * the convolution kernel's variance is reduced by cellSize²/6, which on clustered test data cut the
 * maximum error against the exact sum from 2.7% to 0.09% of the surface maximum at
 * cellSize = bandwidth / 2, and from 9.1% to 0.6% at cellSize = bandwidth (see
 * test/analysis/spatial/kde.test.ts and bench/analysis.bench.ts). The worst case is many points at
 * one location: a peak from points exactly on a cell centre is high by ≈ cellSize² / (6 bandwidth²)
 * (4.2% at cellSize = bandwidth / 2, 1% at cellSize = 0.4 bandwidth); without the correction, points
 * midway between centres give a peak low by up to ≈ cellSize² / (4 bandwidth²). Keep
 * cellSize <= 0.4 bandwidth where single-location peaks matter.
 *
 * Assumptions: coordinates are projected metres (BNG), never lon/lat; mass of kernels reaching
 * beyond the extent is lost (no edge correction), so densities near the extent's edge are biased
 * low; the bandwidth is a choice of scale, not a fact about the data: state it beside any map.
 *
 * Bibliography: Silverman B.W. (1986) Density Estimation for Statistics and Data Analysis,
 * doi:10.1201/9781315140919; Scott D.W. (1992) Multivariate Density Estimation,
 * doi:10.1002/9780470316849; Wand M.P. (1994) Fast computation of multivariate kernel estimators,
 * J. Comput. Graph. Stat. 3(4), 433-445, doi:10.1080/10618600.1994.10474656; Chainey S., Tompson L.,
 * Uhlig S. (2008) The utility of hotspot mapping for predicting spatial patterns of crime,
 * Security Journal 21, 4-28, doi:10.1057/palgrave.sj.8350066.
 *
 * @param input `{xs, ys}` BNG metres.
 * @param options `cellSize` (100 m), `bandwidth` (normal-reference rule), `extent` (bbox padded by
 *   3 bandwidths, snapped to whole cells), `weights` (1), `truncate` (4), `binningCorrection` (true),
 *   `maxCells` (4096²).
 * @example
 * const { xs, ys } = toBngMany(lons, lats);
 * const surface = kde({ xs, ys }, { cellSize: 100, bandwidth: 300 });
 * surface.values[row * surface.width + col]; // incidents per km²
 */
export function kde(input: KdeInput, options?: KdeOptions): KdeResult {
  const n = checkPoints(input);
  const o = normaliseKdeOptions(options, n);
  const { xs, ys } = input;
  const weights = o.weights;

  let bandwidth = o.bandwidth;
  const bandwidthRule: KdeResult['bandwidthRule'] = bandwidth === null ? 'normal-reference' : 'given';
  if (bandwidth === null) {
    const h = kdeBandwidth(input, weights);
    if (!Number.isFinite(h)) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', 'options.bandwidth is required: the points have no spread (or no points have weight), so no bandwidth can be estimated');
    }
    bandwidth = h;
  }
  const cell = o.cellSize;

  const { x0, y0, width, height } = gridExtent(xs, ys, { cell, pad: 3 * bandwidth, extent: o.extent, weights, maxCells: o.maxCells });

  // Linear binning onto cell centres.
  const grid = new Float64Array(width * height);
  const inv = 1 / cell;
  let totalWeight = 0, pointsOutside = 0, pointsSkipped = 0;
  const xMax = x0 + width * cell, yMax = y0 + height * cell;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number, y = ys[i] as number;
    const w = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(x) || !Number.isFinite(y) || w === 0) { pointsSkipped++; continue; }
    if (x < x0 || x > xMax || y < y0 || y > yMax) { pointsOutside++; continue; }
    const gx = (x - x0) * inv - 0.5, gy = (y - y0) * inv - 0.5;
    const ix = Math.floor(gx), iy = Math.floor(gy);
    const tx = gx - ix, ty = gy - iy;
    const ix1 = ix + 1, iy1 = iy + 1;
    const okx0 = ix >= 0, okx1 = ix1 < width, oky0 = iy >= 0, oky1 = iy1 < height;
    if (oky0) {
      const row = iy * width;
      if (okx0) grid[row + ix] = (grid[row + ix] as number) + w * (1 - tx) * (1 - ty);
      if (okx1) grid[row + ix1] = (grid[row + ix1] as number) + w * tx * (1 - ty);
    }
    if (oky1) {
      const row = iy1 * width;
      if (okx0) grid[row + ix] = (grid[row + ix] as number) + w * (1 - tx) * ty;
      if (okx1) grid[row + ix1] = (grid[row + ix1] as number) + w * tx * ty;
    }
    totalWeight += w;
  }

  // Linear binning widens each point's kernel by a variance of t(1 - t) cellSize² per axis
  // (t the point's offset between centres; cellSize²/6 on average): shrink the convolution kernel's
  // variance by that average so the surface's spread matches the requested bandwidth.
  const sCells = bandwidth / cell;
  const sConv = o.binningCorrection && sCells * sCells > 1 / 3 ? Math.sqrt(sCells * sCells - 1 / 6) : sCells;
  const taps = gaussianTaps(sConv, o.truncate);
  const r = (taps.length - 1) / 2;
  const t0 = taps[r] as number;
  // Rows: tmp[row, c] = Σ_k taps[k] grid[row, c + k], symmetric taps, zero-padded row buffer.
  const tmp = new Float64Array(width * height);
  const pad = new Float64Array(width + 2 * r);
  for (let row = 0; row < height; row++) {
    const base = row * width;
    let any = false;
    for (let c = 0; c < width; c++) {
      const v = grid[base + c] as number;
      pad[c + r] = v;
      if (v !== 0) any = true;
    }
    if (!any) continue;
    for (let c = 0; c < width; c++) {
      const m = c + r;
      let s = t0 * (pad[m] as number);
      for (let k = 1; k <= r; k++) s += (taps[r + k] as number) * ((pad[m - k] as number) + (pad[m + k] as number));
      tmp[base + c] = s;
    }
  }
  // Columns, whole rows at a time (contiguous inner loops).
  const values = new Float64Array(width * height);
  const scale = 1e6 / (cell * cell); // per cell -> per km²
  const rowEmpty = new Uint8Array(height);
  for (let row = 0; row < height; row++) {
    let any = false;
    for (let c = 0, b = row * width; c < width; c++) if (tmp[b + c] !== 0) { any = true; break; }
    rowEmpty[row] = any ? 0 : 1;
  }
  for (let row = 0; row < height; row++) {
    const dst = row * width;
    if (rowEmpty[row] === 0) {
      const w = t0 * scale;
      for (let c = 0; c < width; c++) values[dst + c] = w * (tmp[dst + c] as number);
    }
    for (let k = 1; k <= r; k++) {
      const w = (taps[r + k] as number) * scale;
      const a = row - k, b = row + k;
      const okA = a >= 0 && rowEmpty[a] === 0, okB = b < height && rowEmpty[b] === 0;
      if (okA && okB) {
        const sa = a * width, sb = b * width;
        for (let c = 0; c < width; c++) values[dst + c] = (values[dst + c] as number) + w * ((tmp[sa + c] as number) + (tmp[sb + c] as number));
      } else if (okA || okB) {
        const sa = (okA ? a : b) * width;
        for (let c = 0; c < width; c++) values[dst + c] = (values[dst + c] as number) + w * (tmp[sa + c] as number);
      }
    }
  }
  return { x0, y0, cellSize: cell, width, height, values, bandwidth, bandwidthRule, totalWeight, pointsOutside, pointsSkipped };
}

/**
 * Exact KDE by direct summation at the centres of the given cells (O(points × cells)): the
 * reference that tests and benches compare {@link kde} with. Same units as `kde` (per km²).
 */
export function kdeExact(
  input: KdeInput,
  grid: { x0: number; y0: number; cellSize: number; width: number; height: number; bandwidth: number },
  cells: { col0: number; row0: number; cols: number; rows: number },
  weights?: ArrayLike<number> | null,
): Float64Array {
  const n = checkPoints(input);
  const { xs, ys } = input;
  const h = grid.bandwidth;
  const norm = 1e6 / (2 * Math.PI * h * h);
  const k = -1 / (2 * h * h);
  const out = new Float64Array(cells.cols * cells.rows);
  for (let rr = 0; rr < cells.rows; rr++) {
    const cy = grid.y0 + (cells.row0 + rr + 0.5) * grid.cellSize;
    for (let cc = 0; cc < cells.cols; cc++) {
      const cx = grid.x0 + (cells.col0 + cc + 0.5) * grid.cellSize;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const dx = (xs[i] as number) - cx, dy = (ys[i] as number) - cy;
        const w = weights ? (weights[i] as number) : 1;
        const e = (dx * dx + dy * dy) * k;
        if (e > -50 && Number.isFinite(e)) s += w * Math.exp(e);
      }
      out[rr * cells.cols + cc] = s * norm;
    }
  }
  return out;
}

export interface KdeCellsOptions {
  /** Keep cells whose value is above this quantile of the non-zero cell values. Default 0.9. */
  quantile?: number;
}

export interface KdeCellProperties {
  /** Density, incidents per km². */
  value: number;
  col: number;
  row: number;
}

/**
 * Turns a KDE grid into GeoJSON (WGS84 lon/lat) square polygons, one per cell whose value is above
 * the `quantile` (default 0.9, type-7 interpolation) of the grid's non-zero values: a contour-free
 * hotspot layer. Cell corners are projected from BNG, so cells are slightly non-square in lon/lat.
 */
export function kdeCells(result: KdeResult, options?: KdeCellsOptions): FeatureCollection<Polygon, KdeCellProperties> {
  const quantile = options?.quantile ?? 0.9;
  if (!(quantile >= 0 && quantile < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.quantile must be in [0, 1): ${quantile}`);
  const { width, height, values, x0, y0, cellSize } = result;
  if (!values || values.length !== width * height) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'result.values does not match result.width x result.height');
  const positive = values.filter((v) => v > 0).sort();
  if (positive.length === 0) return { type: 'FeatureCollection', features: [] };
  const hq = (positive.length - 1) * quantile;
  const lo = Math.floor(hq);
  const threshold = (positive[lo] as number) + ((positive[Math.min(lo + 1, positive.length - 1)] as number) - (positive[lo] as number)) * (hq - lo);
  const chosen: number[] = [];
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > threshold) chosen.push(i);
  // Project each needed corner once.
  const cornerW = width + 1;
  const cornerIds = new Map<number, number>();
  const cx: number[] = [], cy: number[] = [];
  const corner = (c: number, r: number): number => {
    const id = r * cornerW + c;
    let k = cornerIds.get(id);
    if (k === undefined) {
      k = cx.length;
      cornerIds.set(id, k);
      cx.push(x0 + c * cellSize);
      cy.push(y0 + r * cellSize);
    }
    return k;
  };
  const rings = chosen.map((i) => {
    const c = i % width, r = (i - c) / width;
    return [corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1)];
  });
  const ll = toWgs84Many(cx, cy);
  const pos = (k: number): [number, number] => [ll.xs[k] as number, ll.ys[k] as number];
  return {
    type: 'FeatureCollection',
    features: chosen.map((i, j) => {
      const c = i % width;
      const ring = rings[j] as number[];
      const coords = ring.map(pos);
      coords.push(pos(ring[0] as number));
      return {
        type: 'Feature',
        properties: { value: values[i] as number, col: c, row: (i - c) / width },
        geometry: { type: 'Polygon', coordinates: [coords] },
      };
    }),
  };
}
