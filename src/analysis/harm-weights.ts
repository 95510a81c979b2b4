/**
 * Default harm weights per data.police.uk category.
 *
 * Source: Office for National Statistics (2016), "Research outputs: developing a Crime Severity Score
 * for England and Wales using data on crimes recorded by the police", 29 November 2016. The Crime
 * Severity Score weighs each Home Office offence code by the average number of days in custody its
 * sentences carry (non-custodial sentences converted to day equivalents): murder about 7,900,
 * possession of cannabis about 3.
 *
 * Approximation: data.police.uk publishes 14 broad categories, not offence codes, so only one weight
 * per category is possible. The values below are csp-assess's rounded, volume-weighted category
 * averages in the spirit of those offence weights (e.g. Burglary mixes domestic and non-domestic
 * burglary; Violence and sexual offences mixes common assault, injury and rape). They are indicative,
 * not ONS figures: any output using them says so, and a partnership can replace them with its own
 * (for example from the current ONS weights table) through `harmWeights` in the area configuration.
 * Anti-social behaviour is not a crime and has no weight.
 */
export const DEFAULT_HARM_WEIGHTS: Readonly<Record<string, number>> = {
  'Violence and sexual offences': 125,
  Robbery: 450,
  Burglary: 250,
  'Possession of weapons': 100,
  'Other crime': 100,
  Drugs: 40,
  'Theft from the person': 45,
  'Vehicle crime': 30,
  'Public order': 25,
  'Criminal damage and arson': 20,
  'Other theft': 15,
  'Bicycle theft': 10,
  Shoplifting: 8,
};

export const HARM_SOURCE =
  'ONS (2016) Research outputs: developing a Crime Severity Score for England and Wales using data on crimes recorded by the police';

export const DEFAULT_HARM_LABEL =
  'Harm-weighted using approximate category-level averages of ONS Crime Severity Score weights (days of custody per offence); an approximation, since data.police.uk categories mix offences of very different severity';

export const CONFIGURED_HARM_LABEL = 'Harm-weighted using the weights configured for this partnership (harmWeights), applied per category';
