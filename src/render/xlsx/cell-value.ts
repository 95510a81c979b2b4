/**
 * A table cell's text as a spreadsheet value: numbers as numbers with a format ("1,234" → 1234 with
 * #,##0; "23%" → 0.23 with 0%; "−5%" → -0.05), everything else as text. Text from input never starts
 * with = + - @ (formula injection): such text is prefixed with an apostrophe, as OWASP advises.
 */

export interface SheetValue {
  value: string | number;
  /** Excel number format, for numbers. */
  numFmt?: string;
}

const NUMBER = /^[\u2212-]?\d{1,3}(,\d{3})*(\.\d+)?$|^[\u2212-]?\d+(\.\d+)?$/;

/** Text a spreadsheet would treat as a formula or a command (CSV/formula injection). */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Makes input text safe for a cell: a leading formula character is preceded by an apostrophe. */
export function safeText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

export function cellValue(text: string): SheetValue {
  const t = text.trim();
  const pct = /^([+\u2212-]?\d+(\.\d+)?)%$/.exec(t);
  if (pct) {
    const v = Number(pct[1]!.replace('\u2212', '-')) / 100;
    return { value: v, numFmt: pct[2] ? '0.0%' : '0%' };
  }
  if (NUMBER.test(t)) {
    const v = Number(t.replace(/,/g, '').replace('\u2212', '-'));
    const dp = t.includes('.') ? t.split('.')[1]!.length : 0;
    return { value: v, numFmt: dp === 0 ? '#,##0' : `#,##0.${'0'.repeat(dp)}` };
  }
  return { value: safeText(t) };
}
