import { describe, expect, it } from 'vitest';
import { scorePriorities } from '../../src/analysis/priorities.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { buildChanges } from '../../src/assessment/sections/changes.ts';
import { renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { priorityIssue } from '../helpers/priority-issue.ts';

const issue = (id: string, volume: number) => priorityIssue(id, volume);
const weights = { risk: 1, concern: 1, position: 1 };

/** The previous assessment: a year earlier, burglary far lower, and "Fires" not among the top priorities. */
function previousOf(a: Assessment): Assessment {
  const shift = <T extends { year: number }>(rows: readonly T[]) => rows.map((r) => ({ ...r, year: r.year - 1 }));
  return {
    ...a,
    generatedAt: '2016-09-01T09:00:00.000Z',
    period: { ...a.period, from: '2013-01', to: '2016-06' },
    overview: { ...a.overview, byYear: shift(a.overview.byYear) },
    categories: a.categories.map((c) => ({
      ...c,
      byYear: shift(c.byYear).map((y) => (c.category === 'Burglary' && y.year === 2015 ? { ...y, count: Math.round(y.count / 2) } : y)),
    })),
    findings: a.findings.filter((f) => f.id !== 'crime-change'),
    priorities: scorePriorities([issue('Crime', 20000), issue('Domestic abuse', 3000), issue('Hate crime', 900), issue('Fires', 5)], weights, 5),
  };
}

describe('changes since the last assessment', () => {
  const current: Assessment = {
    ...exampleAssessment,
    priorities: scorePriorities([issue('Crime', 20000), issue('Fires', 9000), issue('Domestic abuse', 3000), issue('Hate crime', 900)], weights, 5),
  };
  const previous = previousOf(current);
  const changes = buildChanges(current, previous, 0.05);

  it('reports a planted rise, tested', () => {
    const burglary = changes.measures.find((m) => m.label === 'Burglary')!;
    expect(burglary.change.beforePeriod.from).toBe('2015-01');
    expect(burglary.change.afterPeriod.from).toBe('2016-01');
    expect(burglary.change.changePct!).toBeGreaterThan(80);
    expect(burglary.change.significant).toBe(true);
  });

  it('reports a new priority, the one it displaced, and new findings', () => {
    expect(changes.priorities?.entered).toEqual(['Fires']);
    expect(changes.priorities?.left).toEqual(['Hate crime']);
    expect(changes.newFindings).toEqual(['crime-change']);
  });

  it('renders the section with the rise and the new priority', () => {
    const html = renderReportHtml({ ...current, changes });
    expect(html).toContain('id="changes"');
    expect(html).toMatch(/Rose significantly: [^<]*Burglary/);
    expect(html).toContain('Entered the recommended priorities: Fires.');
  });

  it('compares nothing when both assessments end in the same full year', () => {
    expect(buildChanges(current, current, 0.05).measures).toEqual([]);
  });
});
