import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assessment/model.ts';
import { buildFindings } from '../../src/assessment/sections/findings.ts';
import type { ThemeSection } from '../../src/assessment/themes-model.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { evidenceRows, findingSentence } from '../../src/render/words/findings-text.ts';

const base: Omit<Assessment, 'findings'> = (({ findings: _f, ...rest }) => rest)(structuredClone(exampleAssessment));
const ids = (a: Omit<Assessment, 'findings'>, themes: ThemeSection[] = []) => buildFindings(a, themes).map((f) => f.id);
const ed = { public: false, suppressBelow: 5 };
const notSignificant = <T extends { change: Assessment['categories'][number]['change']; recentChange: Assessment['categories'][number]['recentChange'] }>(c: T): T => ({
  ...c,
  change: c.change && { ...c.change, significant: false },
  recentChange: c.recentChange && { ...c.recentChange, significant: false },
});

describe('finding rules', () => {
  it('crime and ASB change: fire with a tested change, silent without one or without ASB', () => {
    expect(ids(base)).toContain('crime-change');
    expect(ids(base)).toContain('asb-change');
    expect(ids({ ...base, overview: { ...base.overview, crimeChange: null } })).not.toContain('crime-change');
    expect(ids({ ...base, measure: { ...base.measure, includesAsb: false } })).not.toContain('asb-change');
  });

  it('largest and recent rises: fire on significant rises only', () => {
    const rising = ids(base);
    expect(rising).toContain('largest-rises');
    const flat = { ...base, categories: base.categories.map(notSignificant) };
    expect(ids(flat)).not.toContain('largest-rises');
    expect(ids(flat)).not.toContain('recent-rises');
  });

  it('force-area rank: silent without a peer comparison', () => {
    expect(ids(base)).not.toContain('force-area-rank');
  });

  it('locality and place shares: silent when nothing is located there', () => {
    expect(ids(base)).toContain('top-locality');
    expect(ids({ ...base, localities: base.localities.map((l) => ({ ...l, crimeShare: 0 })) })).not.toContain('top-locality');
    expect(ids({ ...base, places: base.places.map((p) => ({ ...p, crimeShare: 0 })) }).some((id) => id.startsWith('place-'))).toBe(false);
  });

  it('police findings sit under the configured theme that counts those categories, whatever its id', () => {
    const issue = (id: string, categories: string[]) => ({ id, title: id, restricted: false, hasData: true, datasets: [], categories, synthetic: true, detail: null });
    const themes: ThemeSection[] = [
      { id: 'safer-streets', title: 'Safer streets', issues: [issue('burglary', ['Burglary', 'Robbery']), issue('violence', ['Violence and sexual offences'])] },
      { id: 'neighbourhoods', title: 'Neighbourhoods', issues: [issue('asb', ['Anti-social behaviour'])] },
    ];
    const byId = new Map(buildFindings(base, themes).map((f) => [f.id, f.theme]));
    expect(byId.get('crime-change')).toBe('safer-streets');
    expect(byId.get('top-locality')).toBe('safer-streets');
    expect(byId.get('asb-change')).toBe('neighbourhoods');
    // With no theme counting police categories, they sit under no configured theme (the report heads them as police data).
    expect(buildFindings(base, []).find((f) => f.id === 'crime-change')!.theme).not.toMatch(/public-safety/);
  });

  it('coverage gap: fires on missing months only', () => {
    expect(ids(base)).not.toContain('coverage-gap');
    expect(ids({ ...base, coverage: { expectedMonths: 42, missingMonths: ['2015-03'] } })).toContain('coverage-gap');
  });

  it('issue findings: one per issue with data, significance from its own test, restricted carried', () => {
    const change = base.overview.crimeChange!;
    const themes: ThemeSection[] = [
      {
        id: 'v',
        title: 'Vulnerable',
        issues: [
          { id: 'hate', title: 'Hate crime', restricted: false, hasData: true, datasets: ['hate'], categories: [], synthetic: true, detail: { kind: 'hate', byYear: [], change, strands: [], raceShare: null, place: null, events: [], unusualMonths: [] } },
          { id: 'prevent', title: 'Prevent', restricted: true, hasData: true, datasets: [], categories: [], synthetic: true, detail: { kind: 'prevent', total: 38, byYear: [], bySource: [], byConcern: [], adoptedShare: null } },
          { id: 'fires', title: 'Fires', restricted: false, hasData: false, datasets: [], categories: [], synthetic: false, detail: null },
        ],
      },
    ];
    const f = buildFindings(base, themes).filter((x) => x.kind === 'issue');
    expect(f.map((x) => [x.id, x.significant, x.restricted])).toEqual([
      ['issue-hate', change.significant, false],
      ['issue-prevent', null, true],
    ]);
    expect(findingSentence(f[1]!, { ...base, findings: f, themes }, ed)).toBe('38 Prevent referrals.');
  });

  it('says "significant" only where a test supports it, and every figure names its model path', () => {
    for (const f of buildFindings(base, base.themes)) {
      if (f.significant !== null) expect(f.test?.significant).toBe(f.significant);
      for (const g of f.figures) expect(g.path).toMatch(/^[a-zA-Z]+(\.[\w]+)*$/);
      const sentence = findingSentence(f, { ...base, findings: [] }, ed);
      if (/significant/.test(sentence) && !/not (a )?statistically significant/.test(sentence)) expect(f.test?.significant ?? f.significant).toBe(true);
    }
  });

  it('shows what each tested finding compares and by which test, before its figures', () => {
    const f = buildFindings(base).find((x) => x.id === 'crime-change')!;
    const rows = evidenceRows(f, ed);
    expect(rows[0]).toEqual(['Compared', f.comparison]);
    expect(rows[1]![0]).toBe('Test');
    expect(rows[1]![1]).toMatch(/^(exact Poisson|quasi-Poisson) test of two counts/);
    expect(rows.slice(2).map((r) => r[0])).toEqual(f.figures.map((g) => (g.label.startsWith('p-') ? g.label : g.label[0]!.toUpperCase() + g.label.slice(1))));
  });

  it('says why a finding was not computed instead of stating it', () => {
    const f = { ...buildFindings(base)[0]!, notComputed: { reason: 'incomplete-period', detail: 'the last year holds 6 of 12 months' } };
    expect(findingSentence(f, { ...base, findings: [f] }, ed)).toBe('Recorded crime: not computed because the last year holds 6 of 12 months.');
  });

  it('phrases a rank as a reader would', () => {
    const a = { ...base, findings: [] };
    const rank = (r: number) =>
      findingSentence(
        { id: 'r', kind: 'force-area-rank', subject: 'Recorded crime', facts: { kind: 'force-area-rank', measure: 'Recorded crime', rank: r, of: 10, ratePer1000: 70.14, window: base.overview.rateWindow }, figures: [], comparison: null, test: null, significant: null, theme: null, restricted: false },
        a,
        ed,
      );
    expect(rank(8)).toContain('is 3rd lowest of 10 districts');
    expect(rank(1)).toContain('is the highest of 10 districts');
    expect(rank(2)).toContain('is 2nd highest of 10 districts');
    expect(rank(10)).toContain('is the lowest of 10 districts');
  });
});
