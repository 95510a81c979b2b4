import { cspError } from '../../errors.ts';
import type { SqlParams } from '../store.ts';
import type { IncidentFilter } from './build-counts-sql.ts';
import { buildFilterWhere } from './build-filter-sql.ts';

/** Areas that have a resident population: where `lsoa_geo` keys them and where `incident_geo` does. */
export const rateDimensions = {
  district: { name: 'g.district_name', code: 'g.district_code', incident: 'district_name' },
  ward: { name: 'g.ward_name', code: 'g.ward_code', incident: 'ward_code' },
  locality: { name: 'g.locality', code: 'NULL', incident: 'locality' },
  lsoa: { name: 'g.lsoa_code', code: 'g.lsoa_code', incident: 'lsoa' },
} as const;

export type RateDimension = keyof typeof rateDimensions;

export function parseRateDimension(dim: string): RateDimension {
  if (!(dim in rateDimensions)) throw cspError('CSP_ERR_USAGE', `rates need an area dimension: use ${Object.keys(rateDimensions).join(', ')}, not "${dim}"`);
  return dim as RateDimension;
}

/** Row of {@link buildRatesSql}: `population` and `households` for the year bound as `$year`. */
export interface RatesSqlRow {
  name: string;
  code: string | null;
  count: number;
  population: number | null;
  households: number | null;
}

/**
 * Counts per area with residents (and households where loaded) in the year `$year`. Every area of the
 * geography is listed, with 0 where it had no incidents. An area's own population row (an ONS
 * district or ward estimate) is preferred to the sum of its LSOAs.
 */
export function buildRatesSql(dim: RateDimension, filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const d = rateDimensions[dim];
  const params: Record<string, string | string[]> = {};
  const { where } = buildFilterWhere(filter, params);
  // Wards are keyed by code: ward names repeat across districts.
  const key = dim === 'ward' ? d.code : d.name;
  const areaFilter = filter.district ? 'AND g.district_name = $district' : '';
  return {
    sql: `WITH areas AS (
  SELECT ${key} AS key, any_value(${d.name}) AS name, any_value(${d.code}) AS code, sum(p.population) AS lsoa_population, sum(p.households) AS lsoa_households
  FROM lsoa_geo g LEFT JOIN population p ON p.code = g.lsoa_code AND p.year = $year
  WHERE ${key} IS NOT NULL ${areaFilter}
  GROUP BY 1
), counts AS (
  SELECT ${d.incident} AS key, count(*) AS count FROM incident_geo ${where} GROUP BY 1
)
SELECT a.name, a.code, coalesce(c.count, 0) AS count, coalesce(o.population, a.lsoa_population) AS population,
  coalesce(o.households, a.lsoa_households) AS households
FROM areas a LEFT JOIN counts c ON c.key = a.key LEFT JOIN population o ON o.code = a.code AND o.year = $year
ORDER BY a.name`,
    params: params as SqlParams,
  };
}

/** Population years loaded, oldest first. */
export const POPULATION_YEARS_SQL = 'SELECT DISTINCT year FROM population ORDER BY year';

/** The population year for a period ending in `endYear`: the latest loaded year not after it, else the earliest loaded. */
export function choosePopulationYear(years: readonly number[], endYear: number): number | null {
  if (years.length === 0) return null;
  const before = years.filter((y) => y <= endYear);
  return before.length ? before[before.length - 1]! : years[0]!;
}
