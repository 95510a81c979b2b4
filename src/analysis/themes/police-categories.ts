import type { PoliceCategoriesDetail, YearValue } from './types.ts';
import { type DispersionFit, yearChange } from './common.ts';

/** An issue measured from police categories (crime, ASB): counts by full year and the tested change. */
export function policeCategories(input: { byYear: readonly YearValue[]; years: readonly number[]; /** Of the categories' monthly series. */ dispersion?: DispersionFit }, options: { significance: number }): PoliceCategoriesDetail {
  const counts = new Map(input.byYear.map((y) => [y.year, y.count]));
  return {
    kind: 'police',
    byYear: input.years.map((year) => ({ year, count: counts.get(year) ?? 0 })),
    change: yearChange((y) => counts.get(y) ?? 0, input.years, options.significance, input.dispersion ?? null),
  };
}
