import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { cspError, cspErrorList } from '../errors.ts';

const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

const boundaryFile = z.strictObject({
  file: z.string(),
  codeProperty: z.string().default('area_code'),
  nameProperty: z.string().default('area_name'),
  /** TopoJSON object name; the first object when absent. */
  object: z.string().optional(),
  vintage: z.number().int().optional(),
});

const lsoaLookup = z.strictObject({
  file: z.string(),
  lsoa: z.string(),
  lsoaName: z.string().optional(),
  ward: z.string(),
  wardName: z.string(),
  district: z.string(),
  districtName: z.string(),
  vintage: z.number().int(),
});

const populationSource = z.discriminatedUnion('format', [
  /** ONS JSON: {"<code>": {"population": N}} */
  z.strictObject({ format: z.literal('ons-json'), file: z.string(), year: z.number().int() }),
  z.strictObject({
    format: z.literal('csv'),
    file: z.string(),
    year: z.number().int(),
    code: z.string(),
    value: z.string(),
    households: z.string().optional(),
  }),
]);

const place = z.strictObject({
  name: z.string(),
  /** LSOA codes that make up the place (e.g. a town centre). */
  lsoas: z.array(z.string()).default([]),
});

const issue = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  /** Police categories counted under this issue, where it is measured from incident data. */
  categories: z.array(z.string()).default([]),
  /** Partnership datasets that feed it. */
  datasets: z.array(z.string()).default([]),
  restricted: z.boolean().default(false),
});

const theme = z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), title: z.string(), issues: z.array(issue).min(1) });

/** Issues practitioners commonly raise at locality workshops; a configuration can replace the list. */
export const defaultWorkshopCategories = [
  'Anti-social behaviour',
  'Youth nuisance',
  'Drug dealing',
  'Drug use',
  'Alcohol-related disorder',
  'Street drinking',
  'Burglary',
  'Vehicle crime',
  'Criminal damage',
  'Domestic abuse',
  'Exploitation of children',
  'Hate crime',
  'Organised crime',
  'Begging and rough sleeping',
  'Fly-tipping and environmental',
  'Speeding and road safety',
  'Mental health',
  'Other',
] as const;

export const AreaConfigSchema = z.strictObject({
  area: z.strictObject({
    name: z.string(),
    /** ONS code of the district (local authority) the partnership covers. */
    code: z.string(),
    partnership: z.string(),
    /** data.police.uk force name as in "Reported by". */
    force: z.string(),
    forceAreaName: z.string().default('force area'),
    /** ONS codes of the districts making up the force area (peers, ranks, "in line with"). Alternatively `geography.districts.forceArea`. */
    forceAreaDistricts: z.array(z.string()).optional(),
  }),
  geography: z.strictObject({
    /** LSOA boundaries; none: every figure that needs no geometry is still made (by LSOA code through the lookups), maps are left out. */
    lsoa: z.array(boundaryFile).default([]),
    /** District (local authority) boundaries: any file holding the force area's districts, a national one included. */
    districts: boundaryFile
      .extend({
      /** Which of the file's districts form the force area: those whose `property` equals `value` (e.g. PFA23NM: Avon and Somerset). */
      forceArea: z.strictObject({ property: z.string(), value: z.string() }).optional(),
    })
      .optional(),
    wards: boundaryFile.optional(),
    lsoaLookups: z.array(lsoaLookup).min(1),
    /** Ward -> locality table; none: the assessment has no locality breakdown. */
    localities: z.strictObject({ file: z.string(), ward: z.string().default('ward_code'), locality: z.string().default('locality') }).optional(),
    population: z.array(populationSource).min(1),
    places: z.array(place).default([]),
    /** Index of Multiple Deprivation by LSOA (e.g. English IoD 2019 File 1). */
    deprivation: z
      .object({ file: z.string(), code: z.string(), rank: z.string(), decile: z.string(), year: z.number().int() })
      .optional(),
  }),
  periods: z.strictObject({
    /** First month of the trend. */
    from: monthKey,
    /** Last month assessed. */
    to: monthKey,
  }),
  peers: z
    .object({
      /** Statistical neighbours (ONS codes), e.g. CIPFA nearest neighbours. */
      statisticalNeighbours: z.array(z.string()).default([]),
    })
    .default({ statisticalNeighbours: [] }),
  themes: z.array(theme).default([]),
  /** Dated national or local events around which incidents (e.g. hate) are tested for a spike. */
  events: z
    .array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'), label: z.string() }))
    .optional(),
  /** Older data.police.uk labels, or another extract's, mapped onto the current categories. */
  crimeTypeMapping: z.record(z.string(), z.string()).default({}),
  /** Harm weight per category (e.g. ONS Crime Severity Score days); default: src/analysis/harm-weights.ts. */
  harmWeights: z.record(z.string(), z.number().nonnegative()).optional(),
  /** Locality workshops: the list practitioners choose issues from (plus free text). */
  workshops: z
    .object({ issueCategories: z.array(z.string().min(1)).min(1).default([...defaultWorkshopCategories]) })
    .default({ issueCategories: [...defaultWorkshopCategories] }),
  /** The document: protective marking of the full edition, and files beside the configuration. */
  report: z
    .object({
      /** Printed on every page of the full edition (e.g. "OFFICIAL-SENSITIVE"); the published edition carries none. */
      protectiveMarking: z.string().min(1).nullable().default('OFFICIAL-SENSITIVE'),
      /** Analyst's narrative per section (Markdown), relative to the configuration file. */
      narrative: z.string().optional(),
      /** Priority matrix scales, weights and the analyst's entries (YAML), relative to the configuration file. */
      priorities: z.string().optional(),
    })
    .strict()
    .default({ protectiveMarking: 'OFFICIAL-SENSITIVE' }),
  thresholds: z
    .object({
      significance: z.number().gt(0).lt(1).default(0.05),
      /** Counts from 1 to this value are suppressed in public outputs. */
      suppressBelow: z.number().int().min(0).default(5),
      /** Smallest Knox ratio called a near-repeat pattern, with p below `significance` (1.2: a fifth more pairs than chance). */
      nearRepeatRatio: z.number().min(1).default(1.2),
    })
    .default({ significance: 0.05, suppressBelow: 5, nearRepeatRatio: 1.2 }),
})
  // Checks across keys: every problem is reported in one run (zod runs refinements even when keys fail).
  .superRefine((c, ctx) => {
    if (c.periods && c.periods.from > c.periods.to) {
      ctx.addIssue({ code: 'custom', path: ['periods', 'to'], message: `must not be before periods.from (${c.periods.to} is before ${c.periods.from})` });
    }
  });

export type AreaConfig = z.infer<typeof AreaConfigSchema>;

/** A configuration with every file path made absolute against the data directory. */
export interface LoadedAreaConfig {
  config: AreaConfig;
  file: string;
  dataDir: string;
  resolvePath(p: string): string;
}

/**
 * Where JSON text fails to parse, without quoting it: "not valid JSON at line 3, column 7 (unexpected
 * '}')". Node's own message quotes the start of the text, which may be any file's content.
 */
export function describeJsonError(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : '';
  const at = /position (\d+)/.exec(message);
  const token = /^Unexpected token '(.)'/.exec(message);
  const pos = at ? Number(at[1]) : token ? firstOutsideString(text, token[1]!) : text.length;
  const before = text.slice(0, pos).split('\n');
  const ch = text.charAt(pos);
  return `not valid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}${ch ? ` (unexpected ${JSON.stringify(ch)})` : ' (unexpected end)'}`;
}

/** Index of the first `ch` outside a JSON string (Node's "Unexpected token" message gives no position). */
function firstOutsideString(text: string, ch: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === ch) return i;
    else if (c === '"') inString = true;
  }
  return text.length;
}

/** One problem in a configuration: where (a dotted path into it, or the file itself) and what. */
export interface ConfigProblem {
  /** e.g. 'periods.to', 'geography.lsoa.0.file', '(file)' for the file as a whole. */
  path: string;
  message: string;
}

/** The problems as printed: one per line, `path: message`. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

/**
 * Parse YAML or JSON text without ever echoing it: a syntax error says where it is and names at
 * most the one offending character, never the surrounding content.
 */
export function parseConfigText(text: string, file: string): { raw: unknown } | { problem: ConfigProblem } {
  if (file.endsWith('.json')) {
    try {
      return { raw: JSON.parse(text) };
    } catch (e) {
      return { problem: { path: '(file)', message: describeJsonError(text, e) } };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    return { problem: { path: '(file)', message: `not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''} (${err.code})` } };
  }
  return { raw: doc.toJS() };
}

/** Every schema problem of a parsed configuration, with "did you mean" for unknown keys. */
export function schemaProblems(raw: unknown): { config: AreaConfig | null; problems: ConfigProblem[] } {
  const result = AreaConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.flatMap((i): ConfigProblem[] => {
    const path = i.path.map(String).join('.') || '(root)';
    if (i.code === 'unrecognized_keys') {
      const known = knownKeysAt(AreaConfigSchema, i.path);
      return i.keys.map((k) => {
        const near = closest(k, known);
        return { path: path === '(root)' ? k : `${path}.${k}`, message: `unknown key${near ? ` (did you mean '${near}'?)` : ''}` };
      });
    }
    // zod says "expected string, received undefined" for a missing key: say it plainly.
    return [{ path, message: i.code === 'invalid_type' && / received undefined$/.test(i.message) ? 'required' : i.message }];
  });
  return { config: null, problems };
}

/** Keys the schema allows at a path into the configuration (unwrapping defaults, optionals, arrays and unions). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const unwrap = (s: z.ZodType): z.ZodType[] => {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) return unwrap(s.unwrap() as z.ZodType);
    if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) return (s.options as z.ZodType[]).flatMap(unwrap);
    return [s];
  };
  let nodes = unwrap(schema);
  for (const seg of path) {
    nodes = nodes.flatMap((n) => {
      if (n instanceof z.ZodArray && typeof seg === 'number') return unwrap(n.element as z.ZodType);
      if (n instanceof z.ZodObject && typeof seg === 'string' && seg in n.shape) return unwrap(n.shape[seg] as z.ZodType);
      return [];
    });
  }
  return [...new Set(nodes.flatMap((n) => (n instanceof z.ZodObject ? Object.keys(n.shape) : [])))];
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `word` when close enough to be a slip (a third of its length, at least 2 edits allowed). */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const dd = distance(word, c);
    if (dd < bestD) {
      best = c;
      bestD = dd;
    }
  }
  return best;
}

export function parseAreaConfig(text: string, file: string): AreaConfig {
  const parsed = parseConfigText(text, file);
  if ('problem' in parsed) throw cspError('CSP_ERR_CONFIG_INVALID', formatConfigProblems([parsed.problem]), { file });
  const { config, problems } = schemaProblems(parsed.raw);
  if (!config) throw problems.length === 1 ? cspError('CSP_ERR_CONFIG_INVALID', formatConfigProblems(problems), { file }) : cspErrorList('CSP_ERR_CONFIG_INVALID', `${problems.length} problems:`, problems.map((p) => formatConfigProblems([p])), { file });
  return config;
}

export function loadAreaConfig(file: string, dataDir: string): LoadedAreaConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw cspError('CSP_ERR_CONFIG_INVALID', `cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file }, e);
  }
  const config = parseAreaConfig(text, file);
  const base = resolve(dataDir || dirname(file));
  return { config, file, dataDir: base, resolvePath: (p) => (isAbsolute(p) ? p : resolve(base, p)) };
}
