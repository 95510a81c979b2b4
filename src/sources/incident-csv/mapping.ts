import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { cspError } from '../../errors.ts';

/** strptime specifiers DuckDB reads, with or without the `-` flag. */
const STRPTIME_SPECIFIERS = new Set('aAwdbBmyYHIpMSfzZjUWcxXgGTVu%n'.split(''));

/** The first `%x` in a date format that is not a strptime specifier, or null. */
function unknownSpecifier(format: string): string | null {
  for (const m of format.matchAll(/%-?(.?)/g)) if (!STRPTIME_SPECIFIERS.has(m[1]!)) return m[0];
  return null;
}

/**
 * Which column of an extract holds what. A local police or partner extract names its columns its own
 * way; the mapping says where the month (or date), category, location and id are.
 */
export const IncidentMappingSchema = z
  .object({
    /** Column holding the month as YYYY-MM. */
    month: z.string().min(1).optional(),
    /** Column holding the date; read with `dateFormat`. The month is taken from it when `month` is absent. */
    date: z.string().min(1).optional(),
    /** strptime format of `date`. Default '%Y-%m-%d'; e.g. '%d/%m/%Y' for UK spreadsheets. */
    dateFormat: z
      .string()
      .min(1)
      .default('%Y-%m-%d')
      .superRefine((f, ctx) => {
        const bad = unknownSpecifier(f);
        if (bad) ctx.addIssue({ code: 'custom', message: `unknown date format specifier ${bad} (use strptime codes such as %d/%m/%Y)` });
      }),
    /** Column holding the category (normalised through the configuration's crimeTypeMapping). */
    category: z.string().min(1),
    /** WGS84 longitude column. */
    longitude: z.string().min(1).optional(),
    /** WGS84 latitude column. */
    latitude: z.string().min(1).optional(),
    /** Column holding the 2011 or 2021 LSOA code. */
    lsoa: z.string().min(1).optional(),
    /** Column holding the extract's own incident id. */
    id: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => m.month !== undefined || m.date !== undefined, { message: 'a month or a date column is required' })
  .refine((m) => (m.longitude === undefined) === (m.latitude === undefined), { message: 'longitude and latitude columns go together' })
  .refine((m) => m.longitude !== undefined || m.lsoa !== undefined, { message: 'a location is required: longitude and latitude columns, or an LSOA column' });

export type IncidentMapping = z.infer<typeof IncidentMappingSchema>;

/** The `ingest incidents` flags that make a mapping. */
export interface IncidentMappingFlags {
  monthCol?: string;
  dateCol?: string;
  dateFormat?: string;
  categoryCol?: string;
  lonCol?: string;
  latCol?: string;
  lsoaCol?: string;
  idCol?: string;
}

function validate(raw: unknown, file?: string): IncidentMapping {
  const r = IncidentMappingSchema.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const path = first.path.join('.');
  const message = `column mapping: ${path ? `${path}: ` : ''}${first.message}`;
  throw file ? cspError('CSP_ERR_CONFIG_INVALID', message, { file }) : cspError('CSP_ERR_USAGE', message);
}

/** A mapping from a YAML or JSON file, validated. */
export function readIncidentMapping(file: string): IncidentMapping {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw cspError('CSP_ERR_CONFIG_INVALID', `cannot read the column mapping: ${(e as Error).message}`, { file }, e);
  }
  return validate(raw, file);
}

/** A mapping from command-line flags, validated as a mapping file would be. */
export function incidentMappingFromFlags(f: IncidentMappingFlags): IncidentMapping {
  const raw = {
    month: f.monthCol,
    date: f.dateCol,
    dateFormat: f.dateFormat,
    category: f.categoryCol,
    longitude: f.lonCol,
    latitude: f.latCol,
    lsoa: f.lsoaCol,
    id: f.idCol,
  };
  return validate(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
}

/** The columns a mapping reads, in a fixed order (for header checks). */
export function mappedColumns(m: IncidentMapping): string[] {
  return [m.month, m.date, m.category, m.longitude, m.latitude, m.lsoa, m.id].filter((c): c is string => c !== undefined);
}
