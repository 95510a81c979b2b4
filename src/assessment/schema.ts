import { z } from 'zod';
import type { PrioritiesResult } from '../analysis/priorities.ts';
import type { WorkshopSummary } from '../analysis/workshops.ts';
import type { ChangesSection } from './sections/changes.ts';
import type { LocalityReport } from './sections/locality-reports.ts';
import type { AnalysisSections } from './analysis-model.ts';
import type { ThemeSection } from './themes-model.ts';
import { SpaceTimeSectionSchema } from './sections/space-time.ts';
import { type Assessment, type Finding, SCHEMA_VERSION } from './model.ts';

/**
 * The serialised assessment, checked where it crosses a boundary (`report --model`, the server).
 * Typed as `z.ZodType<Assessment>` so any drift from model.ts fails the type check.
 */
const month = z.string().regex(/^\d{4}-\d{2}$/);
const period = z.object({ from: month, to: month, months: z.number().int().nonnegative() });
const change = z.object({
  before: z.number(),
  after: z.number(),
  beforePeriod: period,
  afterPeriod: period,
  changePct: z.number().nullable(),
  rateRatio: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  pValue: z.number(),
  significant: z.boolean(),
  pValuePoisson: z.number().optional(),
  dispersion: z.number().nullable().optional(),
  dispersionDf: z.number().nullable().optional(),
  pAdjusted: z.number().optional(),
});
const polygonal = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });

export const AssessmentSchema: z.ZodType<Assessment> = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string(),
  title: z.string(),
  area: z.object({ name: z.string(), code: z.string(), partnership: z.string(), force: z.string(), forceAreaName: z.string() }),
  data: z.object({ synthetic: z.boolean(), label: z.string(), sources: z.array(z.string()), attribution: z.array(z.string()) }),
  period: period.extend({ fullYears: z.array(z.number().int()) }),
  measure: z.object({ label: z.string(), lower: z.string(), countNoun: z.string(), includesAsb: z.boolean() }),
  coverage: z.object({
    expectedMonths: z.number().int(),
    missingMonths: z.array(month),
    configured: z.object({ from: month, to: month }).optional(),
    byForce: z.array(z.object({ force: z.string(), months: z.array(z.object({ month, rows: z.number().int() })), missingMonths: z.array(month) })).optional(),
    notComputed: z
      .array(
        z.object({
          figure: z.string(),
          reason: z.enum(['incomplete-period', 'no-complete-window']),
          period,
          missingMonths: z.array(month),
          forces: z.array(z.string()),
        }),
      )
      .optional(),
  }),
  geometry: z.object({ lsoaBoundaries: z.number().int(), mapsOmitted: z.boolean() }).optional(),
  population: z.object({ total: z.number(), year: z.number().int(), source: z.string() }),
  overview: z.object({
    crime: z.number(),
    asb: z.number(),
    unknownLocation: z.number(),
    noLocality: z.number(),
    crimeRatePer1000: z.number(),
    asbRatePer1000: z.number(),
    rateWindow: period,
    byYear: z.array(z.object({ year: z.number().int(), months: z.number().int(), crime: z.number(), asb: z.number() })),
    crimeChange: change.nullable(),
    asbChange: change.nullable(),
  }),
  categories: z.array(
    z.object({
      category: z.string(),
      isAsb: z.boolean(),
      total: z.number(),
      byYear: z.array(z.object({ year: z.number().int(), months: z.number().int(), count: z.number() })),
      share: z.number(),
      change: change.nullable(),
      recentChange: change.nullable(),
      possibleRecordingChange: z
        .object({ month, ratioOfRatios: z.number().nullable(), ciLow: z.number(), ciHigh: z.number().nullable(), pValue: z.number() })
        .nullable()
        .optional(),
    }),
  ),
  monthly: z.array(
    z.object({
      month,
      crime: z.number(),
      asb: z.number(),
      crimeFlag: z.enum(['high', 'low']).optional(),
      asbFlag: z.enum(['high', 'low']).optional(),
    }),
  ),
  localities: z.array(
    z.object({
      name: z.string(),
      crime: z.number(),
      asb: z.number(),
      crimeShare: z.number(),
      asbShare: z.number(),
      population: z.number(),
      crimeRatePer1000: z.number(),
      asbRatePer1000: z.number(),
      topCategory: z.string().nullable(),
      change: change.nullable(),
    }),
  ),
  places: z.array(
    z.object({
      name: z.string(),
      lsoas: z.array(z.string()),
      crime: z.number(),
      asb: z.number(),
      crimeShare: z.number(),
      asbShare: z.number(),
      populationShare: z.number(),
    }),
  ),
  localityMap: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ name: z.string(), crime: z.number(), asb: z.number(), crimeRatePer1000: z.number(), asbRatePer1000: z.number() }),
        geometry: polygonal,
      }),
    ),
  }),
  findings: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['change', 'rises', 'force-area-rank', 'versus-force-area', 'share', 'issue', 'coverage-gap', 'near-repeat']),
      subject: z.string(),
      // The facts are typed by kind in model.ts; here their envelope.
      facts: z.custom<Finding['facts']>((v) => typeof v === 'object' && v !== null && 'kind' in v),
      figures: z.array(
        z.object({
          label: z.string(),
          path: z.string(),
          value: z.union([z.number(), z.string(), z.null()]),
          unit: z.enum(['count', 'share', 'percent', 'rate', 'ratio', 'p', 'rank', 'text']),
        }),
      ),
      comparison: z.string().nullable(),
      test: z
        .object({ method: z.string(), pValue: z.number(), pAdjusted: z.number().nullable(), dispersion: z.number().nullable(), significant: z.boolean() })
        .nullable(),
      significant: z.boolean().nullable(),
      notComputed: z.object({ reason: z.string(), detail: z.string() }).nullable().optional(),
      theme: z.string().nullable(),
      restricted: z.boolean(),
    }),
  ),
  document: z.object({ protectiveMarking: z.string().nullable(), suppressBelow: z.number().int(), significance: z.number() }).optional(),
  // Sections typed in their own modules: checked here by their envelope.
  localityReports: z.array(z.custom<LocalityReport>((v) => typeof v === 'object' && v !== null && 'byYear' in v)).optional(),
  dataQuality: z
    .object({
      lsoaVintages: z.array(z.object({ vintage: z.number().nullable(), lsoas: z.number(), incidents: z.number() })),
      resuppliedMonths: z.array(z.object({ month: z.string(), loads: z.number() })),
    })
    .optional(),
  narrative: z.array(z.object({ section: z.string(), markdown: z.string(), writtenFingerprint: z.string(), currentFingerprint: z.string(), stale: z.boolean() })).optional(),
  changes: z.custom<ChangesSection>((v) => typeof v === 'object' && v !== null && 'measures' in v).optional(),
  priorities: z.custom<PrioritiesResult>((v) => typeof v === 'object' && v !== null && 'issues' in v).optional(),
  workshops: z.custom<WorkshopSummary>((v) => typeof v === 'object' && v !== null && 'categories' in v).nullable().optional(),
  // Theme sections are validated by their own module's types; here only their envelope.
  themes: z.array(z.custom<ThemeSection>((v) => typeof v === 'object' && v !== null && 'issues' in v)).optional(),
  analysis: z.custom<AnalysisSections>((v) => typeof v === 'object' && v !== null && 'concentration' in v).optional(),
  spaceTime: SpaceTimeSectionSchema.optional(),
});
