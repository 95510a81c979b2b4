import { describe, expect, it } from 'vitest';
import { type PriorityIssueInput, harmWeightBand, scorePriorities, volumeBand } from '../../src/analysis/priorities.ts';

const base: PriorityIssueInput = {
  id: 'x',
  title: 'X',
  theme: 'T',
  restricted: false,
  harm: null,
  harmWeight: null,
  volume: 500,
  volumeLabel: 'count 2016',
  trend: null,
  workshop: null,
  position: null,
  data: { hasData: true, synthetic: false, coverage: 1 },
};

describe('priority matrix', () => {
  it('bands volume and harm weight on log scales', () => {
    expect([5, 50, 500, 5000, 50000].map((v) => volumeBand(v, 5))).toEqual([1, 2, 3, 4, 5]);
    expect([5, 20, 60, 250, 450].map((w) => harmWeightBand(w, 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it('scores harm × likelihood plus weighted concern and position, by hand', () => {
    const r = scorePriorities(
      [
        {
          ...base,
          id: 'a',
          title: 'A',
          harm: { physical: 4, psychological: 5, financial: 2, community: 2, vulnerability: 5 },
          trend: { direction: 'rose', pValue: 0.001 },
          workshop: { localities: 9, of: 9 },
          position: { capacity: 3, capability: 2 },
        },
        { ...base, id: 'b', title: 'B', harmWeight: 250, volume: 5000, trend: { direction: 'fell', pValue: 0.01 } },
      ],
      { risk: 1, concern: 2, position: 2 },
      5,
    );
    const a = r.issues.find((i) => i.id === 'a')!;
    // harm mean 3.6; likelihood volume 3 + 1 rise = 4; risk 14.4; concern 5; position 2.5 → 14.4 + 10 + 5 = 29.4
    expect(a).toMatchObject({ harm: 3.6, likelihood: 4, risk: 14.4, concern: 5, position: 2.5, score: 29.4, harmSource: 'analyst' });
    const b = r.issues.find((i) => i.id === 'b')!;
    // harm band 4; likelihood 4 - 1 = 3; risk 12; concern 1 (no workshop); position 3 (mid, not entered) → 12 + 2 + 6 = 20
    expect(b).toMatchObject({ harm: 4, likelihood: 3, risk: 12, concern: 1, position: 3, score: 20, harmSource: 'harm weights', positionEntered: false });
    expect(r.issues.map((i) => i.id)).toEqual(['a', 'b']);
    expect(r.issues.map((i) => i.rank)).toEqual([1, 2]);
  });

  it('recommends the first three issues with evidence, and ranks an issue with none after them', () => {
    const none = { data: { hasData: false, synthetic: false, coverage: 1 }, volume: null, harmWeight: 450 };
    const r = scorePriorities(
      [
        // No data, no workshop, nothing entered: its harm weight alone would rank it first.
        { ...base, id: 'empty', title: 'Empty', ...none },
        { ...base, id: 'raised', title: 'Raised', ...none, workshop: { localities: 1, of: 9 } },
        { ...base, id: 'one', title: 'One', volume: 50 },
        { ...base, id: 'two', title: 'Two', volume: 5 },
        { ...base, id: 'three', title: 'Three', volume: 500 },
      ],
      { risk: 1, concern: 1, position: 1 },
      5,
    );
    // Scores: three 9 + 1 + 3 = 13, one 6 + 1 + 3 = 10, raised 5 × 1 + 1 + 3 = 9, two 3 + 1 + 3 = 7, empty 5 + 1 + 3 = 9.
    expect(r.issues.map((i) => i.id)).toEqual(['three', 'one', 'raised', 'two', 'empty']);
    expect(r.issues.filter((i) => i.recommended).map((i) => i.id)).toEqual(['three', 'one', 'raised']);
    expect(r.issues.find((i) => i.id === 'empty')).toMatchObject({ hasEvidence: false, recommended: false, rank: 5 });
    // With nothing behind any issue, none is recommended.
    const bare = scorePriorities([{ ...base, ...none }], { risk: 1, concern: 1, position: 1 }, 5);
    expect(bare.issues[0]).toMatchObject({ hasEvidence: false, recommended: false });
  });

  it('gives low confidence without data and medium on synthetic or incomplete data', () => {
    const r = scorePriorities(
      [
        { ...base, id: 'none', data: { hasData: false, synthetic: false, coverage: 1 }, volume: null },
        { ...base, id: 'syn', data: { hasData: true, synthetic: true, coverage: 1 } },
        { ...base, id: 'gap', data: { hasData: true, synthetic: false, coverage: 0.8 } },
        { ...base, id: 'ok' },
      ],
      { risk: 1, concern: 1, position: 1 },
      5,
    );
    const c = Object.fromEntries(r.issues.map((i) => [i.id, i.confidence]));
    expect(c).toEqual({ none: 'low', syn: 'medium', gap: 'medium', ok: 'high' });
  });
});
