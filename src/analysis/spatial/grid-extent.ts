import { cspError } from '../../errors.ts';

export interface GridExtent {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/**
 * The regular grid of `cell`-metre cells covering the points (those with finite coordinates and, when
 * weights are given, positive weight), padded by `pad` metres, or covering `extent` when given.
 * Shared by the KDE surface and grid counts so both land on the same cell edges.
 */
export function gridExtent(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: { cell: number; pad?: number; extent?: readonly [number, number, number, number] | null; weights?: ArrayLike<number> | null; maxCells: number },
): GridExtent {
  const { cell, weights } = options;
  const pad = options.pad ?? 0;
  let x0: number, y0: number, x1: number, y1: number;
  if (options.extent) {
    [x0, y0, x1, y1] = options.extent;
  } else {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number, y = ys[i] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y) || (weights && !((weights[i] as number) > 0))) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (!Number.isFinite(minX)) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input has no points with finite coordinates; pass options.extent');
    x0 = Math.floor((minX - pad) / cell) * cell;
    y0 = Math.floor((minY - pad) / cell) * cell;
    x1 = Math.max(x0 + cell, Math.ceil((maxX + pad) / cell) * cell);
    y1 = Math.max(y0 + cell, Math.ceil((maxY + pad) / cell) * cell);
  }
  const width = Math.max(1, Math.ceil((x1 - x0) / cell - 1e-9));
  const height = Math.max(1, Math.ceil((y1 - y0) / cell - 1e-9));
  if (width * height > options.maxCells) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.cellSize ${cell} m gives a ${width} x ${height} grid, more than options.maxCells ${options.maxCells}`);
  }
  return { x0, y0, width, height };
}
