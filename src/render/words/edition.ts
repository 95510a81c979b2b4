/**
 * Which edition a document is written for, and the one rule for small numbers: in the published
 * edition every count from 1 to `suppressBelow - 1` is shown as "fewer than N". Every sentence,
 * table and sheet writer asks here, so the threshold lives in configuration and nowhere else.
 */
import { fmtCount } from '../html/format.ts';

export interface Edition {
  /** The published edition: restricted themes out, small counts suppressed. */
  public: boolean;
  /** `thresholds.suppressBelow` from configuration: counts 1 to this minus one are suppressed. */
  suppressBelow: number;
  /** Protective marking printed on every page of the full edition, e.g. "OFFICIAL-SENSITIVE". */
  marking?: string | null;
}

export const FULL_EDITION: Edition = { public: false, suppressBelow: 5 };

/** Whether a count is withheld in this edition. */
export function isSuppressed(n: number | null | undefined, ed: Edition): boolean {
  return ed.public && n !== null && n !== undefined && Number.isInteger(n) && n >= 1 && n < ed.suppressBelow;
}

/** The words shown instead of a withheld count. */
export const suppressedWords = (ed: Edition): string => `fewer than ${ed.suppressBelow}`;

/** A count as the edition shows it: "1,234", or "fewer than 5" in the published edition. */
export function countWords(n: number | null | undefined, ed: Edition): string {
  if (n === null || n === undefined) return 'not available';
  return isSuppressed(n, ed) ? suppressedWords(ed) : fmtCount(n);
}

/** Ordinals as read: 1st, 2nd, 3rd, 11th, 22nd. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * A rank as a reader says it, from rank 1 = highest of `of`: "the highest of 10", "2nd highest of 10",
 * "3rd lowest of 10" (ranks in the lower half are counted from the bottom), "the lowest of 10".
 */
export function rankWords(rankFromHighest: number, of: number): string {
  if (rankFromHighest === 1) return `the highest of ${of}`;
  if (rankFromHighest === of) return `the lowest of ${of}`;
  const fromLowest = of - rankFromHighest + 1;
  return rankFromHighest <= fromLowest ? `${ordinal(rankFromHighest)} highest of ${of}` : `${ordinal(fromLowest)} lowest of ${of}`;
}

/** Sentence case for category names: "Violence and sexual offences" stays, "Anti-social behaviour" stays, first letter up. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Category names mid-sentence: lower case except acronyms (ASB, CSE, OCG). */
export function midSentence(text: string): string {
  return text
    .split(' ')
    .map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}
