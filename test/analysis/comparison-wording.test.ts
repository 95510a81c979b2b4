/** Decisions a sentence rests on are data: 'similar' when an interval contains the comparator; 'largest share' under a half. */
import { describe, expect, it } from 'vitest';
import { periodRange } from '../../src/analysis/period-change.ts';
import { peers, type PeerCounts } from '../../src/analysis/peers.ts';
import { prevent } from '../../src/analysis/themes/prevent.ts';
import { FULL_EDITION } from '../../src/render/words/edition.ts';
import { issueSentences } from '../../src/render/words/themes.ts';

const preventFindings = (d: ReturnType<typeof prevent>) => issueSentences(d, FULL_EDITION);

describe('comparison verdicts', () => {
  const d = (code: string, before: number, after: number): PeerCounts => ({ code, name: code, before, after, population: 100000, households: null });
  it("rates: 'similar' when the district's interval contains the force area's rate", () => {
    // Force rate = (1000 + 1600 + 1300) / 300,000 per 1,000 = 13.0. B's 95% interval (15.2 to 16.8) is above it.
    const r = peers({ measure: { label: 'Burglary', categories: [] }, area: 'A', forceAreaName: 'F', baseline: periodRange('2017-01', '2017-12'), window: periodRange('2018-01', '2018-12'), populationYear: 2017, districts: [d('A', 1300, 1300), d('B', 1500, 1600), d('C', 1000, 1000)], neighbours: [] });
    const by = new Map(r.groups[0]!.rows.map((x) => [x.code, x.versusForceAreaRate]));
    expect(Object.fromEntries(by)).toEqual({ A: 'similar', B: 'higher', C: 'lower' });
    expect(r.versusForceArea!.comparison).toBe(r.versusForceArea!.inLine ? 'similar' : 'more');
  });

  it("Prevent sources: 'the largest share' under a half, 'mainly' above", () => {
    const refs = (sources: string[]) => sources.map((source) => ({ year: 2016, source, concern: 'x', adopted: null }));
    const under = prevent({ referrals: refs(['Education', 'Education', 'Police', 'Health', 'Other']), years: [2016] });
    expect(under.topSourceShare).toBe('largest');
    expect(preventFindings(under)[0]).toContain('the largest share from education (40%)');
    const over = prevent({ referrals: refs(['Education', 'Education', 'Education', 'Police']), years: [2016] });
    expect(over.topSourceShare).toBe('majority');
    expect(preventFindings(over)[0]).toContain('mainly from education (75%)');
  });
});
