/**
 * The assessment model: one typed JSON document holding every figure a report, the dashboard or an
 * export shows. Renderers read only this. Counts are incidents; rates say their base; months are
 * 'YYYY-MM' strings; years are calendar years unless a field says otherwise.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const SCHEMA_VERSION = 1 as const;

export type { ChangeResult, PeriodRange } from '../analysis/change-types.ts';
import type { ChangeResult, PeriodRange } from '../analysis/change-types.ts';

export interface YearCount {
  year: number;
  /** Months of data the year holds (12 for a full year). */
  months: number;
  count: number;
}

export interface CategorySummary {
  category: string;
  /** True for anti-social behaviour, which is not recorded crime. */
  isAsb: boolean;
  total: number;
  byYear: YearCount[];
  /** Share of all recorded crime in the assessed period, 0-1 (ASB: share of ASB, i.e. 1). */
  share: number;
  /** First full year against the last full year. */
  change: ChangeResult | null;
  /** The latest six months against the same months a year earlier. */
  recentChange: ChangeResult | null;
  /**
   * The largest step in the series, net of season, when it falls at a January and is significant: a
   * possible recording change (new standard or system) to check before reading it as a change in crime.
   */
  possibleRecordingChange?: { month: string; ratioOfRatios: number | null; ciLow: number; ciHigh: number | null; pValue: number } | null;
}

export interface MonthPoint {
  month: string;
  crime: number;
  asb: number;
  /** Unusual on a control chart (3 sigma; limits allow for overdispersion and the error of the level) against the previous 12 months' level, seasonally adjusted with indices from earlier months only. */
  crimeFlag?: 'high' | 'low';
  asbFlag?: 'high' | 'low';
}

export interface LocalityRow {
  name: string;
  crime: number;
  asb: number;
  /** Share of the borough's recorded crime located to a locality, 0-1. */
  crimeShare: number;
  /** Share of the borough's ASB located to a locality, 0-1. */
  asbShare: number;
  /** Residents (population year in `Assessment.population.year`). */
  population: number;
  /** Recorded crimes per 1,000 residents in the latest 12 months of the period. */
  crimeRatePer1000: number;
  /** ASB incidents per 1,000 residents in the latest 12 months of the period. */
  asbRatePer1000: number;
  /** The crime category most recorded in the locality. */
  topCategory: string | null;
  change: ChangeResult | null;
}

/** A configured place (e.g. a town centre) and how concentrated incidents are there. */
export interface PlaceConcentration {
  name: string;
  lsoas: string[];
  crime: number;
  asb: number;
  /** Share of the area's located recorded crime in the place, 0-1. */
  crimeShare: number;
  /** Share of the area's located ASB in the place, 0-1. */
  asbShare: number;
  /** Share of the area's residents living in the place, 0-1. */
  populationShare: number;
}

/** A figure a finding rests on, named by its path in the model so a reader (or a check) can find it. */
export interface FindingFigure {
  label: string;
  /** Path in the assessment model, e.g. "overview.crimeChange.after". */
  path: string;
  value: number | string | null;
  /** How to read the value; counts are the figures small-number suppression applies to. */
  unit: 'count' | 'share' | 'percent' | 'rate' | 'ratio' | 'p' | 'rank' | 'text';
}

/** The statistical test behind a finding, when there is one. */
export interface FindingTest {
  /** e.g. "exact Poisson", "difference in change", or a quasi-Poisson test. */
  method: string;
  pValue: number;
  /** Multiple-testing adjusted p-value, when the finding is one of a family of tests. */
  pAdjusted: number | null;
  /** Overdispersion estimate, when the test models it. */
  dispersion: number | null;
  significant: boolean;
}

/** What a finding says, by kind: the facts the sentence is written from (words come in src/render/words). */
export type FindingFacts =
  | { kind: 'change'; subject: 'crime' | 'asb'; change: ChangeResult; recent: ChangeResult | null }
  | { kind: 'rises'; window: 'years' | 'recent'; items: { category: string; change: ChangeResult }[] }
  | { kind: 'force-area-rank'; measure: string; rank: number; of: number; ratePer1000: number; window: PeriodRange }
  | { kind: 'versus-force-area'; measure: string; window: PeriodRange; inLine: boolean; areaDirection: 'rose' | 'fell' | 'unchanged' | null; ratioOfRatios: number | null; comparator: string }
  | { kind: 'share'; place: string; placeKind: 'locality' | 'place'; crimeShare: number; asbShare: number | null; residentsShare: number }
  | { kind: 'issue'; issueId: string; issueTitle: string }
  | { kind: 'coverage-gap'; missingMonths: string[]; expectedMonths: number }
  | { kind: 'near-repeat'; category: string };

export type FindingKind = FindingFacts['kind'];

/** A headline finding: structured, never a sentence; the report writes its words from `facts`. */
export interface Finding {
  id: string;
  kind: FindingKind;
  /** What it is about: a measure, category, locality, place or issue. */
  subject: string;
  facts: FindingFacts;
  /** The figures it rests on, with their model paths (shown as its evidence). */
  figures: FindingFigure[];
  /** What the figures are compared with, e.g. "2014 against 2016", "the rest of Greater Manchester". */
  comparison: string | null;
  test: FindingTest | null;
  /** True or false only where a test supports it; null for descriptive findings. */
  significant: boolean | null;
  /**
   * Set when the figures could not be computed (e.g. an incomplete period): the typed reason code and
   * its explanation; the report then says so instead of a statement.
   */
  notComputed?: { reason: string; detail: string } | null;
  theme: string | null;
  /** From a restricted issue (CSE, OCG, Prevent): left out of public outputs. */
  restricted: boolean;
}

export interface LocalityFeatureProperties {
  name: string;
  crime: number;
  asb: number;
  crimeRatePer1000: number;
  asbRatePer1000: number;
}

/** What the police figures count: all recorded crime and ASB, or one category (a single-crime extract). */
export interface PoliceMeasure {
  /** "Recorded crime", or the one category held, e.g. "Burglary". */
  label: string;
  /** The label mid-sentence: "recorded crime", "burglary". */
  lower: string;
  /** What a count of it is called: "recorded crimes", "burglary offences". */
  countNoun: string;
  /** Whether anti-social behaviour incidents are held. */
  includesAsb: boolean;
}

export interface Coverage {
  /** Months the configured period should hold. */
  expectedMonths: number;
  /** Months of the configured period with no police data for the area's force: a gap, not a fall in crime. */
  missingMonths: string[];
  /** The period the configuration asked for; `Assessment.period` is it trimmed to the months with data at either end. */
  configured?: { from: string; to: string };
  /** Rows loaded per force and month in the configured period. */
  byForce?: import('../analysis/coverage.ts').ForceCoverage[];
  /** Figures not computed because a period they need lacks data (for the area or an area compared). */
  notComputed?: import('../analysis/coverage.ts').NotComputed[];
}

export interface Assessment extends AssessmentExtensions {
  schemaVersion: typeof SCHEMA_VERSION;
  /** ISO timestamp the assessment was built (passed in, for reproducible output). */
  generatedAt: string;
  title: string;
  area: { name: string; code: string; partnership: string; force: string; forceAreaName: string };
  /** Data provenance shown on every page. */
  data: {
    synthetic: boolean;
    /** e.g. "Synthetic demonstration data: not real crimes". */
    label: string;
    sources: string[];
    attribution: string[];
  };
  period: PeriodRange & { fullYears: number[] };
  measure: PoliceMeasure;
  coverage: Coverage;
  /**
   * Geometry behind the maps: LSOA boundaries loaded (count). With none, every figure that needs no
   * geometry is still given (counts, rates and changes by LSOA code through the lookups) and the maps
   * and hotspots are left out (`mapsOmitted`), which the report says. Absent in older models.
   */
  geometry?: { lsoaBoundaries: number; mapsOmitted: boolean };
  population: { total: number; year: number; source: string };
  overview: {
    /** Recorded crime (every police category except ASB) in the period. */
    crime: number;
    asb: number;
    /**
     * Incidents the force recorded in the period with no location at all (no coordinates, no LSOA).
     * No district can be given them, so they are in no area's totals; reported so none is silently lost.
     */
    unknownLocation: number;
    /** Incidents in the area located to no configured locality. */
    noLocality: number;
    /** Recorded crimes per 1,000 residents in the latest 12 months of the period. */
    crimeRatePer1000: number;
    /** ASB incidents per 1,000 residents in the latest 12 months of the period. */
    asbRatePer1000: number;
    /** The 12 months the rates are for. */
    rateWindow: PeriodRange;
    byYear: { year: number; months: number; crime: number; asb: number }[];
    crimeChange: ChangeResult | null;
    asbChange: ChangeResult | null;
  };
  categories: CategorySummary[];
  monthly: MonthPoint[];
  localities: LocalityRow[];
  places: PlaceConcentration[];
  /** Locality boundaries (WGS84) with their figures, for maps. */
  localityMap: FeatureCollection<Polygon | MultiPolygon, LocalityFeatureProperties>;
  findings: Finding[];
}

/**
 * Sections beyond the police overview (partnership themes, peers, hotspots) attach here; each is
 * typed in its own module and optional, so an assessment with only police data is complete.
 */
export interface AssessmentExtensions {
  /** Partnership themes and their issues (see themes-model.ts). */
  themes?: import('./themes-model.ts').ThemeSection[];
  /** Peer comparison, concentration, hotspots and harm (see analysis-model.ts). */
  analysis?: import('./analysis-model.ts').AnalysisSections;
  /** Emerging hot spots, near repeat and expected counts (see sections/space-time.ts). */
  spaceTime?: import('./sections/space-time.ts').SpaceTimeSection;
  /** How the document is published, from configuration (absent in models saved before it existed). */
  document?: DocumentSettings;
  /** One report per locality (see sections/locality-reports.ts). */
  localityReports?: import('./sections/locality-reports.ts').LocalityReport[];
  /** Recommended priorities: the MoRiLE-style matrix per issue (see src/analysis/priorities.ts). */
  priorities?: import('../analysis/priorities.ts').PrioritiesResult;
  /** Data quality: incidents by LSOA boundary vintage, and months the force re-supplied. */
  dataQuality?: { lsoaVintages: { vintage: number | null; lsoas: number; incidents: number }[]; resuppliedMonths: { month: string; loads: number }[] };
  /** The analyst's narrative per section, with whether its figures changed since it was written. */
  narrative?: import('./narrative.ts').NarrativeBlock[];
  /** What changed since the previous assessment, when one was given (`assess --previous`). */
  changes?: import('./sections/changes.ts').ChangesSection;
  /** Locality workshop issues from the store; null when none are recorded. */
  workshops?: import('../analysis/workshops.ts').WorkshopSummary | null;
}

/** Publication settings from configuration that every renderer of the model needs. */
export interface DocumentSettings {
  /** Protective marking printed on every page of the full edition, e.g. "OFFICIAL-SENSITIVE"; null for none. */
  protectiveMarking: string | null;
  /** Counts from 1 to this value minus one are shown as "fewer than N" in the published edition. */
  suppressBelow: number;
  /** Significance level of every test. */
  significance: number;
}
