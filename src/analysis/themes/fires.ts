import type { FiresDetail } from './types.ts';
import { type DispersionFit, bump, namedCounts, yearChange } from './common.ts';

export interface FireCount {
  code: string;
  name: string;
  year: number;
  fireType: 'primary' | 'secondary' | 'vehicle';
  motive: 'deliberate' | 'accidental' | 'not known';
  cause: string | null;
  /** Locality of the fire's LSOA; null when unknown or outside the area. */
  locality: string | null;
  count: number;
}

/**
 * Fires: the area's deliberate, accidental and vehicle fires by year with tested changes, causes of
 * accidental fires, the area's rank from lowest for deliberate fires among the districts of the
 * force area in the last full year, and the localities with most deliberate fires (risk localities).
 */
export function fires(
  input: {
    counts: readonly FireCount[];
    area: string;
    years: readonly number[];
    /** Residents per district code, where loaded. */
    populations?: ReadonlyMap<string, number>;
    /** Of the area's monthly deliberate and vehicle fires. */
    dispersion?: { deliberate?: DispersionFit; vehicle?: DispersionFit };
  },
  options: { significance: number },
): FiresDetail {
  const area = input.counts.filter((c) => c.code === input.area && input.years.includes(c.year));
  const sum = (rows: readonly FireCount[]) => rows.reduce((a, c) => a + c.count, 0);
  const inYear = (y: number, f: (c: FireCount) => boolean = () => true) => sum(area.filter((c) => c.year === y && f(c)));
  const causes = new Map<string, number>();
  const localities = new Map<string, number>();
  for (const c of area) {
    if (c.motive === 'accidental') bump(causes, c.cause ?? 'not known', c.count);
    if (c.motive === 'deliberate' && c.locality) bump(localities, c.locality, c.count);
  }
  const last = input.years[input.years.length - 1];
  let forceArea: FiresDetail['forceArea'] = null;
  if (last !== undefined) {
    const districts = new Map<string, { name: string; count: number }>();
    for (const c of input.counts) {
      const d = districts.get(c.code) ?? { name: c.name, count: 0 };
      if (c.year === last && c.motive === 'deliberate') d.count += c.count;
      districts.set(c.code, d);
    }
    const all = [...districts.entries()];
    // Districts differ in size: rank on fires per 1,000 residents when every district's residents are known, else on counts (and say so).
    const pop = (code: string) => input.populations?.get(code) ?? null;
    const byRate = all.every(([code]) => (pop(code) ?? 0) > 0);
    const value = (code: string, count: number) => (byRate ? (1000 * count) / pop(code)! : count);
    const rows = all
      .map(([code, d]) => ({
        code,
        name: d.name,
        count: d.count,
        ratePer1000: byRate ? value(code, d.count) : null,
        rankFromLowest: 1 + all.filter(([oc, o]) => value(oc, o.count) < value(code, d.count)).length,
        isArea: code === input.area,
      }))
      .sort((a, b) => a.rankFromLowest - b.rankFromLowest || a.name.localeCompare(b.name));
    forceArea = { year: last, rows, areaRankFromLowest: rows.find((r) => r.isArea)?.rankFromLowest ?? null, rankBasis: byRate ? 'rate' : 'count' };
  }
  return {
    kind: 'fires',
    byYear: input.years.map((year) => ({
      year,
      deliberate: inYear(year, (c) => c.motive === 'deliberate'),
      accidental: inYear(year, (c) => c.motive === 'accidental'),
      vehicle: inYear(year, (c) => c.fireType === 'vehicle'),
      primary: inYear(year, (c) => c.fireType === 'primary'),
      secondary: inYear(year, (c) => c.fireType === 'secondary'),
      total: inYear(year),
    })),
    deliberateChange: yearChange((y) => inYear(y, (c) => c.motive === 'deliberate'), input.years, options.significance, input.dispersion?.deliberate ?? null),
    vehicleChange: yearChange((y) => inYear(y, (c) => c.fireType === 'vehicle'), input.years, options.significance, input.dispersion?.vehicle ?? null),
    accidentalCauses: namedCounts(causes),
    forceArea,
    localities: namedCounts(localities),
  };
}
