import type { SqlParams } from '../store.ts';
import { countDimensions, type CountDimension, type IncidentFilter } from './build-counts-sql.ts';
import { buildFilterWhere } from './build-filter-sql.ts';

/** A period of whole months, 'YYYY-MM' inclusive. */
export interface MonthPeriod {
  from: string;
  to: string;
}

/**
 * Counts in two periods per group: `a` (earlier) and `b` (later), every group seen in either period.
 * The filter's own from/to are ignored: the periods bound the rows.
 */
export function buildChangeSql(dim: CountDimension, a: MonthPeriod, b: MonthPeriod, filter: Omit<IncidentFilter, 'from' | 'to'> = {}): { sql: string; params: SqlParams } {
  const params: Record<string, string | string[]> = { aFrom: a.from, aTo: a.to, bFrom: b.from, bTo: b.to };
  const { where } = buildFilterWhere({ ...filter, from: undefined, to: undefined }, params);
  const inA = 'month_key BETWEEN $aFrom AND $aTo';
  const inB = 'month_key BETWEEN $bFrom AND $bTo';
  const periods = `(${inA} OR ${inB})`;
  return {
    sql: `SELECT ${countDimensions[dim]} AS ${dim}, count(*) FILTER (WHERE ${inA}) AS a, count(*) FILTER (WHERE ${inB}) AS b
FROM incident_geo ${where ? `${where} AND ${periods}` : `WHERE ${periods}`}
GROUP BY 1 ORDER BY 1 NULLS LAST`,
    params: params as SqlParams,
  };
}
