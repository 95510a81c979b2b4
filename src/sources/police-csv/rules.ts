import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { RowRule } from '../../store/stage-csv.ts';
import type { PoliceKind } from './kinds.ts';

/** The UK, generously: Northern Ireland's west coast to Lowestoft, the Scillies to Shetland. */
export const UK_BOUNDS = { lonMin: -8.7, lonMax: 2.0, latMin: 49.8, latMax: 61.0 } as const;

const monthRule: RowRule = {
  column: 'Month',
  violated: `NOT coalesce(regexp_full_match(${q('Month')}, '\\d{4}-(0[1-9]|1[0-2])'), false)`,
  message: (v) => (v === null ? 'missing month: expected YYYY-MM' : `malformed month "${v}": expected YYYY-MM`),
};

function coordinateRules(): RowRule[] {
  const lon = q('Longitude');
  const lat = q('Latitude');
  return [
    {
      column: 'Longitude',
      violated: `(${lon} IS NULL) <> (${lat} IS NULL)`,
      message: () => 'longitude and latitude must both be given or both be empty',
    },
    {
      column: 'Longitude',
      violated: `${lon} IS NOT NULL AND NOT coalesce(TRY_CAST(${lon} AS DOUBLE) BETWEEN ${UK_BOUNDS.lonMin} AND ${UK_BOUNDS.lonMax}, false)`,
      message: (v) => `longitude "${v}" is not a number within the UK (${UK_BOUNDS.lonMin} to ${UK_BOUNDS.lonMax})`,
    },
    {
      column: 'Latitude',
      violated: `${lat} IS NOT NULL AND NOT coalesce(TRY_CAST(${lat} AS DOUBLE) BETWEEN ${UK_BOUNDS.latMin} AND ${UK_BOUNDS.latMax}, false)`,
      message: (v) => `latitude "${v}" is not a number within the UK (${UK_BOUNDS.latMin} to ${UK_BOUNDS.latMax})`,
    },
  ];
}

function required(column: string): RowRule {
  return { column, violated: `${q(column)} IS NULL`, message: () => `missing "${column}"` };
}

function booleanRule(column: string): RowRule {
  return {
    column,
    violated: `${q(column)} IS NOT NULL AND lower(${q(column)}) NOT IN ('true', 'false')`,
    message: (v) => `"${column}" is "${v}", expected True, False or empty`,
  };
}

/** The row rules of each kind. `categories` are the crime types the configuration accepts (current and mapped). */
export function policeRowRules(kind: PoliceKind, categories: readonly string[]): RowRule[] {
  switch (kind) {
    case 'street':
      return [
        monthRule,
        required('Reported by'),
        ...coordinateRules(),
        {
          column: 'Crime type',
          violated: `NOT coalesce(list_contains([${categories.map(quotedString).join(', ')}], ${q('Crime type')}), false)`,
          message: (v) =>
            v === null ? 'missing crime type' : `unknown crime type "${v}": not a data.police.uk category and no crimeTypeMapping covers it`,
        },
      ];
    case 'outcomes':
      return [monthRule, required('Reported by'), required('Crime ID'), ...coordinateRules(), required('Outcome type')];
    case 'stop-and-search':
      return [
        {
          column: 'Date',
          violated: `TRY_CAST(${q('Date')} AS TIMESTAMPTZ) IS NULL`,
          message: (v) => (v === null ? 'missing date' : `malformed date "${v}": expected an ISO 8601 date and time`),
        },
        ...coordinateRules(),
        booleanRule('Part of a policing operation'),
        booleanRule('Outcome linked to object of search'),
        booleanRule('Removal of more than just outer clothing'),
      ];
  }
}
