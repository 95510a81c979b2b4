/**
 * Result types of the theme analyses in this folder: one detail type per analysis. Shares are fractions
 * 0-1; person counts are of pseudonyms; years are calendar years unless a field says financial year.
 */
import type { ChangeResult } from '../change-types.ts';

export type IssueDetail =
  | MissingDetail
  | DomesticAbuseDetail
  | CseDetail
  | DrugsAlcoholDetail
  | HateDetail
  | FiresDetail
  | ReoffendingDetail
  | OcgDetail
  | PreventDetail
  | PerceptionDetail
  | PoliceCategoriesDetail;

/** A count per calendar year; only full years of the assessed period are listed. */
export interface YearValue {
  year: number;
  count: number;
}

export interface NamedCount {
  name: string;
  count: number;
  /** Share of the total the list divides, 0-1; null when the total is 0. */
  share: number | null;
}

/** One district of the force area in a comparison. */
export interface PeerRow {
  code: string;
  name: string;
  /** Count in the comparison year. */
  count: number;
  /** Per 1,000 residents in the comparison year; null without a population. */
  ratePer1000: number | null;
  /** 1 = highest rate (or count when no rates); ties share the best rank. */
  rank: number;
  isArea: boolean;
}

export interface PeerComparison {
  /** Calendar year compared. */
  year: number;
  /** Population year used for the rates; null when no rates. */
  populationYear: number | null;
  rows: PeerRow[];
  /** The area's rank (1 = highest) among `rows.length`. */
  areaRank: number | null;
}

export interface MissingDetail {
  kind: 'missing';
  byYear: { year: number; episodes: number; people: number }[];
  /** Episodes reported in the full years. */
  episodes: number;
  /** Distinct people (pseudonyms) with an episode in the full years. */
  people: number;
  /** People with 3 or more episodes in the full years. */
  repeatPeople: number;
  /** Episodes of people with 3 or more episodes. */
  repeatEpisodes: number;
  /** repeatEpisodes / episodes. */
  repeatShare: number | null;
  /** Most episodes of one person. */
  maxEpisodesPerPerson: number;
  lookedAfterPeople: number;
  lookedAfterEpisodes: number;
  /** Looked-after children placed in the area by another authority. */
  outOfAreaPeople: number;
  outOfAreaEpisodes: number;
  /** outOfAreaEpisodes / lookedAfterEpisodes. */
  outOfAreaShareOfLookedAfter: number | null;
  /** Episodes by locality of the LSOA gone missing from (unknown LSOAs not listed). */
  localities: NamedCount[];
  /** Episodes, first full year against the last. */
  change: ChangeResult | null;
}

export interface DomesticAbuseDetail {
  kind: 'domestic-abuse';
  byYear: { year: number; incidents: number; crimes: number; total: number; crimeShare: number | null }[];
  /** Incidents and crimes, first full year against the last. */
  change: ChangeResult | null;
  /** Non-crime incidents, first full year against the last. */
  incidentChange: ChangeResult | null;
  crimeChange: ChangeResult | null;
  /** Last full year: distinct victims (pseudonyms). */
  victims: number;
  /** Last full year: victims with 2 or more records in that year. */
  repeatVictims: number;
  /** Last full year: share of records involving a repeat victim. */
  repeatRecordShare: number | null;
  /** Last full year: share of records the source flagged as a repeat victim; null when not supplied. */
  flaggedRepeatShare: number | null;
  /** Records per 1,000 residents in the last full year, across the force area. */
  peers: PeerComparison | null;
}

export interface CseDetail {
  kind: 'cse';
  byYear: { year: number; incidents: number; crimes: number }[];
  incidentChange: ChangeResult | null;
  crimeChange: ChangeResult | null;
  /** Each district's incidents in the first and last full years, and the percent change. */
  peers: { code: string; name: string; first: number; last: number; changePct: number | null; isArea: boolean }[];
  /** Rank of the area by incidents in the last full year (1 = most). */
  areaRankByCount: number | null;
  /** Rank of the area by increase in incidents (1 = largest). */
  areaRankByIncrease: number | null;
}

export interface AreaFigure {
  code: string;
  name: string;
  count: number | null;
  /** Per 100,000 residents of the age group. */
  ratePer100k: number | null;
}

export interface DrugsAlcoholDetail {
  kind: 'drugs-alcohol';
  /** Alcohol-related hospital admissions per financial year and age group, for the area and its comparators. */
  admissions: { period: string; ageGroup: string; area: AreaFigure | null; forceArea: AreaFigure | null; england: AreaFigure | null }[];
  /** People in treatment in the area per financial year. */
  treatment: { period: string; count: number | null }[];
  /** Police-recorded drug offences per calendar year in the area (data.police.uk 'Drugs'). */
  drugOffences: YearValue[];
  drugOffenceChange: ChangeResult | null;
}

export interface HateEventSpike {
  /** 'YYYY-MM-DD'. */
  date: string;
  label: string;
  /** Records in the `baselineDays` before the event. */
  before: number;
  /** Records in the `windowDays` from the event day. */
  after: number;
  baselineDays: number;
  windowDays: number;
  /** Percent change in the daily rate. */
  changePct: number | null;
  pValue: number;
  /** Benjamini-Hochberg adjusted over the configured events. */
  pAdjusted: number;
  /** A significant rise (one-sided test, adjusted). */
  spike: boolean;
}

export interface HateDetail {
  kind: 'hate';
  byYear: { year: number; incidents: number; crimes: number }[];
  change: ChangeResult | null;
  /** Records with each motivation strand in the full years (a record can have several). */
  strands: NamedCount[];
  /** Share of records that are racially motivated. */
  raceShare: number | null;
  /** The configured place (e.g. town centre) and the share of located records in it. */
  place: { name: string; count: number; share: number | null } | null;
  events: HateEventSpike[];
  /** Months ('YYYY-MM') above the 3-sigma upper limit of a c-chart of monthly counts. */
  unusualMonths: string[];
}

export interface FiresDetail {
  kind: 'fires';
  byYear: { year: number; deliberate: number; accidental: number; vehicle: number; primary: number; secondary: number; total: number }[];
  deliberateChange: ChangeResult | null;
  vehicleChange: ChangeResult | null;
  /** Causes of accidental fires in the full years. */
  accidentalCauses: NamedCount[];
  /**
   * Deliberate fires per district in the last full year; rank 1 = lowest ("third lowest" = 3), on the
   * rate per 1,000 residents when every district's residents are loaded (`rankBasis` 'rate'), else on counts.
   */
  forceArea: {
    year: number;
    rows: { code: string; name: string; count: number; /** Deliberate fires per 1,000 residents; null when ranked on counts. */ ratePer1000?: number | null; rankFromLowest: number; isArea: boolean }[];
    areaRankFromLowest: number | null;
    rankBasis?: 'rate' | 'count';
  } | null;
  /** Deliberate fires by locality in the full years, most first. */
  localities: NamedCount[];
}

export interface ReoffendingRow {
  /** Financial year of the cohort 'YYYY/YY'. */
  period: string;
  cohort: number;
  reoffenders: number;
  /** reoffenders / cohort. */
  rate: number | null;
  reoffencesPerReoffender: number | null;
  /** Average previous offences per offender. */
  previousOffences: number;
  forceAreaRate: number | null;
  nationalRate: number | null;
  forceAreaReoffencesPerReoffender: number | null;
  nationalReoffencesPerReoffender: number | null;
}

export interface ReoffendingSeries {
  offenderType: 'adult' | 'juvenile';
  rows: ReoffendingRow[];
  /** Latest period: exact binomial test of the area's rate against the national rate; `comparison` 'similar' when not significantly different. */
  againstNational: { period: string; difference: number; pValue: number; significant: boolean; comparison?: 'similar' | 'higher' | 'lower' } | null;
}

export interface YouthJusticeRow {
  /** Financial year 'YYYY/YY'. */
  period: string;
  count: number | null;
  /** Children cautioned or sentenced per 10,000 aged 10-17. */
  rate: number | null;
  /** Mean rate of the statistical neighbours with data for the period. */
  neighboursRate: number | null;
  neighboursWithData: number;
  englandRate: number | null;
}

export interface ReoffendingDetail {
  kind: 'reoffending';
  adult: ReoffendingSeries | null;
  juvenile: ReoffendingSeries | null;
  /** The Youth Justice Board indicator (children cautioned or sentenced), a juvenile indicator. */
  youthJustice: { neighbours: { code: string; name: string; hasData: boolean }[]; rows: YouthJusticeRow[] } | null;
}

export interface OcgDetail {
  kind: 'ocg';
  /** 'YYYY-MM-DD' of the register snapshot used (the latest on or before the assessment date). */
  snapshotDate: string;
  /** Active groups. */
  groups: number;
  /** Individuals mapped to active groups. */
  individuals: number;
  /** Active groups by activity; `primary` counts groups whose first-listed activity it is. */
  activities: { name: string; groups: number; primary: number }[];
  localities: { name: string; groups: number }[];
}

export interface PreventDetail {
  kind: 'prevent';
  total: number;
  byYear: YearValue[];
  bySource: NamedCount[];
  /** Whether the commonest source holds a majority ("mainly from") or only the largest share (under a half). */
  topSourceShare?: 'majority' | 'largest' | null;
  byConcern: NamedCount[];
  /** Share adopted as Channel cases; null when not supplied. */
  adoptedShare: number | null;
}

export interface PerceptionDetail {
  kind: 'perception';
  /** Results for the area itself in the assessed periods. */
  area: { period: string; question: string; shareAgreeing: number; respondents: number | null }[];
  /** Results for other areas (force area, national) loaded alongside. */
  other: { period: string; areaName: string; question: string; shareAgreeing: number }[];
}

export interface PoliceCategoriesDetail {
  kind: 'police';
  byYear: YearValue[];
  change: ChangeResult | null;
}
