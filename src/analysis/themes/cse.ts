import type { CseDetail } from './types.ts';
import { type DispersionFit, yearChange } from './common.ts';

export interface CseInput {
  /** Records per district, year and type (every district of the force area). */
  counts: readonly { code: string; name: string; year: number; recordType: 'incident' | 'crime'; count: number }[];
  area: string;
  years: readonly number[];
  /** Of the area's monthly incidents and crimes. */
  dispersion?: { incident?: DispersionFit; crime?: DispersionFit };
}

/** Competition rank, 1 = largest value; null values rank last. */
function rankOf(values: readonly { code: string; v: number | null }[], code: string): number | null {
  const mine = values.find((x) => x.code === code);
  if (!mine || mine.v === null) return null;
  return 1 + values.filter((x) => x.v !== null && x.v > mine.v!).length;
}

/**
 * Child sexual exploitation: the area's incidents and crimes by year with tested changes, and each
 * district's incidents in the first and last full years, ranking the area by volume and by increase.
 */
export function cse(input: CseInput, options: { significance: number }): CseDetail {
  const get = (code: string, year: number, type: 'incident' | 'crime') =>
    input.counts.filter((c) => c.code === code && c.year === year && c.recordType === type).reduce((a, c) => a + c.count, 0);
  const first = input.years[0];
  const last = input.years[input.years.length - 1];
  const districts = [...new Map(input.counts.map((c) => [c.code, c.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const peers =
    first === undefined || last === undefined
      ? []
      : districts.map(([code, name]) => {
          const f = get(code, first, 'incident');
          const l = get(code, last, 'incident');
          return { code, name, first: f, last: l, changePct: f > 0 ? (100 * (l - f)) / f : null, isArea: code === input.area };
        });
  return {
    kind: 'cse',
    byYear: input.years.map((year) => ({ year, incidents: get(input.area, year, 'incident'), crimes: get(input.area, year, 'crime') })),
    incidentChange: yearChange((y) => get(input.area, y, 'incident'), input.years, options.significance, input.dispersion?.incident ?? null),
    crimeChange: yearChange((y) => get(input.area, y, 'crime'), input.years, options.significance, input.dispersion?.crime ?? null),
    peers,
    areaRankByCount: rankOf(peers.map((p) => ({ code: p.code, v: p.last })), input.area),
    areaRankByIncrease: rankOf(peers.map((p) => ({ code: p.code, v: p.last - p.first })), input.area),
  };
}
