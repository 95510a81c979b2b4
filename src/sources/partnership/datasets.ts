/**
 * The partnership datasets as data: one template per partner extract (DOMAIN.md, "Partnership
 * data"), with each column's type, whether it is required, its allowed values, an example and a
 * description. Templates, validation, the store tables and docs/partnership-templates.md all come
 * from these definitions.
 */
import { cspError } from '../../errors.ts';
import { castSql, type ColumnKind, type ColumnRule, type ColumnSpec } from './column-types.ts';

export interface DatasetSpec {
  /** The name used on the command line: `csp-assess template NAME`, `ingest partner NAME FILE`. */
  name: string;
  title: string;
  description: string;
  /** Store table (src/store/migrations/010-partnership.sql). */
  table: string;
  /** Restricted datasets feed restricted issues, left out of public outputs. */
  restricted: boolean;
  columns: readonly ColumnSpec[];
  /**
   * SQL expressions over the stored columns. Stored rows sharing a key with the file's rows are
   * replaced, so a re-supplied extract replaces the old one and loading a file twice changes nothing.
   * Empty: the file replaces the whole table.
   */
  replaceKey: readonly string[];
  replaceKeyDescription: string;
  /** Checks across columns, after each column's own checks. */
  rowRules?: readonly ColumnRule[];
}

type Extra = Partial<Pick<ColumnSpec, 'allowed' | 'min' | 'max'>>;

function col(name: string, kind: ColumnKind, required: boolean, example: string, description: string, extra: Extra = {}): ColumnSpec {
  return { name, kind, required, example, description, ...extra };
}

const by = (c: ColumnSpec) => castSql(c);

const areaCode = col('area_code', 'ons-code', true, 'E08000007', 'ONS code of the district (local authority) the record belongs to.');
const areaName = col('area_name', 'text', true, 'Stockport', 'Name of the area.');
const incidentDate = col('incident_date', 'date', true, '2016-06-24', 'Date the incident happened or was reported.');
const lsoa = col('lsoa_code', 'lsoa', false, 'E01005758', 'LSOA where it happened; empty when not known.');
const financialYear = col('period', 'financial-year', true, '2016/17', 'Financial year (April to March) the figures cover.');
const recordType = col('record_type', 'choice', true, 'crime', 'Whether it was recorded as a crime or logged as a non-crime incident.', {
  allowed: ['incident', 'crime'],
});
const monthOf = (column: string) => `date_trunc('month', ${column})`;

const strands = ['race', 'religion', 'sexual_orientation', 'disability', 'transgender_identity', 'alternative_subculture'] as const;
export const hateStrands: readonly string[] = strands;

const missingColumns = [
  col('person_id', 'person-id', true, 'MP-004127', "The missing person's identifier in the source system (pseudonymised on load)."),
  col('date_reported', 'date', true, '2016-03-14', 'Date the person was reported missing.'),
  col('date_found', 'date', false, '2016-03-15', 'Date the person was found or returned; empty while still missing.'),
  col('age', 'integer', true, '15', 'Age in years when reported missing.', { min: 0, max: 120 }),
  col('looked_after', 'flag', true, 'Y', 'Y when the person is a looked-after child.'),
  col('placing_authority', 'text', false, 'Derbyshire', 'Authority that placed a looked-after child; empty otherwise.'),
  col('out_of_area', 'flag', true, 'Y', 'Y when a looked-after child was placed in the area by another authority.'),
  lsoa,
  col('risk', 'choice', true, 'medium', 'Risk grading when reported.', { allowed: ['no apparent risk', 'low', 'medium', 'high'] }),
];
const [, dateReported, dateFound, , lookedAfter, , outOfArea] = missingColumns as [ColumnSpec, ColumnSpec, ColumnSpec, ColumnSpec, ColumnSpec, ColumnSpec, ColumnSpec];

const hateStrandColumns = strands.map((s) =>
  col(s, 'flag', true, s === 'race' ? 'Y' : 'N', `Y when the incident was perceived to be motivated by hostility on grounds of ${s.replace(/_/g, ' ')}.`),
);

const reoffendingCounts = {
  cohort: col('cohort', 'integer', true, '1520', 'Offenders in the cohort (cautioned, convicted or released in the period).', { min: 0 }),
  reoffenders: col('reoffenders', 'integer', true, '410', 'Offenders in the cohort who committed a proven reoffence within a year.', { min: 0 }),
  reoffences: col('reoffences', 'integer', true, '1290', 'Proven reoffences committed by the reoffenders.', { min: 0 }),
};

const nationalColumns = {
  measure: col('measure', 'text', true, 'Burglary', "What is counted: a police crime category as data.police.uk names it, 'Anti-social behaviour' or 'Recorded crime' (all crime)."),
  period: col('period', 'text', true, '2018-02 to 2019-01', "Months covered: 'YYYY-MM to YYYY-MM', or a calendar year 'YYYY'. Compared only when it is exactly the assessment's rate window or the year before it."),
  count: col('count', 'integer', false, '399564', 'Incidents in the period; give it with population, or give rate_per_1000.', { min: 0 }),
  population: col('population', 'integer', false, '59115809', 'Residents (mid-year estimate) the rate is per.', { min: 1 }),
  rate: col('rate_per_1000', 'number', false, '6.76', 'Incidents per 1,000 residents, when count and population are not given.', { min: 0 }),
};

const drugsAlcoholCount = col('count', 'integer', false, '2450', 'Admissions or people; empty when only a rate is published.', { min: 0 });
const drugsAlcoholRate = col('rate_per_100000', 'number', false, '812.5', 'Rate per 100,000 residents of the age group (directly standardised where published so).', { min: 0 });

export const partnershipDatasets: readonly DatasetSpec[] = [
  {
    name: 'missing-episodes',
    title: 'Missing from home or care',
    description: 'One row per missing episode, from the police or children’s services missing persons system.',
    table: 'partner_missing_episodes',
    restricted: false,
    columns: missingColumns,
    replaceKey: [monthOf('date_reported')],
    replaceKeyDescription: 'month of date_reported: the file replaces every stored episode reported in a month it holds',
    rowRules: [
      {
        column: 'date_found',
        violated: `${by(dateFound)} < ${by(dateReported)}`,
        message: (v) => `"date_found" is "${v ?? ''}": before date_reported`,
      },
      {
        column: 'out_of_area',
        violated: `${by(outOfArea)} AND NOT ${by(lookedAfter)}`,
        message: () => '"out_of_area" is Y but "looked_after" is N: only looked-after children are placed',
      },
    ],
  },
  {
    name: 'domestic-abuse',
    title: 'Domestic abuse incidents and crimes',
    description: 'One row per domestic abuse incident or crime, for the area and the other districts of the force area.',
    table: 'partner_domestic_abuse',
    restricted: false,
    columns: [
      incidentDate,
      areaCode,
      lsoa,
      recordType,
      col('victim_id', 'person-id', true, 'V-118733', "The victim's identifier in the source system (pseudonymised on load)."),
      col('repeat_victim', 'flag', false, 'N', 'Y when the source system flags the victim as a repeat victim.'),
      col('risk', 'choice', false, 'standard', 'DASH risk grading.', { allowed: ['standard', 'medium', 'high'] }),
    ],
    replaceKey: ['area_code', monthOf('incident_date')],
    replaceKeyDescription: 'area_code and month of incident_date',
  },
  {
    name: 'cse',
    title: 'Child sexual exploitation incidents and crimes',
    description: 'One row per CSE-flagged incident or crime, for the area and the other districts of the force area.',
    table: 'partner_cse',
    restricted: true,
    columns: [incidentDate, areaCode, col('locality', 'text', false, 'Central', 'Locality (as the partnership names them); empty when not known.'), recordType],
    replaceKey: ['area_code', monthOf('incident_date')],
    replaceKeyDescription: 'area_code and month of incident_date',
  },
  {
    name: 'hate',
    title: 'Hate incidents and crimes',
    description: 'One row per hate incident or crime, with a Y/N column for each monitored motivation strand (an incident can have several).',
    table: 'partner_hate',
    restricted: false,
    columns: [incidentDate, areaCode, lsoa, recordType, ...hateStrandColumns],
    replaceKey: ['area_code', monthOf('incident_date')],
    replaceKeyDescription: 'area_code and month of incident_date',
    rowRules: [
      {
        column: 'race',
        violated: `NOT coalesce(${hateStrandColumns.map(by).join(' OR ')}, false)`,
        message: () => `no motivation strand is Y: at least one of ${strands.join(', ')} must be Y`,
      },
    ],
  },
  {
    name: 'fires',
    title: 'Fire incidents',
    description: 'One row per fire attended by the fire and rescue service, for the area and the other districts of the force area.',
    table: 'partner_fires',
    restricted: false,
    columns: [
      incidentDate,
      areaCode,
      lsoa,
      col('fire_type', 'choice', true, 'secondary', 'Primary (buildings, casualties), secondary (refuse, grass, derelict) or vehicle fire.', {
        allowed: ['primary', 'secondary', 'vehicle'],
      }),
      col('motive', 'choice', true, 'deliberate', 'Whether the fire was started deliberately.', { allowed: ['deliberate', 'accidental', 'not known'] }),
      col('cause', 'choice', false, 'cooking', 'Main cause, as recorded in the incident recording system.', {
        allowed: ['cooking', 'smoking materials', 'electrical', 'heating equipment', 'candles and matches', 'deliberate ignition', 'other', 'not known'],
      }),
    ],
    replaceKey: ['area_code', monthOf('incident_date')],
    replaceKeyDescription: 'area_code and month of incident_date',
  },
  {
    name: 'drugs-alcohol',
    title: 'Drugs and alcohol: hospital admissions and treatment',
    description: 'Alcohol-related hospital admissions by age group and people in drug and alcohol treatment, per financial year, for the area, the force area and England.',
    table: 'partner_drugs_alcohol',
    restricted: false,
    columns: [
      financialYear,
      areaCode,
      areaName,
      col('measure', 'choice', true, 'alcohol-related admissions', 'What is counted.', { allowed: ['alcohol-related admissions', 'people in treatment'] }),
      col('age_group', 'choice', true, 'all ages', 'Age group the figures cover.', { allowed: ['all ages', 'under 18'] }),
      drugsAlcoholCount,
      drugsAlcoholRate,
    ],
    replaceKey: ['period', 'area_code', 'measure', 'age_group'],
    replaceKeyDescription: 'period, area_code, measure and age_group',
    rowRules: [
      {
        column: 'count',
        violated: `${by(drugsAlcoholCount)} IS NULL AND ${by(drugsAlcoholRate)} IS NULL`,
        message: () => 'neither "count" nor "rate_per_100000" is given',
      },
    ],
  },
  {
    name: 'reoffending',
    title: 'Proven reoffending cohorts',
    description: 'Ministry of Justice proven reoffending figures per cohort year, adult and juvenile, for the area, the force area and England and Wales.',
    table: 'partner_reoffending',
    restricted: false,
    columns: [
      financialYear,
      areaCode,
      areaName,
      col('offender_type', 'choice', true, 'adult', 'Adult (18 and over) or juvenile (10 to 17) cohort.', { allowed: ['adult', 'juvenile'] }),
      reoffendingCounts.cohort,
      reoffendingCounts.reoffenders,
      reoffendingCounts.reoffences,
      col('previous_offences', 'number', true, '14.2', 'Average previous offences per offender in the cohort.', { min: 0 }),
    ],
    replaceKey: ['period', 'area_code', 'offender_type'],
    replaceKeyDescription: 'period, area_code and offender_type',
    rowRules: [
      {
        column: 'reoffenders',
        violated: `${by(reoffendingCounts.reoffenders)} > ${by(reoffendingCounts.cohort)}`,
        message: (v) => `"reoffenders" is "${v ?? ''}": more than the cohort`,
      },
      {
        column: 'reoffences',
        violated: `${by(reoffendingCounts.reoffences)} < ${by(reoffendingCounts.reoffenders)}`,
        message: (v) => `"reoffences" is "${v ?? ''}": fewer than the reoffenders`,
      },
    ],
  },
  {
    name: 'youth-justice',
    title: 'Children cautioned or sentenced (Youth Justice Board)',
    description: 'The Youth Justice Board indicator as published by Trafford Data Lab: counts and rates per 10,000 aged 10-17 by local authority and year.',
    table: 'partner_youth_justice',
    restricted: false,
    columns: [
      areaCode,
      areaName,
      col('area_type', 'text', true, 'UA', 'Type of area (UA, Country).'),
      financialYear,
      col('indicator', 'text', true, 'Children cautioned or sentenced', 'Indicator name.'),
      col('measure', 'choice', true, 'Per 10,000 aged 10-17', 'Count or rate.', { allowed: ['Count', 'Per 10,000 aged 10-17'] }),
      col('unit', 'text', true, 'Children', 'Unit counted.'),
      col('value', 'number', true, '51', 'The count or rate.', { min: 0 }),
      col('compared_to_England', 'text', false, 'NA', 'As published; not used.'),
      col('inequality', 'text', false, 'NA', 'As published; not used.'),
    ],
    replaceKey: ['area_code', 'period', 'indicator', 'measure'],
    replaceKeyDescription: 'area_code, period, indicator and measure',
  },
  {
    name: 'statistical-neighbours',
    title: 'Statistical neighbour group',
    description: 'One statistical neighbour group (e.g. CIPFA nearest neighbours), one authority per row. The area itself may be listed; it is left out of its own peers.',
    table: 'partner_statistical_neighbours',
    restricted: false,
    columns: [col('area_code', 'ons-code', true, 'E08000029', 'ONS code of a member authority.'), col('area_name', 'text', true, 'Solihull', 'Its name.')],
    replaceKey: [],
    replaceKeyDescription: 'the whole table: one group is held at a time',
  },
  {
    name: 'national-comparators',
    title: 'England and Wales comparators',
    description:
      "England and Wales (or other national) figures for the measures the assessment compares, one row per measure and period (e.g. from ONS 'Crime in England and Wales' tables). The peers section sets the area's rate beside the national rate over the same months, and the national change where the year before is given.",
    table: 'partner_national_comparators',
    restricted: false,
    columns: [
      nationalColumns.measure,
      nationalColumns.period,
      col('area_code', 'ons-code', true, 'K04000001', 'ONS code of the comparator area (K04000001 England and Wales).'),
      col('area_name', 'text', true, 'England and Wales', 'Its name.'),
      nationalColumns.count,
      nationalColumns.population,
      nationalColumns.rate,
    ],
    replaceKey: ['measure', 'period', 'area_code'],
    replaceKeyDescription: 'measure, period and area_code',
    rowRules: [
      {
        column: 'rate_per_1000',
        violated: `${by(nationalColumns.rate)} IS NULL AND (${by(nationalColumns.count)} IS NULL OR ${by(nationalColumns.population)} IS NULL)`,
        message: () => 'neither rate_per_1000 nor both count and population are given',
      },
      {
        column: 'period',
        violated: `NOT regexp_matches(${by(nationalColumns.period)}, '^(\\d{4}|\\d{4}-(0[1-9]|1[0-2]) to \\d{4}-(0[1-9]|1[0-2]))$')`,
        message: (v) => `"period" is "${v ?? ''}": expected YYYY-MM to YYYY-MM or a year YYYY`,
      },
    ],
  },
  {
    name: 'ocg-register',
    title: 'Organised crime group register',
    description: 'The organised crime groups mapped in the area at a snapshot date, one row per group. Restricted: held for cleared roles only.',
    table: 'partner_ocg_register',
    restricted: true,
    columns: [
      col('snapshot_date', 'date', true, '2017-03-31', 'Date of the register snapshot.'),
      col('group_id', 'text', true, 'OCG-07', 'Group reference in the register (a group, not a person).'),
      col('status', 'choice', true, 'active', 'Status at the snapshot.', { allowed: ['active', 'archived'] }),
      col('activities', 'list', true, 'drugs cultivation; drugs supply', 'Main activities, most important first.', {
        allowed: [
          'drugs cultivation', 'drugs supply', 'illegal money lending', 'acquisitive crime', 'firearms', 'money laundering', 'modern slavery',
          'child sexual exploitation', 'fraud', 'organised immigration crime', 'other',
        ],
      }),
      col('localities', 'list', true, 'Central; Reddish', 'Localities affected (as the partnership names them).'),
      col('individuals', 'integer', true, '5', 'Individuals mapped to the group.', { min: 0 }),
    ],
    replaceKey: ['snapshot_date'],
    replaceKeyDescription: 'snapshot_date: a snapshot replaces the stored one of the same date',
  },
  {
    name: 'prevent-referrals',
    title: 'Prevent / Channel referrals',
    description: 'One row per Prevent referral considered by the Channel panel. Restricted: held for cleared roles only.',
    table: 'partner_prevent_referrals',
    restricted: true,
    columns: [
      col('referral_date', 'date', true, '2016-11-02', 'Date of the referral.'),
      col('referral_source', 'choice', true, 'education', 'Sector that made the referral.', {
        allowed: ['education', 'police', 'health', 'local authority', 'community', 'family or friends', 'other'],
      }),
      col('concern', 'choice', true, 'extreme right-wing', 'Type of concern.', {
        allowed: ['islamist', 'extreme right-wing', 'left-wing', 'mixed, unclear or unstable', 'other'],
      }),
      col('adopted', 'flag', false, 'N', 'Y when the panel adopted the referral as a Channel case.'),
    ],
    replaceKey: [monthOf('referral_date')],
    replaceKeyDescription: 'month of referral_date',
  },
  {
    name: 'perception-survey',
    title: 'Public perception survey results',
    description: 'One row per survey question, area and period: the share of respondents agreeing.',
    table: 'partner_perception_survey',
    restricted: false,
    columns: [
      financialYear,
      areaCode,
      areaName,
      col('question', 'text', true, 'Feel safe outside after dark', 'The question or statement, as asked.'),
      col('respondents', 'integer', false, '812', 'Respondents answering the question.', { min: 0 }),
      col('share_agreeing', 'number', true, '0.71', 'Share agreeing, 0 to 1.', { min: 0, max: 1 }),
    ],
    replaceKey: ['period', 'area_code', 'question'],
    replaceKeyDescription: 'period, area_code and question',
  },
];

export type PartnershipDatasetName = (typeof partnershipDatasets)[number]['name'];

export function findDataset(name: string): DatasetSpec {
  const spec = partnershipDatasets.find((d) => d.name === name);
  if (!spec) {
    throw cspError('CSP_ERR_USAGE', `unknown partnership dataset "${name}": expected one of ${partnershipDatasets.map((d) => d.name).join(', ')}`);
  }
  return spec;
}

/** Columns holding person identifiers, which the loader pseudonymises. */
export function personIdColumns(spec: DatasetSpec): ColumnSpec[] {
  return spec.columns.filter((c) => c.kind === 'person-id');
}
