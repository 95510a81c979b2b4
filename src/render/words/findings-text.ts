/**
 * The words of every headline finding, written from its structured facts. This is the one module
 * that turns findings into sentences, and where the published edition's suppression reaches them:
 * a count from 1 to the threshold is "fewer than N", and a percentage built on it is not given.
 */
import type { Assessment, ChangeResult, Finding, FindingFigure } from '../../assessment/model.ts';
import { fmtP, fmtRatio, listWords } from '../html/format.ts';
import { changeSuppressed } from './change.ts';
import { type Edition, countWords, isSuppressed, midSentence, rankWords } from './edition.ts';
import { versusWords } from './peers.ts';
import { nearRepeatFindingSentence } from './near-repeat.ts';
import { issueSentences } from './themes.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period in words: "2016" for a calendar year, "the half year January to June 2017", "July 2016 to June 2017". */
export function periodInWords(p: ChangeResult['beforePeriod']): string {
  const [fy, fm] = [p.from.slice(0, 4), Number(p.from.slice(5))];
  const [ty, tm] = [p.to.slice(0, 4), Number(p.to.slice(5))];
  if (fy === ty && fm === 1 && tm === 12) return fy;
  const half = p.months === 6 && (fm === 1 || fm === 7) ? 'the half year ' : '';
  if (fy === ty) return fm === tm ? `${MONTHS[fm - 1]} ${fy}` : `${half}${MONTHS[fm - 1]} to ${MONTHS[tm - 1]} ${fy}`;
  return `${MONTHS[fm - 1]} ${fy} to ${MONTHS[tm - 1]} ${ty}`;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Shares as people say them: "a fifth (21%)", "over a quarter (27%)", else a percentage. */
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

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "rose 23% (16,120 to 19,830)"; with withheld counts, only the direction. */
function moved(c: ChangeResult, ed: Edition): string {
  if (changeSuppressed(c, ed)) return `changed (${countWords(c.before, ed)} to ${countWords(c.after, ed)})`;
  if (c.changePct === null) return `went from none to ${countWords(c.after, ed)}`;
  if (Math.round(c.changePct) === 0) return `was unchanged (${countWords(c.before, ed)} to ${countWords(c.after, ed)})`;
  return `${c.changePct > 0 ? 'rose' : 'fell'} ${Math.abs(Math.round(c.changePct))}% (${countWords(c.before, ed)} to ${countWords(c.after, ed)})`;
}

const significance = (c: ChangeResult): string => (c.significant ? 'a statistically significant change' : 'not a statistically significant change');

function signed(c: ChangeResult, ed: Edition): string {
  if (changeSuppressed(c, ed)) return 'counts too small to publish';
  const v = Math.round(c.changePct ?? 0);
  return `${v >= 0 ? '+' : '\u2212'}${Math.abs(v)}%, ${countWords(c.before, ed)} to ${countWords(c.after, ed)}`;
}

/** The sentence of one finding in the given edition. */
export function findingSentence(f: Finding, a: Assessment, ed: Edition): string {
  if (f.notComputed) return `${f.subject}: not computed because ${f.notComputed.detail.replace(/\.$/, '')}.`;
  const x = f.facts;
  switch (x.kind) {
    case 'change': {
      const c = x.change;
      const what = x.subject === 'crime' ? capitalise(a.measure.lower) : 'Anti-social behaviour';
      const recent =
        x.recent && x.recent.changePct !== null && !changeSuppressed(x.recent, ed)
          ? `; in ${periodInWords(x.recent.afterPeriod)} it ${x.recent.changePct < 0 ? 'fell' : 'rose'} ${Math.abs(Math.round(x.recent.changePct))}% against the same months a year before (statistically significant)`
          : '';
      return `${what} in ${a.area.name} ${moved(c, ed)} from ${periodInWords(c.beforePeriod)} to ${periodInWords(c.afterPeriod)}: ${significance(c)}${recent}.`;
    }
    case 'rises': {
      const items = x.items.map((i) => `${midSentence(i.category)} (${signed(i.change, ed)})`);
      const c0 = x.items[0]!.change;
      return x.window === 'years'
        ? `The largest statistically significant rises from ${periodInWords(c0.beforePeriod)} to ${periodInWords(c0.afterPeriod)} were in ${listWords(items)}.`
        : `Statistically significant recent rises in ${periodInWords(c0.afterPeriod)} against the same months a year before: ${listWords(items)}.`;
    }
    case 'force-area-rank':
      return `${a.area.name}'s ${midSentence(x.measure)} rate, ${x.ratePer1000.toFixed(1)} per 1,000 residents in ${periodInWords(x.window)}, is ${rankWords(x.rank, x.of)} districts in ${a.area.forceAreaName}.`;
    case 'versus-force-area':
      return `Comparing ${periodInWords(x.window)} with the 12 months before, ${midSentence(x.measure)} in ${a.area.name} ${versusWords(x)}.`;
    case 'share': {
      const crime = f.figures.find((g) => g.label === 'crimes')?.value;
      if (typeof crime === 'number' && isSuppressed(crime, ed)) return `${countWords(crime, ed)} ${a.measure.countNoun} were located in ${x.place}.`;
      if (x.placeKind === 'locality') {
        return `${capitalise(shareInWords(x.crimeShare))} of ${a.measure.lower} located to a locality was in ${x.place}, which has ${pct(x.residentsShare)} of residents.`;
      }
      return `${x.place} holds ${pct(x.crimeShare)} of ${a.measure.lower}${x.asbShare !== null ? ` and ${pct(x.asbShare)} of anti-social behaviour` : ''}, with ${pct(x.residentsShare)} of residents.`;
    }
    case 'issue': {
      const issue = a.themes?.flatMap((t) => t.issues).find((i) => i.id === x.issueId);
      const lead = issue?.detail ? issueSentences(issue.detail, ed)[0] : undefined;
      return lead ?? `${x.issueTitle}: no figures available.`;
    }
    case 'near-repeat': {
      const n = a.spaceTime?.nearRepeat.find((t) => t.category === x.category);
      return n ? nearRepeatFindingSentence(n) : `${x.category}: no near-repeat table.`;
    }
    case 'coverage-gap':
      return `Police data is missing for ${x.missingMonths.length} of ${x.expectedMonths} months (${listWords(x.missingMonths.map((m) => `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`))}): these are gaps in publication, not falls in crime.`;
  }
}

/** A figure's value as read in the evidence list, suppressed like the sentence. */
export function figureWords(g: FindingFigure, ed: Edition): string {
  if (g.value === null) return 'not available';
  if (typeof g.value === 'string') return g.value;
  switch (g.unit) {
    case 'count':
      return countWords(g.value, ed);
    case 'p':
      return fmtP(g.value);
    case 'share':
      return pct(g.value);
    case 'percent':
      return `${g.value >= 0 ? '+' : '\u2212'}${Math.abs(Math.round(g.value))}%`;
    case 'rate':
      return g.value.toFixed(1);
    default:
      return Number.isInteger(g.value) ? countWords(g.value, ed) : fmtRatio(g.value);
  }
}

/** The figures shown as a finding's evidence: in the published edition, those derived from a withheld count are dropped. */
export function shownFigures(f: Finding, ed: Edition): FindingFigure[] {
  const withheld = f.figures.some((g) => g.unit === 'count' && typeof g.value === 'number' && isSuppressed(g.value, ed));
  return withheld ? f.figures.filter((g) => g.unit === 'count' || g.unit === 'text' || g.unit === 'rank').filter((g) => g.unit !== 'text') : f.figures;
}

/** A finding's evidence as label and words: what it compares and by which test, then its figures as the edition shows them. */
export function evidenceRows(f: Finding, ed: Edition): [string, string][] {
  // Labels start with a capital, but for p (a symbol, always lower case).
  const label = (text: string): string => (/^p\b/.test(text) ? text : capitalise(text));
  return [
    ...(f.comparison ? [['Compared', f.comparison] as [string, string]] : []),
    ...(f.test ? [['Test', f.test.pAdjusted !== null ? `${f.test.method}, p adjusted for multiple tests` : f.test.method] as [string, string]] : []),
    ...shownFigures(f, ed).map((g): [string, string] => [label(g.label), figureWords(g, ed)]),
  ];
}

/** Every finding of the full edition as a sentence (for the command line). */
export function findingSentences(a: Assessment): string[] {
  const ed: Edition = { public: false, suppressBelow: a.document?.suppressBelow ?? 5 };
  return a.findings.map((f) => findingSentence(f, a, ed));
}
