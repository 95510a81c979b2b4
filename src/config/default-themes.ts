/**
 * The statutory scope of a strategic assessment, used when a configuration names no `themes`: what
 * every Community Safety Partnership must review (crime and disorder including anti-social behaviour,
 * substance misuse, reoffending; Crime and Disorder Act 1998 s.6 and the 2007 strategy regulations)
 * plus the vulnerability and serious-harm themes partnerships commonly add. It is a starting point,
 * not any partnership's priorities: the model marks them (`ThemeSection.defaultScope`) and the report says so, and a partnership sets
 * its own in its configuration (see config/stockport.yaml for one partnership's).
 */
import type { AreaConfig } from './area-config.ts';

const crimeCategories = [
  'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft', 'Possession of weapons', 'Public order',
  'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime', 'Violence and sexual offences',
];

export const defaultThemes: AreaConfig['themes'] = [
  {
    id: 'crime-and-disorder',
    title: 'Crime and disorder (statutory)',
    issues: [
      { id: 'crime', title: 'Crime', categories: crimeCategories, datasets: [], restricted: false },
      { id: 'anti-social-behaviour', title: 'Anti-social behaviour', categories: ['Anti-social behaviour'], datasets: [], restricted: false },
      { id: 'fires', title: 'Deliberate fires', categories: [], datasets: ['fires'], restricted: false },
    ],
  },
  {
    id: 'substance-misuse',
    title: 'Substance misuse (statutory)',
    issues: [{ id: 'drugs-and-alcohol', title: 'Drugs and alcohol', categories: ['Drugs'], datasets: ['drugs-alcohol'], restricted: false }],
  },
  {
    id: 'reoffending',
    title: 'Reoffending (statutory)',
    issues: [{ id: 'reoffending', title: 'Reoffending (adult and youth)', categories: [], datasets: ['reoffending', 'youth-justice', 'statistical-neighbours'], restricted: false }],
  },
  {
    id: 'vulnerability',
    title: 'Vulnerability',
    issues: [
      { id: 'domestic-abuse', title: 'Domestic abuse', categories: [], datasets: ['domestic-abuse'], restricted: false },
      { id: 'missing-from-home-or-care', title: 'Missing from home or care', categories: [], datasets: ['missing-episodes'], restricted: false },
      { id: 'cse', title: 'Child sexual exploitation (CSE)', categories: [], datasets: ['cse'], restricted: true },
      { id: 'hate-crime', title: 'Hate crime', categories: [], datasets: ['hate'], restricted: false },
    ],
  },
  {
    id: 'serious-harm',
    title: 'Serious and organised crime and extremism',
    issues: [
      { id: 'organised-crime-groups', title: 'Organised crime groups', categories: [], datasets: ['ocg-register'], restricted: true },
      { id: 'prevent', title: 'Prevent (radicalisation and extremism)', categories: [], datasets: ['prevent-referrals'], restricted: true },
    ],
  },
];

/** National events around which hate incidents are tested for a spike, when a configuration names no `events`. */
export const defaultHateEvents: readonly { date: string; label: string }[] = [
  { date: '2016-06-23', label: 'the EU referendum' },
  { date: '2017-05-22', label: 'the Manchester Arena attack' },
];
