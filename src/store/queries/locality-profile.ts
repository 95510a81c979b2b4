import type { Store } from '../store.ts';

/** Each LSOA of the area with its locality, residents in the population year and IMD decile (when loaded). */
export interface LsoaProfileRow {
  lsoa: string;
  locality: string | null;
  vintage: number | null;
  population: number | null;
  imdDecile: number | null;
}

export async function queryLsoaProfiles(store: Store, area: string, populationYear: number): Promise<LsoaProfileRow[]> {
  return store.all<LsoaProfileRow>(
    `SELECT g.lsoa_code AS lsoa, g.locality, g.vintage, p.population, d.imd_decile AS imdDecile
     FROM lsoa_geo g
     LEFT JOIN population p ON p.code = g.lsoa_code AND p.year = $year
     LEFT JOIN deprivation d ON d.lsoa_code = g.lsoa_code
     WHERE g.district_code = $area ORDER BY g.lsoa_code`,
    { area, year: populationYear },
  );
}
