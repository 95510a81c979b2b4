/**
 * en-GB presentation of model values. Formatting only: every figure comes from the model, nothing is
 * computed here beyond choosing words for a value already there.
 */
import type { Assessment, ChangeResult, PeriodRange } from '../../assessment/model.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234 → "1,234". */
export const fmtCount = (n: number): string => countFormat.format(n);
/** Rates per 1,000 to one decimal: "75.3". */
export const fmtRate = (n: number): string => oneDp.format(n);
/** A mean or expected count, written as rates are (one decimal, grouped): "1,948.9". */
export const fmtMean = fmtRate;
/** Rate ratios and CI bounds: "1.23". */
export const fmtRatio = (n: number): string => twoDp.format(n);
/** A 0-1 share: 0.234 → "23%". */
export const fmtShare = (share: number): string => `${Math.round(share * 100)}%`;

/** A percent change (already in percent): 23.4 → "+23%", -5 → "−5%" (true minus sign). */
export function fmtChangePct(pct: number | null): string {
  if (pct === null) return 'n/a';
  const r = Math.round(pct);
  if (r === 0) return '0%';
  return r > 0 ? `+${r}%` : `\u2212${Math.abs(r)}%`;
}

/** p-values as readers quote them: "p < 0.001", "p = 0.03". */
/** Three decimals below 0.1, so a p-value near a 0.05 threshold never reads as the threshold itself (0.051, not 0.05). */
export function fmtP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2017-06' → "June 2017". */
export function fmtMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** '2017-06' → "Jun". */
export const shortMonth = (m: number): string => (MONTHS[m - 1] ?? String(m)).slice(0, 3);

/** A period as words: "January 2014 to June 2017"; within one year "January to June 2017". */
export function fmtPeriod(p: PeriodRange): string {
  const [fy, fm] = p.from.split('-');
  const [ty] = p.to.split('-');
  if (fy === ty && p.from !== p.to) return `${MONTHS[Number(fm) - 1] ?? fm} to ${fmtMonth(p.to)}`;
  return p.from === p.to ? fmtMonth(p.from) : `${fmtMonth(p.from)} to ${fmtMonth(p.to)}`;
}

/**
 * A year's label, marking partial years by the months they hold: 2017 with 6 months from January →
 * "2017 (Jan-Jun)". The first month comes from the period start when the year is the first year.
 */
export function yearLabel(year: number, months: number, period: PeriodRange): string {
  if (months >= 12) return String(year);
  const [fy, fm] = period.from.split('-').map(Number);
  const first = fy === year && fm !== undefined ? fm : 1;
  return months === 1 ? `${year} (${shortMonth(first)})` : `${year} (${shortMonth(first)}-${shortMonth(first + months - 1)})`;
}

/** Short period label for a change's side: a full calendar year prints as "2014". */
export function changePeriodLabel(p: PeriodRange): string {
  if (p.months === 12 && p.from.endsWith('-01')) return p.from.slice(0, 4);
  return fmtPeriod(p);
}

/** Significance as a plain phrase, always saying when a change could be chance. */
export function significanceWords(c: ChangeResult): string {
  return c.significant ? 'statistically significant' : 'not statistically significant';
}

/** "1.23 (95% CI 1.15 to 1.31)" or "n/a". */
export function fmtRateRatio(c: ChangeResult): string {
  if (c.rateRatio === null) return 'n/a';
  const ci = c.ciLow !== null && c.ciHigh !== null ? ` (95% CI ${fmtRatio(c.ciLow)} to ${fmtRatio(c.ciHigh)})` : '';
  return `${fmtRatio(c.rateRatio)}${ci}`;
}

/**
 * A tested change in one sentence, e.g. "rose 23% from 2014 to 2016 (16,120 to 19,830); this is
 * statistically significant (p < 0.001; rate ratio 1.23, 95% CI 1.20 to 1.26)".
 */
export function changeSentence(c: ChangeResult): string {
  const periods = `from ${changePeriodLabel(c.beforePeriod)} to ${changePeriodLabel(c.afterPeriod)}`;
  const counts = `(${fmtCount(c.before)} to ${fmtCount(c.after)})`;
  const move =
    c.changePct === null
      ? `went from none to ${fmtCount(c.after)} ${periods}`
      : Math.round(c.changePct) === 0
        ? `was unchanged ${periods} ${counts}`
        : `${c.changePct > 0 ? 'rose' : 'fell'} ${Math.abs(Math.round(c.changePct))}% ${periods} ${counts}`;
  const detail = c.rateRatio === null ? fmtP(c.pValue) : `${fmtP(c.pValue)}; rate ratio ${fmtRateRatio(c)}`;
  return `${move}; this is ${significanceWords(c)} (${detail})`;
}

/** Joins phrases as a list in prose: "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the police figures measure, in words (the model's `measure`, named as the renderers use it). */
export function measureOf(a: Assessment): { crime: string; crimeLower: string; countNoun: string; hasAsb: boolean } {
  return { crime: a.measure.label, crimeLower: a.measure.lower, countNoun: a.measure.countNoun, hasAsb: a.measure.includesAsb };
}
