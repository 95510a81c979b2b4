/**
 * The shape of the synthetic partnership data: volumes and patterns set so the demonstration tells
 * the reference assessment's story (repeat-missing skew and out-of-area placements, CSE incidents
 * rising steeply, hate spikes after two national events with about 80% racially motivated, vehicle
 * fires rising, adult reoffending below England and Wales). They describe no real people or places.
 */

/** The demonstration's trend: Jan 2014 to Jun 2017, as config/stockport.yaml. */
export const DEMO_FROM = '2014-01-01';
export const DEMO_TO = '2017-06-30';
export const AREA = 'E08000007';
export const FORCE_AREA = { code: 'E11000001', name: 'Greater Manchester' } as const;
export const ENGLAND = { code: 'E92000001', name: 'England' } as const;
export const ENGLAND_AND_WALES = { code: 'K04000001', name: 'England and Wales' } as const;

/** Residents (approximate mid-2017) of the ten districts, the base of synthetic volumes. */
export const districtResidents: Readonly<Record<string, number>> = {
  E08000001: 285_000, E08000002: 190_000, E08000003: 545_000, E08000004: 235_000, E08000005: 220_000,
  E08000006: 250_000, E08000007: 291_000, E08000008: 225_000, E08000009: 235_000, E08000010: 325_000,
};

/** Domestic abuse records per 1,000 residents a year: Stockport lowest in the force area. */
export const domesticAbuseRate: Readonly<Record<string, number>> = {
  E08000001: 11, E08000002: 9.5, E08000003: 14, E08000004: 12, E08000005: 12.5, E08000006: 13, E08000007: 8, E08000008: 11.5, E08000009: 9, E08000010: 10,
};
/** Stockport's share of domestic abuse recorded as crime, by year: incidents fall as more are crimed. */
export const domesticAbuseCrimeShare: Readonly<Record<number, number>> = { 2014: 0.3, 2015: 0.36, 2016: 0.44, 2017: 0.48 };

/** CSE incidents and crimes a year in Stockport (the reference: 108 to 1,253 incidents, 3 to 21 crimes). */
export const cseStockport: Readonly<Record<number, { incidents: number; crimes: number }>> = {
  2014: { incidents: 108, crimes: 3 }, 2015: { incidents: 540, crimes: 9 }, 2016: { incidents: 1253, crimes: 21 }, 2017: { incidents: 640, crimes: 11 },
};

/** Hate records a day at baseline, and the multipliers after each event for four weeks. */
export const hateDailyRate = 0.85;
export const hateEvents: readonly { date: string; multiplier: number }[] = [
  { date: '2016-06-23', multiplier: 3 },
  { date: '2017-05-22', multiplier: 2.5 },
];
export const hateStrandWeights: readonly [string, number][] = [
  ['race', 0.8], ['religion', 0.07], ['sexual_orientation', 0.07], ['disability', 0.04], ['transgender_identity', 0.015], ['alternative_subculture', 0.005],
];
/** Share of located hate records in the configured town centre LSOAs. */
export const hateTownCentreShare = 0.35;
export const townCentreLsoas = ['E01005758', 'E01005872'] as const;

/** Deliberate fires per 1,000 residents a year; Stockport third lowest. Multiplied by a yearly trend. */
export const deliberateFireRate: Readonly<Record<string, number>> = {
  E08000001: 2.6, E08000002: 1.4, E08000003: 3.4, E08000004: 2.9, E08000005: 2.8, E08000006: 3.1, E08000007: 1.65, E08000008: 2.7, E08000009: 1.5, E08000010: 2.0,
};
export const deliberateFireTrend: Readonly<Record<number, number>> = { 2014: 1.1, 2015: 1.0, 2016: 0.92, 2017: 0.9 };
/** Share of deliberate fires that are vehicle fires, rising. */
export const vehicleShare: Readonly<Record<number, number>> = { 2014: 0.12, 2015: 0.13, 2016: 0.19, 2017: 0.21 };
export const accidentalFireRate = 0.65;
export const accidentalCauses: readonly [string, number][] = [
  ['cooking', 0.45], ['electrical', 0.15], ['smoking materials', 0.1], ['heating equipment', 0.08], ['candles and matches', 0.05], ['other', 0.12], ['not known', 0.05],
];
/** Stockport localities with more deliberate fires (weight per LSOA). */
export const fireRiskLocalities: Readonly<Record<string, number>> = { Central: 4, Reddish: 3, Edgeley: 3 };

/** Missing episodes a year in Stockport, rising. */
export const missingEpisodesPerYear: Readonly<Record<number, number>> = { 2014: 820, 2015: 960, 2016: 1180, 2017: 640 };
/** Share of episodes by the small group of children who go missing again and again. */
export const repeatMissingShare = 0.45;
export const repeatMissingChildren = 70;

/** Reoffending cohorts by financial year: [cohort, binary rate, reoffences per reoffender, previous offences]. */
export const reoffendingProfile: Readonly<Record<string, Readonly<Record<'adult' | 'juvenile', readonly [number, number, number, number][]>>>> = {
  [AREA]: {
    adult: [[2450, 0.225, 2.8, 14.1], [2400, 0.221, 2.85, 14.8], [2380, 0.218, 2.8, 15.6], [2350, 0.22, 2.9, 16.2]],
    juvenile: [[260, 0.41, 2.9, 2.6], [230, 0.4, 2.8, 2.8], [205, 0.38, 2.7, 3.0], [180, 0.35, 2.7, 3.1]],
  },
  [FORCE_AREA.code]: {
    adult: [[26000, 0.262, 3.2, 15.0], [25600, 0.265, 3.25, 15.5], [25200, 0.266, 3.3, 16.0], [24800, 0.268, 3.3, 16.4]],
    juvenile: [[3100, 0.39, 3.1, 2.7], [2800, 0.39, 3.1, 2.8], [2500, 0.4, 3.2, 3.0], [2300, 0.4, 3.2, 3.1]],
  },
  [ENGLAND_AND_WALES.code]: {
    adult: [[460000, 0.245, 3.1, 14.5], [452000, 0.247, 3.15, 15.0], [447000, 0.25, 3.2, 15.6], [440000, 0.251, 3.25, 16.0]],
    juvenile: [[45000, 0.377, 3.0, 2.7], [40000, 0.378, 3.1, 2.9], [36000, 0.383, 3.2, 3.1], [32000, 0.386, 3.3, 3.2]],
  },
};
export const reoffendingPeriods = ['2012/13', '2013/14', '2014/15', '2015/16'] as const;

/**
 * England and Wales comparators for the demonstration's rate window (the twelve months to DEMO_TO) and
 * the year before: [measure, period, count, residents]. Crime rising and ASB falling nationally, as
 * the reference describes; the figures are made up at a plausible scale.
 */
export const nationalComparators: readonly (readonly [string, string, number, number])[] = [
  ['Recorded crime', '2015-07 to 2016-06', 4_370_000, 58_381_200],
  ['Recorded crime', '2016-07 to 2017-06', 4_930_000, 58_744_600],
  ['Anti-social behaviour', '2015-07 to 2016-06', 1_950_000, 58_381_200],
  ['Anti-social behaviour', '2016-07 to 2017-06', 1_820_000, 58_744_600],
];

/** Alcohol-related admissions per 100,000 by financial year: Stockport above England and the force area. */
export const drugsAlcoholPeriods = ['2013/14', '2014/15', '2015/16', '2016/17'] as const;
export const admissionRates: Readonly<Record<string, Readonly<Record<'all ages' | 'under 18', readonly number[]>>>> = {
  [AREA]: { 'all ages': [790, 812, 835, 851], 'under 18': [61, 58, 55, 52] },
  [FORCE_AREA.code]: { 'all ages': [745, 760, 772, 790], 'under 18': [47, 45, 43, 41] },
  [ENGLAND.code]: { 'all ages': [640, 641, 647, 636], 'under 18': [40, 37, 36, 34] },
};
export const peopleInTreatment = [1410, 1475, 1560, 1648] as const;
export const residents: Readonly<Record<string, { all: number; under18: number }>> = {
  [AREA]: { all: 291_000, under18: 63_000 },
  [FORCE_AREA.code]: { all: 2_780_000, under18: 640_000 },
  [ENGLAND.code]: { all: 55_600_000, under18: 11_900_000 },
};

/** The OCG register at 31 March 2017: 11 groups, 46 individuals, mainly drugs, Central (Brinnington) the focus. */
export const ocgSnapshot = '2017-03-31';
export const ocgGroups: readonly [string, string, string, number][] = [
  ['OCG-01', 'drugs cultivation; drugs supply', 'Central', 6],
  ['OCG-02', 'drugs cultivation', 'Central; Reddish', 5],
  ['OCG-03', 'drugs supply; illegal money lending', 'Central', 4],
  ['OCG-04', 'illegal money lending', 'Central; Edgeley', 3],
  ['OCG-05', 'drugs cultivation; money laundering', 'Reddish', 5],
  ['OCG-06', 'drugs supply', 'Central', 4],
  ['OCG-07', 'acquisitive crime', 'Heatons', 3],
  ['OCG-08', 'drugs cultivation', 'Edgeley; Central', 4],
  ['OCG-09', 'illegal money lending; drugs supply', 'Central; Reddish', 5],
  ['OCG-10', 'drugs supply; firearms', 'Central', 4],
  ['OCG-11', 'drugs cultivation', 'Werneth', 3],
];

/** Prevent referrals a year (38 since 2014) and their sources and concerns. */
export const preventPerYear: Readonly<Record<number, number>> = { 2014: 8, 2015: 10, 2016: 13, 2017: 7 };
export const preventSources: readonly [string, number][] = [
  ['education', 0.5], ['police', 0.18], ['health', 0.1], ['local authority', 0.1], ['community', 0.04], ['family or friends', 0.04], ['other', 0.04],
];
export const preventConcerns: readonly [string, number][] = [['extreme right-wing', 0.4], ['islamist', 0.3], ['mixed, unclear or unstable', 0.25], ['other', 0.05]];

/** Perception results exist only for the force area (a consultation), not the district: a gap the report shows. */
export const perceptionResults: readonly [string, number, number][] = [
  ['Feel safe outside in the local area after dark', 2010, 0.71],
  ['Agree the police and council deal with the crime and ASB issues that matter', 1985, 0.54],
];
