import type { Assessment, ChangeResult, Finding } from '../model.ts';
import type { AnalysisSections } from '../analysis-model.ts';
import type { ThemeSection } from '../themes-model.ts';

/** Shares as people say them: "a fifth", "a quarter", else a percentage. */
export function shareInWords(share: number): string {
  const words: [number, string][] = [
    [1 / 2, 'half'],
    [1 / 3, 'a third'],
    [1 / 4, 'a quarter'],
    [1 / 5, 'a fifth'],
    [1 / 10, 'a tenth'],
  ];
  for (const [v, w] of words) {
    if (Math.abs(share - v) <= 0.01) return `${w} (${pct(share)})`;
    if (share > v && share - v <= 0.03) return `over ${w} (${pct(share)})`;
  }
  return pct(share);
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function changeWords(c: ChangeResult): string {
  if (c.changePct === null) return `from none to ${c.after.toLocaleString('en-GB')}`;
  const dir = c.changePct >= 0 ? 'rose' : 'fell';
  return `${dir} ${Math.abs(Math.round(c.changePct))}% (${c.before.toLocaleString('en-GB')} to ${c.after.toLocaleString('en-GB')})`;
}

function significanceWords(c: ChangeResult): string {
  return c.significant ? 'a statistically significant change' : 'not a statistically significant change';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period in words: "2016" for a calendar year, "January to June 2017", "July 2016 to June 2017". */
export function periodInWords(p: ChangeResult['beforePeriod']): string {
  const [fy, fm] = [p.from.slice(0, 4), Number(p.from.slice(5))];
  const [ty, tm] = [p.to.slice(0, 4), Number(p.to.slice(5))];
  if (fy === ty && fm === 1 && tm === 12) return fy;
  if (fy === ty) return fm === tm ? `${MONTHS[fm - 1]} ${fy}` : `${MONTHS[fm - 1]} to ${MONTHS[tm - 1]} ${fy}`;
  return `${MONTHS[fm - 1]} ${fy} to ${MONTHS[tm - 1]} ${ty}`;
}

function periodWords(c: ChangeResult): string {
  return `${periodInWords(c.beforePeriod)} to ${periodInWords(c.afterPeriod)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function signedPct(c: ChangeResult): string {
  const v = Math.round(c.changePct ?? 0);
  return `${v >= 0 ? '+' : ''}${v}%`;
}

function evidenceOf(c: ChangeResult): Finding['evidence'] {
  return [
    { label: 'before', value: c.before },
    { label: 'after', value: c.after },
    { label: 'rate ratio', value: c.rateRatio },
    { label: '95% CI', value: c.ciLow === null || c.ciHigh === null ? null : `${c.ciLow.toFixed(2)} to ${c.ciHigh.toFixed(2)}` },
    { label: 'p-value', value: c.pValue },
  ];
}

/** "; in January to June 2017 it fell 8% against a year before (significant)" when the latest half year moved significantly. */
function recentAsbWords(a: Omit<Assessment, 'findings'>): string {
  const r = a.categories.find((c) => c.isAsb)?.recentChange;
  if (!r?.significant || r.changePct === null) return '';
  return `; in ${periodInWords(r.afterPeriod)} it ${r.changePct < 0 ? 'fell' : 'rose'} ${Math.abs(Math.round(r.changePct))}% against the same months a year before (statistically significant)`;
}

/**
 * Headline findings written from the tested evidence in the model: every statement names its figures
 * and says when a change is not statistically significant.
 */
/** Ordinals as read: 1st, 2nd, 3rd, 8th, 11th. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The area against its force area: rank by rate, and whether its change was in line (a tested difference in change). */
function peerFindings(a: Omit<Assessment, 'findings'>, analysis: AnalysisSections | null | undefined): Finding[] {
  const peers = analysis?.peers;
  const force = peers?.groups.find((g) => g.kind === 'force-area');
  const row = force?.rows.find((r) => r.isArea);
  if (!peers || !force || !row || row.rank === null || row.ratePer1000 === null) return [];
  const measure = peers.measure.label.toLowerCase();
  const out: Finding[] = [
    {
      id: 'force-area-rank',
      statement: `${a.area.name}'s ${measure} rate, ${row.ratePer1000.toFixed(1)} per 1,000 residents in ${periodInWords(peers.window)}, is the ${ordinal(row.rank)} highest of ${force.of} districts in ${a.area.forceAreaName}.`,
      evidence: [
        { label: 'count', value: row.count },
        { label: 'residents', value: row.population },
        { label: 'rank (1 = highest)', value: `${row.rank} of ${force.of}` },
      ],
      significant: null,
      theme: 'public-safety',
      restricted: false,
    },
  ];
  const v = peers.versusForceArea;
  if (v) {
    out.push({
      id: 'versus-force-area',
      statement: `Comparing ${periodInWords(peers.window)} with the 12 months before, ${measure} in ${a.area.name} ${v.verdict}.`,
      evidence: [
        { label: 'ratio of rate ratios', value: v.ratioOfRatios },
        { label: '95% CI', value: v.ciHigh === null ? null : `${v.ciLow.toFixed(2)} to ${v.ciHigh.toFixed(2)}` },
        { label: 'p-value', value: v.pValue },
      ],
      // The statement says whether the difference is significant; the tag is for changes, not differences.
      significant: null,
      theme: 'public-safety',
      restricted: false,
    });
  }
  return out;
}

export function buildFindings(a: Omit<Assessment, 'findings'>, themes: readonly ThemeSection[] = []): Finding[] {
  const out: Finding[] = [];
  const { crimeChange, asbChange } = a.overview;
  if (crimeChange) {
    out.push({
      id: 'crime-change',
      statement: `${capitalise(a.measure.lower)} in ${a.area.name} ${changeWords(crimeChange)} from ${periodWords(crimeChange)}: ${significanceWords(crimeChange)}.`,
      evidence: evidenceOf(crimeChange),
      significant: crimeChange.significant,
      theme: 'public-safety',
      restricted: false,
    });
  }
  out.push(...peerFindings(a, a.analysis));
  const rising = a.categories
    .filter((c) => !c.isAsb && c.change?.significant && (c.change.changePct ?? 0) > 0)
    .sort((x, y) => (y.change!.changePct ?? 0) - (x.change!.changePct ?? 0))
    .slice(0, 3);
  if (rising.length > 0) {
    out.push({
      id: 'largest-rises',
      statement: `The largest significant rises were in ${rising.map((c) => `${c.category.toLowerCase()} (+${Math.round(c.change!.changePct!)}%)`).join(', ')}.`,
      evidence: rising.map((c) => ({ label: c.category, value: `${signedPct(c.change!)} (${c.change!.before.toLocaleString('en-GB')} to ${c.change!.after.toLocaleString('en-GB')})` })),
      significant: true,
      theme: 'public-safety',
      restricted: false,
    });
  }
  const recent = a.categories
    .filter((x) => !x.isAsb && x.recentChange?.significant && (x.recentChange.changePct ?? 0) > 0)
    .sort((x, y) => (y.recentChange!.changePct ?? 0) - (x.recentChange!.changePct ?? 0));
  if (recent.length > 0) {
    const r0 = recent[0]!.recentChange!;
    out.push({
      id: 'recent-rises',
      statement: `Recent significant rises in ${periodInWords(r0.afterPeriod)} against ${periodInWords(r0.beforePeriod)}: ${recent
        .map((c) => `${c.category.toLowerCase()} (${signedPct(c.recentChange!)}, ${c.recentChange!.before.toLocaleString('en-GB')} to ${c.recentChange!.after.toLocaleString('en-GB')})`)
        .join(', ')}.`,
      evidence: recent.map((c) => ({ label: c.category, value: `${signedPct(c.recentChange!)}, p ${c.recentChange!.pValue < 0.001 ? '< 0.001' : `= ${c.recentChange!.pValue.toFixed(3)}`}` })),
      significant: true,
      theme: 'public-safety',
      restricted: false,
    });
  }
  if (asbChange && a.measure.includesAsb) {
    out.push({
      id: 'asb-change',
      statement: `Anti-social behaviour ${changeWords(asbChange)} from ${periodWords(asbChange)}: ${significanceWords(asbChange)}${recentAsbWords(a)}.`,
      evidence: evidenceOf(asbChange),
      significant: asbChange.significant,
      theme: 'public-safety',
      restricted: false,
    });
  }
  const top = a.localities[0];
  if (top && top.crimeShare > 0) {
    out.push({
      id: 'top-locality',
      statement: `${capitalise(shareInWords(top.crimeShare))} of ${a.measure.lower} located to a locality was in ${top.name}, which has ${pct(top.population / Math.max(1, a.population.total))} of residents.`,
      evidence: [
        { label: 'crimes', value: top.crime },
        { label: 'share', value: top.crimeShare },
        { label: 'rate per 1,000', value: top.crimeRatePer1000 },
      ],
      significant: null,
      theme: 'public-safety',
      restricted: false,
    });
  }
  for (const p of a.places.filter((x) => x.crimeShare > 0)) {
    out.push({
      id: `place-${p.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      statement: `${p.name} holds ${pct(p.crimeShare)} of ${a.measure.lower}${a.measure.includesAsb ? ` and ${pct(p.asbShare)} of anti-social behaviour` : ''}, with ${pct(p.populationShare)} of residents.`,
      evidence: [
        { label: 'crimes', value: p.crime },
        { label: 'ASB', value: p.asb },
        { label: 'residents share', value: p.populationShare },
      ],
      significant: null,
      theme: 'public-safety',
      restricted: false,
    });
  }
  // Each partnership issue with data contributes its lead statement, in theme order.
  for (const theme of themes.filter((t) => !t.context)) {
    for (const issue of theme.issues.filter((i) => i.hasData && i.findings.length > 0 && i.detail?.kind !== 'police')) {
      out.push({ id: `issue-${issue.id}`, statement: issue.findings[0]!, evidence: [], significant: null, theme: theme.id, restricted: issue.restricted });
    }
  }
  if (a.coverage.missingMonths.length > 0) {
    out.push({
      id: 'coverage-gap',
      statement: `Police data is missing for ${a.coverage.missingMonths.length} of ${a.coverage.expectedMonths} months (${a.coverage.missingMonths.join(', ')}): these are gaps in publication, not falls in crime.`,
      evidence: [{ label: 'missing months', value: a.coverage.missingMonths.length }],
      significant: null,
      theme: null,
      restricted: false,
    });
  }
  return out;
}
