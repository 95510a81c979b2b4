import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { cspError } from '../errors.ts';

const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

const boundaryFile = z.object({
  file: z.string(),
  codeProperty: z.string().default('area_code'),
  nameProperty: z.string().default('area_name'),
  /** TopoJSON object name; the first object when absent. */
  object: z.string().optional(),
  vintage: z.number().int().optional(),
});

const lsoaLookup = z.object({
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
  z.object({ format: z.literal('ons-json'), file: z.string(), year: z.number().int() }),
  z.object({
    format: z.literal('csv'),
    file: z.string(),
    year: z.number().int(),
    code: z.string(),
    value: z.string(),
    households: z.string().optional(),
  }),
]);

const place = z.object({
  name: z.string(),
  /** LSOA codes that make up the place (e.g. a town centre). */
  lsoas: z.array(z.string()).default([]),
});

const issue = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  /** Police categories counted under this issue, where it is measured from incident data. */
  categories: z.array(z.string()).default([]),
  /** Partnership datasets that feed it. */
  datasets: z.array(z.string()).default([]),
  restricted: z.boolean().default(false),
});

const theme = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: z.string(), issues: z.array(issue).min(1) });

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

export const AreaConfigSchema = z.object({
  area: z.object({
    name: z.string(),
    /** ONS code of the district (local authority) the partnership covers. */
    code: z.string(),
    partnership: z.string(),
    /** data.police.uk force name as in "Reported by". */
    force: z.string(),
    forceAreaName: z.string().default('force area'),
  }),
  geography: z.object({
    lsoa: z.array(boundaryFile).min(1),
    districts: boundaryFile,
    wards: boundaryFile.optional(),
    lsoaLookups: z.array(lsoaLookup).min(1),
    localities: z.object({ file: z.string(), ward: z.string().default('ward_code'), locality: z.string().default('locality') }),
    population: z.array(populationSource).min(1),
    places: z.array(place).default([]),
    /** Index of Multiple Deprivation by LSOA (e.g. English IoD 2019 File 1). */
    deprivation: z
      .object({ file: z.string(), code: z.string(), rank: z.string(), decile: z.string(), year: z.number().int() })
      .optional(),
  }),
  periods: z.object({
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
    .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'), label: z.string() }))
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
    })
    .default({ significance: 0.05, suppressBelow: 5 }),
});

export type AreaConfig = z.infer<typeof AreaConfigSchema>;

/** A configuration with every file path made absolute against the data directory. */
export interface LoadedAreaConfig {
  config: AreaConfig;
  file: string;
  dataDir: string;
  resolvePath(p: string): string;
}

export function parseAreaConfig(text: string, file: string): AreaConfig {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw cspError('CSP_ERR_CONFIG_INVALID', `cannot parse configuration: ${(e as Error).message}`, { file }, e);
  }
  const result = AreaConfigSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0]!;
    const path = first.path.join('.') || '(root)';
    throw cspError('CSP_ERR_CONFIG_INVALID', `${path}: ${first.message}`, { file });
  }
  return result.data;
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
