import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { RowRule } from '../../store/stage-csv.ts';
import { coordinateRules } from '../coordinate-rules.ts';
import type { IncidentMapping } from './mapping.ts';

/** SQL for the date of a row, NULL when unreadable. */
export const dateSql = (m: IncidentMapping): string => `TRY_STRPTIME(${q(m.date!)}, ${quotedString(m.dateFormat)})`;

/** The row rules an extract must meet under its mapping. `categories` are the labels the configuration accepts. */
export function incidentRowRules(m: IncidentMapping, categories: readonly string[]): RowRule[] {
  const rules: RowRule[] = [];
  if (m.month) {
    rules.push({
      column: m.month,
      violated: `NOT coalesce(regexp_full_match(${q(m.month)}, '\\d{4}-(0[1-9]|1[0-2])'), false)`,
      message: (v) => (v === null ? 'missing month: expected YYYY-MM' : `malformed month "${v}": expected YYYY-MM`),
    });
  }
  if (m.date) {
    rules.push({
      column: m.date,
      // A date column is required when it is the only source of the month; else it may be empty.
      violated: m.month ? `${q(m.date)} IS NOT NULL AND ${dateSql(m)} IS NULL` : `${dateSql(m)} IS NULL`,
      message: (v) => (v === null ? 'missing date' : `malformed date "${v}": expected the format ${m.dateFormat}`),
    });
  }
  rules.push({
    column: m.category,
    violated: `NOT coalesce(list_contains([${categories.map(quotedString).join(', ')}], ${q(m.category)}), false)`,
    message: (v) => (v === null ? 'missing category' : `unknown category "${v}": not a data.police.uk category and no crimeTypeMapping covers it`),
  });
  if (m.longitude && m.latitude) rules.push(...coordinateRules(m.longitude, m.latitude));
  if (m.lsoa) {
    rules.push({
      column: m.lsoa,
      violated: `${q(m.lsoa)} IS NOT NULL AND NOT regexp_full_match(${q(m.lsoa)}, '[EW]01\\d{6}')`,
      message: (v) => `"${v}" is not an LSOA code (E01 or W01 and six digits)`,
    });
  }
  return rules;
}
