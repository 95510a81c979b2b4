import type { SqlParams } from '../store.ts';
import type { IncidentFilter } from './build-counts-sql.ts';
import { buildFilterWhere } from './build-filter-sql.ts';

/** One located incident: WGS84 coordinates (null when only the LSOA is known), LSOA, month and category. */
export interface PointRow {
  lon: number | null;
  lat: number | null;
  lsoa: string | null;
  month: string;
  category: string;
}

/**
 * Located incidents under the filter, in a stable order (for reproducible KDE and grids): with
 * coordinates, or (`'lsoa'`) with coordinates or an LSOA, for counts per small area.
 */
export function buildPointsSql(filter: IncidentFilter = {}, located: 'coordinates' | 'lsoa' = 'coordinates'): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  const locatedSql = located === 'coordinates' ? 'lon IS NOT NULL AND lat IS NOT NULL' : '(lsoa IS NOT NULL OR lon IS NOT NULL)';
  return {
    sql: `SELECT lon, lat, lsoa, month_key AS month, category FROM incident_geo ${where ? `${where} AND ${locatedSql}` : `WHERE ${locatedSql}`} ORDER BY month_key, lon, lat, lsoa`,
    params,
  };
}

/** Counts per LSOA of the geography (zeros included) under the filter; `district` limits the LSOAs too. */
export function buildLsoaCountsSql(filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const params: Record<string, string | string[]> = {};
  const { where } = buildFilterWhere(filter, params);
  const areaFilter = filter.district ? 'WHERE g.district_name = $district' : '';
  return {
    sql: `SELECT g.lsoa_code AS lsoa, g.locality, coalesce(c.count, 0) AS count
FROM lsoa_geo g LEFT JOIN (SELECT lsoa, count(*) AS count FROM incident_geo ${where} GROUP BY 1) c ON c.lsoa = g.lsoa_code
${areaFilter} ORDER BY g.lsoa_code`,
    params: params as SqlParams,
  };
}

/**
 * The LSOAs of a district (bound as `$district`, by name), or of the whole geography, in the first
 * boundary vintage, with locality and WGS84 geometry text.
 */
export function buildAreaLsoasSql(byDistrict = true): string {
  return `SELECT g.lsoa_code AS code, g.lsoa_name AS name, g.locality, b.geometry
FROM lsoa_geo g JOIN boundaries b ON b.level = 'lsoa' AND b.code = g.lsoa_code
WHERE ${byDistrict ? 'g.district_name = $district AND ' : ''}b.vintage IS NOT DISTINCT FROM (SELECT min(vintage) FROM boundaries WHERE level = 'lsoa')
ORDER BY g.lsoa_code`;
}

/** Counts per month and category under the filter (for harm and yearly windows). */
export function buildMonthCategorySql(filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return { sql: `SELECT month_key AS month, category, count(*) AS count FROM incident_geo ${where} GROUP BY 1, 2 ORDER BY 1, 2`, params };
}
