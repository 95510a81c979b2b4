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
    if (!(d in countDimensions)) {
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
  if (filter.from) {
    params.from = filter.from;
    clauses.push('month_key >= $from');
  }
  if (filter.to) {
    params.to = filter.to;
    clauses.push('month_key <= $to');
  }
  if (filter.district) {
    params.district = filter.district;
    clauses.push('district_name = $district');
  }
  if (filter.locality) {
    params.locality = filter.locality;
    clauses.push('locality = $locality');
  }
  if (filter.source) {
    params.source = filter.source;
    clauses.push('source = $source');
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
