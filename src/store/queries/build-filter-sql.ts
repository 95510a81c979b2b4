import type { SqlParams } from '../store.ts';
import { buildIncidentWhere, type IncidentFilter } from './build-counts-sql.ts';

/**
 * WHERE clause for a filter over `incident_geo`, with category lists bound as one scalar parameter
 * each (`category IN ($cat0, $cat1)`): @duckdb/node-api cannot bind a plain JS array as a list.
 */
export function buildFilterWhere(filter: IncidentFilter, params: Record<string, string | string[]> = {}): { where: string; params: SqlParams } {
  const { categories, excludeCategories, ...rest } = filter;
  const { where } = buildIncidentWhere(rest, params);
  const clauses = where ? [where.replace(/^WHERE /, '')] : [];
  const list = (prefix: string, values: readonly string[]): string =>
    values
      .map((v, i) => {
        params[`${prefix}${i}`] = v;
        return `$${prefix}${i}`;
      })
      .join(', ');
  if (categories?.length) clauses.push(`category IN (${list('cat', categories)})`);
  if (excludeCategories?.length) clauses.push(`category NOT IN (${list('notcat', excludeCategories)})`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params: params as SqlParams };
}
