/**
 * The reference assessment's scope (Safer Stockport Partnership 2016-17): five priority themes,
 * eleven issues, and the datasets and police categories feeding each. Used when a configuration
 * names no themes.
 */
import type { AreaConfig } from './area-config.ts';

export const defaultThemes: AreaConfig['themes'] = [
  {
    id: 'protecting-vulnerable-people',
    title: 'Protecting vulnerable people',
    issues: [
      { id: 'missing-from-home-or-care', title: 'Missing from home or care', categories: [], datasets: ['missing-episodes'], restricted: false },
      { id: 'domestic-abuse', title: 'Domestic abuse', categories: [], datasets: ['domestic-abuse'], restricted: false },
      { id: 'cse', title: 'Child sexual exploitation (CSE)', categories: [], datasets: ['cse'], restricted: true },
      { id: 'drugs-and-alcohol', title: 'Drugs and alcohol', categories: ['Drugs'], datasets: ['drugs-alcohol'], restricted: false },
      { id: 'hate-crime', title: 'Hate crime', categories: [], datasets: ['hate'], restricted: false },
    ],
  },
  {
    id: 'public-safety-and-protection',
    title: 'Public safety and protection',
    issues: [
      {
        id: 'crime',
        title: 'Crime',
        categories: [
          'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft', 'Possession of weapons', 'Public order',
          'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime', 'Violence and sexual offences',
        ],
        datasets: [],
        restricted: false,
      },
      { id: 'anti-social-behaviour', title: 'Anti-social behaviour', categories: ['Anti-social behaviour'], datasets: [], restricted: false },
      { id: 'fires', title: 'Fires', categories: [], datasets: ['fires'], restricted: false },
    ],
  },
  {
    id: 'transforming-justice',
    title: 'Transforming justice',
    issues: [{ id: 'reoffending', title: 'Reoffending', categories: [], datasets: ['reoffending', 'youth-justice', 'statistical-neighbours'], restricted: false }],
  },
  {
    id: 'serious-and-organised-crime',
    title: 'Serious and organised crime',
    issues: [{ id: 'organised-crime-groups', title: 'Organised crime groups', categories: [], datasets: ['ocg-register'], restricted: true }],
  },
  {
    id: 'radicalisation-and-extremism',
    title: 'Strategic priorities: radicalisation and extremism',
    issues: [{ id: 'prevent', title: 'Prevent', categories: [], datasets: ['prevent-referrals'], restricted: true }],
  },
];

/** National events around which hate incidents are tested for a spike, when a configuration names no `events`. */
export const defaultHateEvents: readonly { date: string; label: string }[] = [
  { date: '2016-06-23', label: 'the EU referendum' },
  { date: '2017-05-22', label: 'the Manchester Arena attack' },
];
