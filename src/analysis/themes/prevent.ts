import type { PreventDetail } from './types.ts';
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
