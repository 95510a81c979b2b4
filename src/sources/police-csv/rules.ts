import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';
import type { RowRule } from '../../store/stage-csv.ts';
import { coordinateRules } from '../coordinate-rules.ts';
import type { PoliceKind } from './kinds.ts';

export { UK_BOUNDS } from '../coordinate-rules.ts';

const monthRule: RowRule = {
  column: 'Month',
  violated: `NOT coalesce(regexp_full_match(${q('Month')}, '\\d{4}-(0[1-9]|1[0-2])'), false)`,
  message: (v) => (v === null ? 'missing month: expected YYYY-MM' : `malformed month "${v}": expected YYYY-MM`),
};

const coordinates = (): RowRule[] => coordinateRules('Longitude', 'Latitude');

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

/** Rows of a month other than the file's: a monthly file replaces exactly its own force and month. */
function sameMonthRule(month: string | null): RowRule[] {
  if (month === null) return [];
  return [
    {
      column: 'Month',
      violated: `${q('Month')} <> ${quotedString(month)}`,
      message: (v) => `month "${v}" is not the file's month ${month}: a monthly file holds one month (its name and its rows must agree)`,
    },
  ];
}

/**
 * The row rules of each kind. `categories` are the crime types the configuration accepts (current and
 * mapped); `month` is the file's month, which every street and outcomes row must carry.
 */
export function policeRowRules(kind: PoliceKind, categories: readonly string[], month: string | null = null): RowRule[] {
  switch (kind) {
    case 'street':
      return [
        monthRule,
        ...sameMonthRule(month),
        required('Reported by'),
        ...coordinates(),
        {
          column: 'Crime type',
          violated: `NOT coalesce(list_contains([${categories.map(quotedString).join(', ')}], ${q('Crime type')}), false)`,
          message: (v) =>
            v === null ? 'missing crime type' : `unknown crime type "${v}": not a data.police.uk category and no crimeTypeMapping covers it`,
        },
      ];
    case 'outcomes':
      return [monthRule, ...sameMonthRule(month), required('Reported by'), required('Crime ID'), ...coordinates(), required('Outcome type')];
    case 'stop-and-search':
      return [
        {
          column: 'Date',
          violated: `TRY_CAST(${q('Date')} AS TIMESTAMPTZ) IS NULL`,
          message: (v) => (v === null ? 'missing date' : `malformed date "${v}": expected an ISO 8601 date and time`),
        },
        ...(month === null
          ? []
          : [
              {
                column: 'Date',
                // data.police.uk writes UTC; its months are UK months (2019-05-31T23:01+00:00 is in June).
                violated: `strftime(timezone('Europe/London', TRY_CAST(${q('Date')} AS TIMESTAMPTZ)), '%Y-%m') <> ${quotedString(month)}`,
                message: (v: string | null) => `date "${v}" is not in the file's month ${month} (UK time): a monthly file holds one month`,
              },
            ]),
        ...coordinates(),
        booleanRule('Part of a policing operation'),
        booleanRule('Outcome linked to object of search'),
        booleanRule('Removal of more than just outer clothing'),
      ];
  }
}
