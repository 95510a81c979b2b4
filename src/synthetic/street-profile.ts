/**
 * The shape of the synthetic police data: monthly volumes per category at the start of the trend,
 * growth to its end, seasonality and how concentrated each category is in the configured places
 * (town centres). Figures are set so the demonstration resembles the reference assessment's story
 * (recorded crime up about a fifth over three years, ASB slightly up then falling, a recent burglary
 * rise, a town-centre concentration); they describe no real area.
 */
export interface CategoryProfile {
  /** Incidents per month at the start of the trend. */
  monthly: number;
  /** Multiplier reached by the last full year (1.3 = +30%). */
  growth: number;
  /** Extra multiplier over the final six months (a recent rise). */
  recent: number;
  /** Amplitude of the seasonal cycle (0.1 = +/-10%), peaking in `peakMonth` (1-12). */
  seasonality: number;
  peakMonth: number;
  /** How many times more likely an incident is in a configured place than elsewhere, per resident. */
  placeWeight: number;
  /** Share with no known location (no coordinates, no LSOA). */
  unlocated: number;
}

/**
 * Month-to-month coefficient of variation of the underlying rate: each month's count is a gamma-Poisson
 * mix, Poisson(λ) with λ ~ Gamma(mean, CV), so its variance is mean · (1 + mean · CV²). Fitted to the
 * real Greater Manchester burglary series (police/gmp-burglary-points-2016-02-to-2019-01.csv, 36 months,
 * mean 2,574 a month): its dispersion after trend and season (quasi-Poisson Pearson χ²/df of a
 * log-linear trend + calendar-month fit) is 25.6, so CV² = (25.6 − 1) / 2,574 = 0.0096, CV = 0.098.
 * A district with a tenth of the force's counts then shows a dispersion of about 1 + 0.1 × 24.6 ≈ 3.5,
 * within the 1.6 to 10 the real districts show.
 */
export const MONTHLY_RATE_CV = 0.098;

export const referenceShapedProfile: Readonly<Record<string, CategoryProfile>> = {
  'Anti-social behaviour': { monthly: 860, growth: 1.09, recent: 0.9, seasonality: 0.15, peakMonth: 7, placeWeight: 5, unlocated: 0.002 },
  'Violence and sexual offences': { monthly: 330, growth: 1.8, recent: 1.0, seasonality: 0.08, peakMonth: 7, placeWeight: 4, unlocated: 0.02 },
  'Criminal damage and arson': { monthly: 190, growth: 1.17, recent: 1.0, seasonality: 0.06, peakMonth: 10, placeWeight: 2, unlocated: 0.004 },
  Burglary: { monthly: 165, growth: 1.12, recent: 1.3, seasonality: 0.12, peakMonth: 12, placeWeight: 2, unlocated: 0.002 },
  'Vehicle crime': { monthly: 150, growth: 1.17, recent: 1.05, seasonality: 0.07, peakMonth: 11, placeWeight: 2, unlocated: 0.002 },
  'Other theft': { monthly: 145, growth: 1.22, recent: 1.0, seasonality: 0.05, peakMonth: 8, placeWeight: 5, unlocated: 0.01 },
  Shoplifting: { monthly: 135, growth: 1.29, recent: 1.0, seasonality: 0.08, peakMonth: 12, placeWeight: 25, unlocated: 0.001 },
  'Public order': { monthly: 70, growth: 2.01, recent: 1.0, seasonality: 0.08, peakMonth: 7, placeWeight: 6, unlocated: 0.01 },
  Drugs: { monthly: 45, growth: 0.78, recent: 0.95, seasonality: 0.05, peakMonth: 6, placeWeight: 4, unlocated: 0.004 },
  'Other crime': { monthly: 30, growth: 1.51, recent: 1.0, seasonality: 0.03, peakMonth: 6, placeWeight: 2, unlocated: 0.05 },
  'Bicycle theft': { monthly: 22, growth: 1.22, recent: 1.0, seasonality: 0.3, peakMonth: 7, placeWeight: 4, unlocated: 0.002 },
  'Theft from the person': { monthly: 14, growth: 1.29, recent: 1.0, seasonality: 0.1, peakMonth: 12, placeWeight: 13, unlocated: 0.01 },
  Robbery: { monthly: 12, growth: 1.36, recent: 1.0, seasonality: 0.1, peakMonth: 12, placeWeight: 4, unlocated: 0.005 },
  'Possession of weapons': { monthly: 7, growth: 1.58, recent: 1.0, seasonality: 0.05, peakMonth: 7, placeWeight: 5, unlocated: 0.01 },
};

/** Outcomes recorded against crimes (ASB has none), roughly in data.police.uk proportions. */
export const syntheticOutcomes: readonly [string, number][] = [
  ['Investigation complete; no suspect identified', 0.38],
  ['Unable to prosecute suspect', 0.22],
  ['Under investigation', 0.1],
  ['Offender given a caution', 0.04],
  ['Local resolution', 0.05],
  ['Awaiting court outcome', 0.06],
  ['Offender sent to prison', 0.04],
  ['Offender fined', 0.03],
  ['Formal action is not in the public interest', 0.03],
  ['Further investigation is not in the public interest', 0.02],
  ['Court result unavailable', 0.03],
];

export const syntheticStreetNames: readonly string[] = [
  'High Street', 'Church Road', 'Station Road', 'Park Avenue', 'Mill Lane', 'Victoria Road', 'Green Lane', 'Manchester Road',
  'School Lane', 'Parking Area', 'Supermarket', 'Shopping Area', 'Sports/Recreation Area', 'Petrol Station', 'Nightclub',
  'Hospital', 'Bus/Coach Station', 'Conference/Exhibition Centre', 'Further/Higher Educational Building', 'Police Station',
  'Theatre/Concert Hall', 'Park/Open Space', 'Pedestrian Subway', 'Albert Road', 'Bridge Street', 'London Road',
  'Queens Road', 'North Street', 'Oak Avenue', 'Beech Grove', 'Elm Close', 'Hall Street',
];
