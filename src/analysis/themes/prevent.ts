import type { PreventDetail } from '../../assessment/themes-model.ts';
import { bump, namedCounts, share } from './common.ts';

export interface PreventReferral {
  year: number;
  source: string;
  concern: string;
  adopted: boolean | null;
}

/** Prevent / Channel referrals: by year, by referral source and by type of concern. */
export function prevent(input: { referrals: readonly PreventReferral[]; years: readonly number[] }): PreventDetail {
  const sources = new Map<string, number>();
  const concerns = new Map<string, number>();
  const years = new Map<number, number>(input.years.map((y) => [y, 0]));
  for (const r of input.referrals) {
    bump(sources, r.source);
    bump(concerns, r.concern);
    bump(years, r.year);
  }
  const withAdopted = input.referrals.filter((r) => r.adopted !== null);
  const bySource = namedCounts(sources);
  const top = bySource[0]?.share ?? null;
  return {
    kind: 'prevent',
    total: input.referrals.length,
    byYear: [...years.entries()].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })),
    bySource,
    topSourceShare: top === null ? null : top > 0.5 ? 'majority' : 'largest',
    byConcern: namedCounts(concerns),
    adoptedShare: withAdopted.length ? share(withAdopted.filter((r) => r.adopted).length, withAdopted.length) : null,
  };
}

export function preventFindings(d: PreventDetail): string[] {
  const first = d.byYear[0]?.year;
  return [
    `${d.total} Prevent referrals${first !== undefined ? ` since ${first}` : ''}${d.bySource[0] ? `, ${d.topSourceShare === 'majority' ? 'mainly from' : 'the largest share from'} ${d.bySource[0].name} (${Math.round((d.bySource[0].share ?? 0) * 100)}%)` : ''}.`,
    ...(d.byConcern[0] ? [`The most common concern was ${d.byConcern[0].name}.`] : []),
  ];
}
