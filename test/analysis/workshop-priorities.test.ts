import { describe, expect, it } from 'vitest';
import { workshopPriorities, type WorkshopIssueInput } from '../../src/analysis/workshop-priorities.ts';

const issue = (locality: string, organisation: string, category: string, rank: number | null): WorkshopIssueInput => ({ locality, organisation, category, rank });

describe('workshop priorities', () => {
  const issues = [
    issue('Edgeley', 'Police', 'Drug dealing', 1),
    issue('Edgeley', 'Council', 'Drug dealing', 2),
    issue('Edgeley', 'Housing', 'Youth nuisance', 1),
    issue('Edgeley', 'Police', 'Youth nuisance', 1),
    issue('Marple', 'Police', 'Speeding and road safety', null),
    issue('Marple', 'Council', 'Fly-tipping and environmental', 2),
    issue('Marple', 'Council', 'Drug dealing', 3),
  ];

  it('counts mentions, distinct localities and organisations, and the mean rank of each category', () => {
    const p = workshopPriorities(issues);
    expect(p.mostCommon[0]).toEqual({ category: 'Drug dealing', mentions: 3, localities: 2, organisations: 2, meanRank: 2 });
    expect(p.mostCommon[1]).toEqual({ category: 'Youth nuisance', mentions: 2, localities: 1, organisations: 2, meanRank: 1 });
    // One mention each: the ranked one first, the unranked last.
    expect(p.mostCommon.slice(2).map((c) => c.category)).toEqual(['Fly-tipping and environmental', 'Speeding and road safety']);
  });

  it('breaks a tie on mentions in a locality by the better mean rank', () => {
    const p = workshopPriorities(issues);
    expect(p.topByLocality.map((l) => [l.locality, l.issues, l.top.category])).toEqual([
      ['Edgeley', 4, 'Youth nuisance'],
      ['Marple', 3, 'Fly-tipping and environmental'],
    ]);
  });

  it('is empty without issues', () => {
    expect(workshopPriorities([])).toEqual({ mostCommon: [], topByLocality: [] });
  });
});
