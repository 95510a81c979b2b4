import { cspError } from '../../errors.ts';
import type { SqlParams } from '../store.ts';

/** Dimensions incidents can be counted by, and the column of `incident_geo` each reads. */
export const countDimensions = {
  month: 'month_key',
  year: 'year',
  crime_type: 'category',
  lsoa: 'lsoa',
  ward: 'ward_name',
  locality: 'locality',
  district: 'district_name',
  force: 'force',
  source: 'source',
} as const;

export type CountDimension = keyof typeof countDimensions;

export interface IncidentFilter {
  /** Categories to keep (exact names). */
  categories?: readonly string[];
  /** Leave out these categories (e.g. ASB, to count recorded crime). */
  excludeCategories?: readonly string[];
  /** First month, 'YYYY-MM', inclusive. */
  from?: string;
  /** Last month, 'YYYY-MM', inclusive. */
  to?: string;
  district?: string;
  locality?: string;
  source?: string;
}

export function parseDimensions(list: string): CountDimension[] {
  const dims = list
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  if (dims.length === 0) throw cspError('CSP_ERR_USAGE', 'no dimensions given');
  for (const d of dims) {
    if (!Object.hasOwn(countDimensions, d)) {
      throw cspError('CSP_ERR_USAGE', `unknown dimension "${d}": use ${Object.keys(countDimensions).join(', ')}`);
    }
  }
  return dims as CountDimension[];
}

/** WHERE clause and parameters for a filter over `incident_geo`. */
export function buildIncidentWhere(filter: IncidentFilter, params: Record<string, unknown> = {}): { where: string; params: SqlParams } {
  const clauses: string[] = [];
  // Lists bind as one scalar parameter per item: DuckDB cannot infer a list parameter's type.
  const list = (name: string, items: readonly string[]) =>
    items
      .map((item, i) => {
        params[`${name}${i}`] = item;
        return `$${name}${i}`;
      })
      .join(', ');
  if (filter.categories?.length) clauses.push(`category IN (${list('category', filter.categories)})`);
  if (filter.excludeCategories?.length) clauses.push(`category NOT IN (${list('excluded', filter.excludeCategories)})`);
  // Scalar filters: the filter field, and the condition it binds as a parameter of the same name.
  const scalars: [keyof IncidentFilter & ('from' | 'to' | 'district' | 'locality' | 'source'), string][] = [
    ['from', 'month_key >= $from'],
    ['to', 'month_key <= $to'],
    ['district', 'district_name = $district'],
    ['locality', 'locality = $locality'],
    ['source', 'source = $source'],
  ];
  for (const [key, condition] of scalars) {
    const value = filter[key];
    if (value === undefined) continue;
    params[key] = value;
    clauses.push(condition);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params: params as SqlParams };
}

/** Counts of incidents grouped by `dims`; groups with no known value (location unknown) come out as NULL. */
export function buildCountsSql(dims: readonly CountDimension[], filter: IncidentFilter = {}): { sql: string; params: SqlParams } {
  const { where, params } = buildIncidentWhere(filter);
  const select = dims.map((d) => `${countDimensions[d]} AS ${d}`).join(', ');
  const order = dims.map((_, i) => `${i + 1} NULLS LAST`).join(', ');
  return {
    sql: `SELECT ${select}, count(*) AS count FROM incident_geo ${where} GROUP BY ${dims.map((_, i) => i + 1).join(', ')} ORDER BY ${order}`,
    params,
  };
}
