/** The three data.police.uk file kinds and their columns, in file order. */
export const policeKinds = {
  street: [
    'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name',
    'Crime type', 'Last outcome category', 'Context',
  ],
  outcomes: [
    'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name',
    'Outcome type',
  ],
  'stop-and-search': [
    'Type', 'Date', 'Part of a policing operation', 'Policing operation', 'Latitude', 'Longitude', 'Gender', 'Age range',
    'Self-defined ethnicity', 'Officer-defined ethnicity', 'Legislation', 'Object of search', 'Outcome',
    'Outcome linked to object of search', 'Removal of more than just outer clothing',
  ],
} as const;

export type PoliceKind = keyof typeof policeKinds;

/** data.police.uk crime types since May 2013 (ASB is a category of its own). */
export const policeCategories = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft',
  'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime',
  'Violence and sexual offences',
] as const;

export const ASB_CATEGORY = 'Anti-social behaviour';

/**
 * Labels used by data.police.uk before the May 2013 reclassification, mapped onto the nearest current
 * category. "Public disorder and weapons" split into Public order and Possession of weapons; it maps to
 * Public order, the larger part. A configuration's `crimeTypeMapping` overrides or extends these.
 */
export const legacyCategoryMapping: Readonly<Record<string, string>> = {
  'Violent crime': 'Violence and sexual offences',
  'Violence and sexual offences': 'Violence and sexual offences',
  'Public disorder and weapons': 'Public order',
  'Other theft': 'Other theft',
  'Anti-social behavior': 'Anti-social behaviour',
};
