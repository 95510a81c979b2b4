/**
 * Headline findings as data: each rule below decides whether the evidence supports a finding and
 * records its facts, the figures with their model paths, the comparison and the test. The sentences
 * are written later, in src/render/words/findings-text.ts, where small-number suppression applies.
 */
import type { AnalysisSections } from '../analysis-model.ts';
import type { Assessment, ChangeResult, Finding, FindingFigure, FindingTest } from '../model.ts';
import type { ThemeSection } from '../themes-model.ts';
import { issueChange, issueChangePath as changePath, issueVolume } from './issue-facts.ts';
import { ASB_CATEGORY } from '../../sources/police-csv/kinds.ts';

type Partial = Omit<Assessment, 'findings'>;

/** A period as a label: "2014" for a calendar year, else its months. */
const period = (p: ChangeResult['beforePeriod']): string =>
  p.from.endsWith('-01') && p.to.endsWith('-12') && p.from.slice(0, 4) === p.to.slice(0, 4) ? p.from.slice(0, 4) : p.from === p.to ? p.from : `${p.from} to ${p.to}`;

function changeFigures(c: ChangeResult, path: string): FindingFigure[] {
  return [
    { label: `count ${period(c.beforePeriod)}`, path: `${path}.before`, value: c.before, unit: 'count' },
    { label: `count ${period(c.afterPeriod)}`, path: `${path}.after`, value: c.after, unit: 'count' },
    { label: 'change', path: `${path}.changePct`, value: c.changePct, unit: 'percent' },
    { label: 'rate ratio', path: `${path}.rateRatio`, value: c.rateRatio, unit: 'ratio' },
    { label: '95% CI', path: `${path}.ciLow`, value: c.ciLow === null || c.ciHigh === null ? null : `${c.ciLow.toFixed(2)} to ${c.ciHigh.toFixed(2)}`, unit: 'text' },
    { label: 'p-value', path: `${path}.pValue`, value: c.pValue, unit: 'p' },
  ];
}

/** Whether a change was tested with its series' dispersion (quasi-Poisson) rather than as Poisson counts. */
const overdispersed = (c: ChangeResult): boolean => c.dispersion !== undefined && c.dispersion !== null && c.dispersion > 1;

function changeTest(c: ChangeResult): FindingTest {
  return {
    method: overdispersed(c) ? 'quasi-Poisson test of two counts (dispersion from the monthly series)' : 'exact Poisson test of two counts',
    pValue: c.pValue,
    pAdjusted: c.pAdjusted ?? null,
    dispersion: c.dispersion ?? null,
    significant: c.significant,
  };
}

const comparisonOf = (c: ChangeResult): string => `${period(c.beforePeriod)} against ${period(c.afterPeriod)}`;

function changeFinding(a: Partial, subject: 'crime' | 'asb'): Finding | null {
  const c = subject === 'crime' ? a.overview.crimeChange : a.overview.asbChange;
  if (!c || (subject === 'asb' && !a.measure.includesAsb)) return null;
  const recentIndex = a.categories.findIndex((x) => x.isAsb);
  const recent = subject === 'asb' ? (a.categories[recentIndex]?.recentChange ?? null) : null;
  const figures = changeFigures(c, `overview.${subject}Change`);
  if (recent?.significant) figures.push(...changeFigures(recent, `categories.${recentIndex}.recentChange`).map((f) => ({ ...f, label: `latest months: ${f.label}` })));
  return {
    id: `${subject}-change`,
    kind: 'change',
    subject: subject === 'crime' ? a.measure.label : 'Anti-social behaviour',
    facts: { kind: 'change', subject, change: c, recent: recent?.significant ? recent : null },
    figures,
    comparison: comparisonOf(c),
    test: changeTest(c),
    significant: c.significant,
    theme: POLICE_THEME,
    restricted: false,
  };
}

/** The area against its force area: rank by rate, and whether its change was in line (a tested difference in change). */
function peerFindings(analysis: AnalysisSections | null | undefined): Finding[] {
  const peers = analysis?.peers;
  const groupIndex = peers?.groups.findIndex((g) => g.kind === 'force-area') ?? -1;
  const force = peers?.groups[groupIndex];
  const rowIndex = force?.rows.findIndex((r) => r.isArea) ?? -1;
  const row = force?.rows[rowIndex];
  if (!peers || !force || !row || row.rank === null || row.ratePer1000 === null) return [];
  const path = `analysis.peers.groups.${groupIndex}.rows.${rowIndex}`;
  const out: Finding[] = [
    {
      id: 'force-area-rank',
      kind: 'force-area-rank',
      subject: peers.measure.label,
      facts: { kind: 'force-area-rank', measure: peers.measure.label, rank: row.rank, of: force.of, ratePer1000: row.ratePer1000, window: peers.window },
      figures: [
        { label: 'count', path: `${path}.count`, value: row.count, unit: 'count' },
        { label: 'residents', path: `${path}.population`, value: row.population, unit: 'count' },
        { label: 'rate per 1,000', path: `${path}.ratePer1000`, value: row.ratePer1000, unit: 'rate' },
        { label: 'rank (1 = highest)', path: `${path}.rank`, value: `${row.rank} of ${force.of}`, unit: 'rank' },
      ],
      comparison: `districts of the force area`,
      test: null,
      significant: null,
      theme: POLICE_THEME,
      restricted: false,
    },
  ];
  const v = peers.versusForceArea;
  if (v) {
    out.push({
      id: 'versus-force-area',
      kind: 'versus-force-area',
      subject: peers.measure.label,
      facts: { kind: 'versus-force-area', measure: peers.measure.label, window: peers.window, inLine: v.inLine, areaDirection: v.areaDirection, ratioOfRatios: v.ratioOfRatios, comparator: v.comparator },
      figures: [
        { label: 'ratio of rate ratios', path: 'analysis.peers.versusForceArea.ratioOfRatios', value: v.ratioOfRatios, unit: 'ratio' },
        { label: '95% CI', path: 'analysis.peers.versusForceArea.ciLow', value: v.ciHigh === null ? null : `${v.ciLow.toFixed(2)} to ${v.ciHigh.toFixed(2)}`, unit: 'text' },
        { label: 'p-value', path: 'analysis.peers.versusForceArea.pValue', value: v.pValue, unit: 'p' },
      ],
      comparison: v.comparator,
      test: { method: 'difference in change (ratio of rate ratios)', pValue: v.pValue, pAdjusted: null, dispersion: null, significant: !v.inLine },
      // The sentence says whether the difference is significant; the tag is for changes, not differences.
      significant: null,
      theme: POLICE_THEME,
      restricted: false,
    });
  }
  return out;
}

function risesFinding(a: Partial, window: 'years' | 'recent'): Finding | null {
  const pick = (c: Partial['categories'][number]) => (window === 'years' ? c.change : c.recentChange);
  const rising = a.categories
    .map((c, i) => ({ c, i, ch: pick(c) }))
    .filter((x): x is { c: typeof x.c; i: number; ch: ChangeResult } => !x.c.isAsb && x.ch !== null && x.ch.significant && (x.ch.changePct ?? 0) > 0)
    .sort((x, y) => (y.ch.changePct ?? 0) - (x.ch.changePct ?? 0))
    .slice(0, window === 'years' ? 3 : 5);
  if (rising.length === 0) return null;
  const key = window === 'years' ? 'change' : 'recentChange';
  return {
    id: window === 'years' ? 'largest-rises' : 'recent-rises',
    kind: 'rises',
    subject: rising.map((r) => r.c.category).join(', '),
    facts: { kind: 'rises', window, items: rising.map((r) => ({ category: r.c.category, change: r.ch })) },
    figures: rising.flatMap((r) => [
      { label: `${r.c.category}: change`, path: `categories.${r.i}.${key}.changePct`, value: r.ch.changePct, unit: 'percent' as const },
      { label: `${r.c.category}: p-value`, path: `categories.${r.i}.${key}.pValue`, value: r.ch.pValue, unit: 'p' as const },
    ]),
    comparison: comparisonOf(rising[0]!.ch),
    test: {
      method: `${rising.some((r) => overdispersed(r.ch)) ? 'quasi-Poisson' : 'exact Poisson'} test of two counts per category, Benjamini-Hochberg across categories`,
      pValue: Math.max(...rising.map((r) => r.ch.pValue)),
      pAdjusted: rising.every((r) => r.ch.pAdjusted !== undefined) ? Math.max(...rising.map((r) => r.ch.pAdjusted!)) : null,
      dispersion: null,
      significant: true,
    },
    significant: true,
    theme: POLICE_THEME,
    restricted: false,
  };
}

function shareFindings(a: Partial): Finding[] {
  const out: Finding[] = [];
  const top = a.localities[0];
  if (top && top.crimeShare > 0) {
    const residentsShare = top.population / Math.max(1, a.population.total);
    out.push({
      id: 'top-locality',
      kind: 'share',
      subject: top.name,
      facts: { kind: 'share', place: top.name, placeKind: 'locality', crimeShare: top.crimeShare, asbShare: null, residentsShare },
      figures: [
        { label: 'crimes', path: 'localities.0.crime', value: top.crime, unit: 'count' },
        { label: 'share of located crime', path: 'localities.0.crimeShare', value: top.crimeShare, unit: 'share' },
        { label: 'residents', path: 'localities.0.population', value: top.population, unit: 'count' },
        { label: 'rate per 1,000', path: 'localities.0.crimeRatePer1000', value: top.crimeRatePer1000, unit: 'rate' },
      ],
      comparison: 'share of residents',
      test: null,
      significant: null,
      theme: POLICE_THEME,
      restricted: false,
    });
  }
  a.places.forEach((p, i) => {
    if (p.crimeShare <= 0) return;
    out.push({
      id: `place-${p.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      kind: 'share',
      subject: p.name,
      facts: { kind: 'share', place: p.name, placeKind: 'place', crimeShare: p.crimeShare, asbShare: a.measure.includesAsb ? p.asbShare : null, residentsShare: p.populationShare },
      figures: [
        { label: 'crimes', path: `places.${i}.crime`, value: p.crime, unit: 'count' },
        ...(a.measure.includesAsb ? [{ label: 'ASB', path: `places.${i}.asb`, value: p.asb, unit: 'count' as const }] : []),
        { label: 'share of located crime', path: `places.${i}.crimeShare`, value: p.crimeShare, unit: 'share' },
        { label: 'share of residents', path: `places.${i}.populationShare`, value: p.populationShare, unit: 'share' },
      ],
      comparison: 'share of residents',
      test: null,
      significant: null,
      theme: POLICE_THEME,
      restricted: false,
    });
  });
  return out;
}

function issueFindings(themes: readonly ThemeSection[]): Finding[] {
  const out: Finding[] = [];
  themes.forEach((theme, t) => {
    if (theme.context) return;
    theme.issues.forEach((issue, i) => {
      if (!issue.hasData || !issue.detail || issue.detail.kind === 'police') return;
      const c = issueChange(issue);
      const volume = issueVolume(issue);
      const path = `themes.${t}.issues.${i}.detail`;
      const volumeFigure: FindingFigure[] = volume ? [{ label: volume.label, path: `${path}.${volume.path}`, value: volume.count, unit: 'count' }] : [];
      // Reoffending is tested against the national rate (exact binomial), not as a change.
      const national = issue.detail.kind === 'reoffending' ? (issue.detail.adult?.againstNational ?? null) : null;
      const test: FindingTest | null = c
        ? changeTest(c)
        : national
          ? { method: 'exact binomial test against the national rate', pValue: national.pValue, pAdjusted: null, dispersion: null, significant: national.significant }
          : null;
      out.push({
        id: `issue-${issue.id}`,
        kind: 'issue',
        subject: issue.title,
        facts: { kind: 'issue', issueId: issue.id, issueTitle: issue.title },
        figures: [...volumeFigure, ...(c ? changeFigures(c, `${path}.${changePath(issue)}`) : [])],
        comparison: c ? comparisonOf(c) : national ? `England and Wales, ${national.period}` : null,
        test,
        significant: test ? test.significant : null,
        theme: theme.id,
        restricted: issue.restricted,
      });
    });
  });
  return out;
}

/** Every headline finding the evidence supports, in reading order. */
/** Theme of police findings that no configured theme counts: the report heads them as police data. */
const POLICE_THEME = '(police)';

/**
 * The configured theme whose issues count the most of these police categories (for ASB, the one
 * counting ASB): police findings sit under it. No theme about any one partnership lives in code.
 */
function policeTheme(themes: readonly ThemeSection[], asb: boolean): string {
  let best: { id: string; n: number } | null = null;
  for (const t of themes) {
    const n = t.issues.flatMap((i) => i.categories).filter((c) => (c === ASB_CATEGORY) === asb).length;
    if (n > 0 && (!best || n > best.n)) best = { id: t.id, n };
  }
  return best?.id ?? POLICE_THEME;
}

/** A near-repeat pattern (a window found in a Knox table) of each category with dated incidents. */
function nearRepeatFindings(a: Partial): Finding[] {
  return (a.spaceTime?.nearRepeat ?? []).flatMap((n, i): Finding[] => {
    const nearest = n.rows[0];
    if (!n.window?.found || !n.window.reach || !nearest) return [];
    const path = `spaceTime.nearRepeat.${i}`;
    return [{
      id: `near-repeat-${n.category.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      kind: 'near-repeat',
      subject: n.category,
      facts: { kind: 'near-repeat', category: n.category },
      figures: [
        { label: `Knox ratio, ${nearest.distance} and ${nearest.time}`, path: `${path}.rows.0.knoxRatio`, value: nearest.knoxRatio, unit: 'ratio' },
        { label: 'p-value', path: `${path}.rows.0.p`, value: nearest.p, unit: 'p' },
        { label: 'window reaches', path: `${path}.window.reach`, value: `${n.window.reach.distance}, ${n.window.reach.time}`, unit: 'text' },
      ],
      comparison: 'pairs of incidents against the same dates shuffled among them',
      test: { method: `Knox test, Monte Carlo permutation of the dates (${n.permutations} at most)`, pValue: nearest.p, pAdjusted: null, dispersion: null, significant: true },
      significant: true,
      theme: POLICE_THEME,
      restricted: false,
    }];
  });
}

export function buildFindings(a: Partial, themes: readonly ThemeSection[] = []): Finding[] {
  const out: (Finding | null)[] = [
    changeFinding(a, 'crime'),
    ...peerFindings(a.analysis),
    risesFinding(a, 'years'),
    risesFinding(a, 'recent'),
    changeFinding(a, 'asb'),
    ...shareFindings(a),
    ...issueFindings(themes),
    ...nearRepeatFindings(a),
  ];
  if (a.coverage.missingMonths.length > 0) {
    out.push({
      id: 'coverage-gap',
      kind: 'coverage-gap',
      subject: 'Police data coverage',
      facts: { kind: 'coverage-gap', missingMonths: [...a.coverage.missingMonths], expectedMonths: a.coverage.expectedMonths },
      figures: [{ label: 'missing months', path: 'coverage.missingMonths', value: a.coverage.missingMonths.length, unit: 'count' }],
      comparison: null,
      test: null,
      significant: null,
      theme: null,
      restricted: false,
    });
  }
  const crimeTheme = policeTheme(themes, false);
  const asbTheme = policeTheme(themes, true);
  return out
    .filter((f): f is Finding => f !== null)
    .map((f) => (f.theme === POLICE_THEME ? { ...f, theme: f.subject === 'Anti-social behaviour' || f.id.startsWith('asb') ? asbTheme : crimeTheme } : f));
}
