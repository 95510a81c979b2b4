import { cspError } from '../../errors.ts';
import type { HotspotClass } from './getis-ord.ts';

export interface HotspotPersistenceInput {
  /** Period labels, oldest first (e.g. ['2016', '2017', '2018']). */
  years: readonly (string | number)[];
  /** classes[y][a]: the class of area a in year y (same areas, same order, every year). */
  classes: ReadonlyArray<ReadonlyArray<HotspotClass>>;
}

export interface HotspotPersistenceOptions {
  /** Hot in at least this many of the years to be persistent. Default: all years. */
  minYears?: number | null;
}

export type PersistenceStatus = 'persistent' | 'emerging' | 'intermittent' | 'none';

export interface HotspotPersistenceResult {
  /** Years each area was 'hot'. */
  hotYears: Int32Array;
  /** Years each area was 'cold'. */
  coldYears: Int32Array;
  /** Hot in >= minYears years. */
  persistent: boolean[];
  /** Hot in the last year and in no earlier year (needs at least two years). */
  emerging: boolean[];
  /** One label per area: persistent, else emerging, else 'intermittent' (hot at least once), else 'none'. */
  status: PersistenceStatus[];
  /** The threshold applied. */
  minYears: number;
}

const defaults = { minYears: null } as const;

function normaliseHotspotPersistenceOptions(options: HotspotPersistenceOptions | undefined, years: number): { minYears: number } {
  const m = options?.minYears ?? defaults.minYears ?? years;
  if (!(Number.isInteger(m) && m >= 1 && m <= years)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `options.minYears must be an integer from 1 to ${years}: ${m}`);
  }
  return { minYears: m };
}

/**
 * Persistence of hot spots across years: how often each area was a Gi* hot spot, which are
 * persistent (hot in at least `minYears` of the n years, default all n) and which are emerging
 * (hot in the latest year only).
 *
 * Method: counts per area over the yearly class vectors; status precedence persistent > emerging >
 * intermittent > none (with one year, a hot area is persistent, never emerging).
 *
 * Assumptions: the same areas (or grid cells with the same origin and size) in the same order every
 * year; each year's classes come from the same method and significance level. Persistence
 * compounds yearly false discoveries less than single-year classes do, but is not itself a test.
 *
 * Bibliography: Ratcliffe J.H. (2004) The hotspot matrix: a framework for the spatio-temporal
 * targeting of crime reduction, Police Practice and Research 5(1), 5-23,
 * doi:10.1080/1561426042000191305; Braga A.A., Papachristos A.V., Hureau D.M. (2010) The
 * concentration and stability of gun violence at micro places in Boston, 1980-2008, J. Quantitative
 * Criminology 26, 33-53, doi:10.1007/s10940-009-9082-x.
 *
 * @example
 * hotspotPersistence({ years: [2017, 2018], classes: [['hot', 'none'], ['hot', 'hot']] }).status;
 * // ['persistent', 'emerging']
 */
export function hotspotPersistence(input: HotspotPersistenceInput, options?: HotspotPersistenceOptions): HotspotPersistenceResult {
  if (!input || !Array.isArray(input.years) || !Array.isArray(input.classes)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input must be {years, classes}');
  }
  const ny = input.years.length;
  if (ny === 0) throw cspError('CSP_ERR_ANALYSIS_INPUT', 'input.years is empty');
  if (input.classes.length !== ny) throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.classes has ${input.classes.length} years for ${ny} labels`);
  const { minYears } = normaliseHotspotPersistenceOptions(options, ny);
  const na = (input.classes[0] as ReadonlyArray<HotspotClass>).length;
  const hotYears = new Int32Array(na), coldYears = new Int32Array(na);
  const hotBeforeLast = new Uint8Array(na);
  input.classes.forEach((row, y) => {
    if (!Array.isArray(row) || row.length !== na) {
      throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.classes[${y}] (${String(input.years[y])}) has ${Array.isArray(row) ? row.length : 'no'} areas, expected ${na}`);
    }
    for (let a = 0; a < na; a++) {
      const c = row[a];
      if (c === 'hot') {
        hotYears[a] = (hotYears[a] as number) + 1;
        if (y < ny - 1) hotBeforeLast[a] = 1;
      } else if (c === 'cold') coldYears[a] = (coldYears[a] as number) + 1;
      else if (c !== 'none') throw cspError('CSP_ERR_ANALYSIS_INPUT', `input.classes[${y}][${a}] must be 'hot', 'cold' or 'none': ${String(c)}`);
    }
  });
  const last = input.classes[ny - 1] as ReadonlyArray<HotspotClass>;
  const persistent: boolean[] = new Array(na);
  const emerging: boolean[] = new Array(na);
  const status: PersistenceStatus[] = new Array(na);
  for (let a = 0; a < na; a++) {
    const h = hotYears[a] as number;
    persistent[a] = h >= minYears;
    emerging[a] = ny >= 2 && last[a] === 'hot' && hotBeforeLast[a] === 0;
    status[a] = persistent[a] ? 'persistent' : emerging[a] ? 'emerging' : h > 0 ? 'intermittent' : 'none';
  }
  return { hotYears, coldYears, persistent, emerging, status, minYears };
}
