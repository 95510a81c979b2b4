import type { MissingDetail } from './types.ts';
import { type DispersionFit, bump, namedCounts, share, yearChange } from './common.ts';

export interface MissingEpisode {
  /** Pseudonym of the person. */
  person: string;
  year: number;
  lookedAfter: boolean;
  outOfArea: boolean;
  locality: string | null;
}

/** People with this many episodes or more are counted as repeatedly missing (the reference's "3+"). */
export const REPEAT_MISSING_EPISODES = 3;

/**
 * Missing from home or care over the full years: episodes and people, repeat missing people (3+
 * episodes) and their share of episodes, looked-after children and out-of-area placements, and the
 * change in episodes from the first full year to the last. Episodes outside `years` are ignored.
 */
export function missingEpisodes(input: { episodes: readonly MissingEpisode[]; years: readonly number[]; /** Of the monthly episodes. */ dispersion?: DispersionFit }, options: { significance: number }): MissingDetail {
  const inYears = input.episodes.filter((e) => input.years.includes(e.year));
  const perPerson = new Map<string, number>();
  const byYear = new Map<number, { episodes: number; people: Set<string> }>(input.years.map((y) => [y, { episodes: 0, people: new Set() }]));
  const lookedAfter = new Set<string>();
  const outOfArea = new Set<string>();
  const localities = new Map<string, number>();
  let lookedAfterEpisodes = 0;
  let outOfAreaEpisodes = 0;
  for (const e of inYears) {
    bump(perPerson, e.person);
    const y = byYear.get(e.year)!;
    y.episodes++;
    y.people.add(e.person);
    if (e.lookedAfter) {
      lookedAfter.add(e.person);
      lookedAfterEpisodes++;
    }
    if (e.outOfArea) {
      outOfArea.add(e.person);
      outOfAreaEpisodes++;
    }
    if (e.locality) bump(localities, e.locality);
  }
  const repeat = [...perPerson.values()].filter((n) => n >= REPEAT_MISSING_EPISODES);
  const repeatEpisodes = repeat.reduce((a, b) => a + b, 0);
  return {
    kind: 'missing',
    byYear: [...byYear.entries()].map(([year, v]) => ({ year, episodes: v.episodes, people: v.people.size })),
    episodes: inYears.length,
    people: perPerson.size,
    repeatPeople: repeat.length,
    repeatEpisodes,
    repeatShare: share(repeatEpisodes, inYears.length),
    maxEpisodesPerPerson: Math.max(0, ...perPerson.values()),
    lookedAfterPeople: lookedAfter.size,
    lookedAfterEpisodes,
    outOfAreaPeople: outOfArea.size,
    outOfAreaEpisodes,
    outOfAreaShareOfLookedAfter: share(outOfAreaEpisodes, lookedAfterEpisodes),
    localities: namedCounts(localities),
    change: yearChange((y) => byYear.get(y)?.episodes ?? 0, input.years, options.significance, input.dispersion ?? null),
  };
}
