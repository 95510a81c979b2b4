import { cspError } from '../../errors.ts';
import { gridExtent } from './grid-extent.ts';
import type { BboxMetres } from './kde.ts';

export interface GridAggregateInput {
  /** Eastings (m, BNG). Non-finite entries are skipped. */
  xs: ArrayLike<number>;
  /** Northings (m, BNG). */
  ys: ArrayLike<number>;
}

export interface GridAggregateOptions {
  /** Square cell size in metres. Default 250. */
  cellSize?: number;
  /**
   * Grid extent in metres. Default: the points' bbox snapped outward to multiples of cellSize from
   * the BNG origin, so grids of different years line up cell for cell when given the same extent.
   * Pass one extent (e.g. the partnership's area bbox) for every year you compare.
   */
  extent?: BboxMetres | null;
  /** Per-point weights (e.g. harm weights), finite, >= 0. Default 1 each. */
  weights?: ArrayLike<number> | null;
  /** Largest grid allowed, in cells. Default 4,194,304 (2048²). */
  maxCells?: number;
}

export interface GridAggregateResult {
  /** West edge (m). */
  x0: number;
  /** South edge (m). */
  y0: number;
  cellSize: number;
  /** Columns (west to east). */
  width: number;
  /** Rows (south to north). */
  height: number;
  /** Count (sum of weights) per cell, row-major from the south-west: index = row * width + col. */
  counts: Float64Array;
  /** Cell index per input point, -1 when outside the extent or not finite. */
  cellOfPoint: Int32Array;
  /** Points outside the extent or with non-finite coordinates. */
  pointsOutside: number;
}

const defaults = { cellSize: 250, extent: null, weights: null, maxCells: 2048 * 2048 } as const;

interface NormalisedGridAggregateOptions {
  cellSize: number;
  extent: BboxMetres | null;
  weights: ArrayLike<number> | null;
  maxCells: number;
}

function normaliseGridAggregateOptions(options: GridAggregateOptions | undefined, n: number): NormalisedGridAggregateOptions {
  const cellSize = options?.cellSize ?? defaults.cellSize;
  if (!(Number.isFinite(cellSize) && cellSize > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.cellSize must be a positive number of metres: ${cellSize}`);
  const extent = options?.extent ?? defaults.extent;
  if (extent !== null && (!Array.isArray(extent) || extent.length !== 4 || !extent.every(Number.isFinite) || !(extent[2] > extent[0] && extent[3] > extent[1]))) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'options.extent must be [minX, minY, maxX, maxY] in metres with max > min');
  }
  const weights = options?.weights ?? defaults.weights;
  if (weights !== null) {
    if (weights.length !== n) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.weights has ${weights.length} entries for ${n} points`);
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (!(Number.isFinite(w) && w >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.weights[${i}] must be finite and >= 0: ${w}`);
    }
  }
  const maxCells = options?.maxCells ?? defaults.maxCells;
  if (!(Number.isInteger(maxCells) && maxCells > 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.maxCells must be a positive integer: ${maxCells}`);
  return { cellSize, extent, weights, maxCells };
}

/**
 * Counts points (BNG metres) into a regular square grid, for Gi* on a grid (with gridContiguity) or
 * for "share of incidents in the top x% of cells" concentration measures.
 *
 * Method: cell (col, row) = (⌊(x − x0)/cellSize⌋, ⌊(y − y0)/cellSize⌋); cells are half-open
 * [x0 + col·s, x0 + (col+1)·s), except that points on the extent's east and north edges fall in the
 * last column / row. The default extent is snapped to multiples of cellSize so cell boundaries sit on
 * round BNG coordinates ({@link gridCellId}).
 *
 * Assumptions: the grid is a choice (modifiable areal unit problem): report the cell size; cells
 * outside the partnership area hold structural zeros that dilute Gi*'s mean, so restrict the extent
 * or the cells analysed to the area.
 *
 * Bibliography: Openshaw S. (1984) The Modifiable Areal Unit Problem, CATMOG 38;
 * Chainey S., Ratcliffe J. (2005) GIS and Crime Mapping, doi:10.1002/9781118685181.
 *
 * @example
 * const g = gridAggregate({ xs, ys }, { cellSize: 250 });
 * const gi = getisOrd({ values: g.counts, neighbours: gridContiguity(g.width, g.height).neighbours });
 */
export function gridAggregate(input: GridAggregateInput, options?: GridAggregateOptions): GridAggregateResult {
  if (!input || !input.xs || !input.ys || input.xs.length !== input.ys.length) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.xs and input.ys must be arrays of the same length');
  }
  const n = input.xs.length;
  const o = normaliseGridAggregateOptions(options, n);
  const { xs, ys } = input;
  const s = o.cellSize;
  const { x0, y0, width, height } = gridExtent(xs, ys, { cell: s, extent: o.extent, maxCells: o.maxCells });
  const counts = new Float64Array(width * height);
  const cellOfPoint = new Int32Array(n);
  let pointsOutside = 0;
  const inv = 1 / s;
  const xEnd = x0 + width * s, yEnd = y0 + height * s;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number, y = ys[i] as number;
    if (!(x >= x0 && x <= xEnd && y >= y0 && y <= yEnd)) { cellOfPoint[i] = -1; pointsOutside++; continue; }
    let c = Math.floor((x - x0) * inv), r = Math.floor((y - y0) * inv);
    if (c >= width) c = width - 1;
    if (r >= height) r = height - 1;
    const k = r * width + c;
    cellOfPoint[i] = k;
    counts[k] = (counts[k] as number) + (o.weights ? (o.weights[i] as number) : 1);
  }
  return { x0, y0, cellSize: s, width, height, counts, cellOfPoint, pointsOutside };
}

/**
 * A stable id for a grid cell from its south-west corner in BNG metres, e.g. `'250m-E389000N390250'`:
 * the same cell has the same id in every year's grid when the cell size and origin are the same.
 */
export function gridCellId(grid: Pick<GridAggregateResult, 'x0' | 'y0' | 'cellSize' | 'width'>, index: number): string {
  if (!(Number.isInteger(index) && index >= 0)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `index must be a non-negative integer: ${index}`);
  const c = index % grid.width, r = (index - c) / grid.width;
  const e = grid.x0 + c * grid.cellSize, nn = grid.y0 + r * grid.cellSize;
  return `${grid.cellSize}m-E${Math.round(e)}N${Math.round(nn)}`;
}
