import type { SqlParams } from '../store.ts';
import type { IncidentFilter } from './build-counts-sql.ts';
import { buildFilterWhere } from './build-filter-sql.ts';

const and = (where: string, condition: string): string => (where ? `${where} AND ${condition}` : `WHERE ${condition}`);

/** First and last month ('YYYY-MM') of the incidents under the filter. */
export function buildSpanSql(filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return { sql: `SELECT min(month_key) AS "from", max(month_key) AS "to" FROM incident_geo ${where}`, params };
}

/** One dated, located incident: WGS84 coordinates and the day as days since 1970-01-01. */
export interface DatedPointRow {
  lon: number;
  lat: number;
  day: number;
}

/** Incidents with a day and coordinates under the filter, in a stable order (for reproducible permutations). */
export function buildDatedPointsSql(filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return {
    sql: `SELECT lon, lat, CAST(date_diff('day', DATE '1970-01-01', incident_date) AS INTEGER) AS day FROM incident_geo
${and(where, 'incident_date IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL')} ORDER BY incident_date, lon, lat`,
    params,
  };
}

/** Dated incidents under the filter that have no coordinates (counted, so a report can say how many near repeat left out). */
export function buildDatedUnlocatedSql(filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return { sql: `SELECT count(*) AS n FROM incident_geo ${and(where, 'incident_date IS NOT NULL AND (lon IS NULL OR lat IS NULL)')}`, params };
}

export type SeriesDimension = 'total' | 'locality' | 'category';

/** Monthly counts under the filter, in total or per locality or category (`key` NULL for the total or an unknown locality). */
export function buildMonthlySeriesSql(filter: IncidentFilter, by: SeriesDimension): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  const key = by === 'total' ? 'NULL' : by === 'locality' ? 'locality' : 'category';
  return { sql: `SELECT month_key AS month, ${key} AS key, count(*) AS count FROM incident_geo ${where} GROUP BY 1, 2 ORDER BY 2 NULLS FIRST, 1`, params };
}

/** The district name of an area code (bound as `$code`), from the loaded lookup. */
export const DISTRICT_NAME_SQL = 'SELECT any_value(district_name) AS name FROM lsoa_geo WHERE district_code = $code';

/** Categories present under the filter. */
export function buildCategoriesSql(filter: IncidentFilter): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return { sql: `SELECT DISTINCT category FROM incident_geo ${where} ORDER BY 1`, params };
}

/** Dated, located incidents per category under the filter (which categories near repeat can test). */
export function buildDatedCategoriesSql(filter: IncidentFilter): { sql: string; params: SqlParams } {
  const { where, params } = buildFilterWhere(filter);
  return { sql: `SELECT category, count(*) AS n FROM incident_geo ${and(where, 'incident_date IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL')} GROUP BY 1 ORDER BY 1`, params };
}
