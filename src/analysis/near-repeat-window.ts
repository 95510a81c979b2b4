/**
 * The near-repeat window: how far and for how long the risk after an incident stays raised, read off
 * a Knox table. A partnership acts on it (warning neighbours, target hardening, patrols) only where
 * the excess is both significant and of a practical size; with tens of thousands of pairs a few per
 * cent more than chance is significant, and parts of an area whose crime rises and falls at different
 * times add such small excesses at every distance. So the window is the cells joined to the nearest
 * one (first distance band, first time band), side by side in the table, each with p < alpha and a
 * Knox ratio of at least minRatio; other significant excesses are kept apart, to be reported as not
 * near repeats.
 */
import { cspError } from '../errors.ts';

/** What the window reads of a cell. */
export interface KnoxCellReading {
  knoxRatio: number | null;
  p: number;
}

export interface NearRepeatWindowOptions {
  /** Significance level of a cell. */
  alpha: number;
  /** Smallest Knox ratio of practical size (1.2: a fifth more pairs than chance). */
  minRatio: number;
}

/** A cell of the table by position: distance band d (row), time band t (column). */
export interface KnoxCellAt {
  d: number;
  t: number;
}

export interface NearRepeatWindow {
  /** Whether the nearest cell is itself significant and of practical size. */
  found: boolean;
  /** The cells of the window, nearest first (empty when not found). */
  cells: KnoxCellAt[];
  /** The farthest distance band and the longest time band the window reaches (null when not found). */
  reach: KnoxCellAt | null;
  /** Significant excesses (ratio above 1) outside the window: too small, or apart from it. */
  elsewhere: KnoxCellAt[];
  options: NearRepeatWindowOptions;
}

/**
 * The window of a Knox table.
 *
 * @param cells cells[d][t], distance bands as rows and time bands as columns, nearest first.
 * @param options `alpha` (e.g. 0.05) and `minRatio` (e.g. 1.2).
 * @example
 * nearRepeatWindow(result.cells, { alpha: 0.05, minRatio: 1.2 }).reach; // { d: 0, t: 1 }: within the first distance band and second time band
 */
export function nearRepeatWindow(cells: readonly (readonly KnoxCellReading[])[], options: NearRepeatWindowOptions): NearRepeatWindow {
  const { alpha, minRatio } = options;
  if (!(alpha > 0 && alpha < 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.alpha must be between 0 and 1: ${alpha}`);
  if (!(minRatio >= 1)) throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.minRatio must be at least 1: ${minRatio}`);
  const excess = (c: KnoxCellReading | undefined, ratio: number): boolean => c !== undefined && c.knoxRatio !== null && c.p < alpha && c.knoxRatio >= ratio;
  const inWindow = cells.map((row) => row.map(() => false));
  const window: KnoxCellAt[] = [];
  if (excess(cells[0]?.[0], minRatio)) {
    // Breadth first from the nearest cell, through the rows and columns beside each cell.
    inWindow[0]![0] = true;
    window.push({ d: 0, t: 0 });
    for (let k = 0; k < window.length; k++) {
      const { d, t } = window[k]!;
      for (const [dd, tt] of [[d + 1, t], [d, t + 1], [d - 1, t], [d, t - 1]] as const) {
        if (inWindow[dd]?.[tt] === false && excess(cells[dd]![tt], minRatio)) {
          inWindow[dd]![tt] = true;
          window.push({ d: dd, t: tt });
        }
      }
    }
  }
  const elsewhere: KnoxCellAt[] = [];
  cells.forEach((row, d) => row.forEach((c, t) => { if (!inWindow[d]![t] && c.knoxRatio !== null && c.knoxRatio > 1 && c.p < alpha) elsewhere.push({ d, t }); }));
  const reach = window.length ? { d: Math.max(...window.map((c) => c.d)), t: Math.max(...window.map((c) => c.t)) } : null;
  return { found: window.length > 0, cells: window, reach, elsewhere, options: { alpha, minRatio } };
}
