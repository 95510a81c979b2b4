/**
 * Column types of the partnership templates. Each type says, once, how a staged text value is
 * checked (an SQL condition true for a bad value), how it is described to the person filling the
 * template, and how it becomes a typed store value. Rules, casts, the data dictionary and the
 * migration all derive from these, so they cannot drift apart.
 */
import { quotedIdentifier as q, quotedString } from '../../store/sql.ts';

export type ColumnKind =
  | 'text'
  | 'list'
  | 'integer'
  | 'number'
  | 'date'
  | 'financial-year'
  | 'flag'
  | 'choice'
  | 'ons-code'
  | 'lsoa'
  | 'person-id';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  required: boolean;
  /** Allowed values (choice, list), matched without regard to case and stored as written here. */
  allowed?: readonly string[];
  /** Inclusive bounds for integer and number columns. */
  min?: number;
  max?: number;
  example: string;
  description: string;
}

/** Longest person identifier accepted: longer values are likely a name or free text pasted in error. */
export const PERSON_ID_MAX_LENGTH = 64;

/** The DuckDB type each kind is stored as. */
export function storeType(c: ColumnSpec): string {
  switch (c.kind) {
    case 'integer':
      return 'INTEGER';
    case 'number':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'flag':
      return 'BOOLEAN';
    case 'list':
      return 'VARCHAR[]';
    default:
      return 'VARCHAR';
  }
}

/** How the data dictionary names the type. */
export function typeLabel(c: ColumnSpec): string {
  const range =
    c.min !== undefined && c.max !== undefined ? ` (${c.min} to ${c.max})` : c.min !== undefined ? ` (${c.min} or more)` : c.max !== undefined ? ` (up to ${c.max})` : '';
  switch (c.kind) {
    case 'text':
      return 'text';
    case 'list':
      return c.allowed ? 'list of values separated by ;' : 'list of text separated by ;';
    case 'integer':
      return `whole number${range}`;
    case 'number':
      return `number${range}`;
    case 'date':
      return 'date (YYYY-MM-DD or DD/MM/YYYY)';
    case 'financial-year':
      return 'financial year (YYYY/YY)';
    case 'flag':
      return 'Y or N';
    case 'choice':
      return 'one of the allowed values';
    case 'ons-code':
      return 'ONS area code (9 characters)';
    case 'lsoa':
      return 'LSOA code (2011 or 2021)';
    case 'person-id':
      return `person identifier (pseudonymised on load; at most ${PERSON_ID_MAX_LENGTH} characters)`;
  }
}

const trimmed = (col: string) => `nullif(trim(${q(col)}), '')`;
const dateOf = (v: string) => `CAST(coalesce(try_strptime(${v}, '%Y-%m-%d'), try_strptime(${v}, '%d/%m/%Y')) AS DATE)`;
const flagOf = (v: string) => `CASE WHEN lower(${v}) IN ('y', 'yes', 'true', '1') THEN true WHEN lower(${v}) IN ('n', 'no', 'false', '0') THEN false END`;
const choiceOf = (v: string, allowed: readonly string[]) =>
  `CASE lower(${v}) ${allowed.map((a) => `WHEN ${quotedString(a.toLowerCase())} THEN ${quotedString(a)}`).join(' ')} END`;
const listOf = (v: string, allowed: readonly string[] | undefined) =>
  `list_filter(list_transform(string_split(${v}, ';'), lambda x: ${allowed ? choiceOf('trim(x)', allowed) : "nullif(trim(x), '')"}), lambda x: x IS NOT NULL)`;

/**
 * The typed value of a staged column, as SQL. Never fails: a value that does not parse becomes NULL,
 * so the expression is safe inside validation rules evaluated over every row. Person identifiers are
 * returned trimmed and raw: the loader replaces them with pseudonyms before anything is stored.
 */
export function castSql(c: ColumnSpec): string {
  const v = trimmed(c.name);
  switch (c.kind) {
    case 'integer':
      return `TRY_CAST(${v} AS INTEGER)`;
    case 'number':
      return `TRY_CAST(${v} AS DOUBLE)`;
    case 'date':
      return dateOf(v);
    case 'flag':
      return flagOf(v);
    case 'choice':
      return choiceOf(v, c.allowed ?? []);
    case 'list':
      return listOf(v, c.allowed);
    case 'ons-code':
    case 'lsoa':
      return `upper(${v})`;
    default:
      return v;
  }
}

/** A check on one value: SQL true where a present value is bad, and the explanation. */
interface ValueCheck {
  violated: string;
  expected: string;
}

function valueCheck(c: ColumnSpec): ValueCheck | null {
  const v = trimmed(c.name);
  const bounds = (cast: string): string[] => [
    ...(c.min !== undefined ? [`${cast} < ${c.min}`] : []),
    ...(c.max !== undefined ? [`${cast} > ${c.max}`] : []),
  ];
  const rangeText = c.min !== undefined && c.max !== undefined ? ` from ${c.min} to ${c.max}` : c.min !== undefined ? ` of at least ${c.min}` : c.max !== undefined ? ` of at most ${c.max}` : '';
  switch (c.kind) {
    case 'integer':
      return {
        violated: `NOT regexp_full_match(${v}, '-?[0-9]+') OR TRY_CAST(${v} AS INTEGER) IS NULL ${bounds(`TRY_CAST(${v} AS INTEGER)`).map((b) => `OR ${b}`).join(' ')}`,
        expected: `a whole number${rangeText}`,
      };
    case 'number':
      return {
        violated: `TRY_CAST(${v} AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST(${v} AS DOUBLE)) ${bounds(`TRY_CAST(${v} AS DOUBLE)`).map((b) => `OR ${b}`).join(' ')}`,
        expected: `a number${rangeText}`,
      };
    case 'date':
      return { violated: `${dateOf(v)} IS NULL`, expected: 'a date as YYYY-MM-DD or DD/MM/YYYY' };
    case 'financial-year':
      return {
        violated: `NOT regexp_full_match(${v}, '[0-9]{4}/[0-9]{2}') OR (TRY_CAST(left(${v}, 4) AS INTEGER) + 1) % 100 <> TRY_CAST(right(${v}, 2) AS INTEGER)`,
        expected: 'a financial year as YYYY/YY, e.g. 2016/17',
      };
    case 'flag':
      return { violated: `${flagOf(v)} IS NULL`, expected: 'Y or N' };
    case 'choice':
      return { violated: `${choiceOf(v, c.allowed ?? [])} IS NULL`, expected: `one of: ${(c.allowed ?? []).join(', ')}` };
    case 'list':
      return c.allowed
        ? {
            violated: `len(list_filter(string_split(${v}, ';'), lambda x: ${choiceOf('trim(x)', c.allowed)} IS NULL)) > 0`,
            expected: `values from: ${c.allowed.join(', ')} (separated by ;)`,
          }
        : null;
    case 'ons-code':
      return { violated: `NOT regexp_full_match(upper(${v}), '[EWSNK][0-9]{8}')`, expected: 'a 9-character ONS code such as E08000007' };
    case 'lsoa':
      return { violated: `NOT regexp_full_match(upper(${v}), '[EW]01[0-9]{6}')`, expected: 'an LSOA code such as E01005758' };
    case 'person-id':
      return { violated: `length(${v}) > ${PERSON_ID_MAX_LENGTH}`, expected: `an identifier of at most ${PERSON_ID_MAX_LENGTH} characters` };
    case 'text':
      return null;
  }
}

/** A rule over the staged text columns; see stage-csv.ts `RowRule` (this adds whether to echo the value). */
export interface ColumnRule {
  column: string;
  violated: string;
  message: (value: string | null) => string;
}

/** The rules one column imposes, in the order they are reported. Values of person identifiers are never echoed. */
export function columnRules(c: ColumnSpec): ColumnRule[] {
  const v = trimmed(c.name);
  const rules: ColumnRule[] = [];
  if (c.required) rules.push({ column: c.name, violated: `${v} IS NULL`, message: () => `missing value in required column "${c.name}"` });
  const check = valueCheck(c);
  if (check) {
    rules.push({
      column: c.name,
      violated: `${v} IS NOT NULL AND coalesce(${check.violated}, true)`,
      message: (value) => (c.kind === 'person-id' ? `"${c.name}" is not ${check.expected}` : `"${c.name}" is "${value ?? ''}": expected ${check.expected}`),
    });
  }
  return rules;
}
