/**
 * Small-number suppression of every table in the published edition, applied to the rendered HTML so
 * no table escapes it. Primary: a count from 1 to the threshold minus one becomes "fewer than N".
 * Secondary: where a suppressed count could be worked out, from the column's total row or the row's
 * total column, the next smallest count in that column or row is withheld too, and percentages and
 * rates in a row with a withheld count are withheld (they would give it back).
 */
import { parseHTML } from 'linkedom';
import { type Edition, isSuppressed, suppressedWords } from './edition.ts';

export const WITHHELD = 'withheld';

/** Columns whose whole numbers are not counts of incidents or people. */
export const NOT_COUNT = /times raised|issues recorded|rank|decile|year|harm|likelihood|concern|position|risk|workshops|localities|lsoas|\bz\b|p-?value|adjusted p|per 1,000|per 10,000|per 100,000|rate|ratio|share|%|change|significant|mean|score|cell|metres|days|pairs|permutations/i;
/** Columns derived from a row's counts. */
/** Tables of scores or of neighbourhoods, not of incidents or people. */
const NOT_COUNT_TABLE = /IMD|decile|priority matrix|evidence behind/i;
const DERIVED = /share|%|per 1,000|per 10,000|per 100,000|rate|change/i;
const TOTAL = /^(all|total)\b/i;

const INTEGER = /^\d{1,3}(,\d{3})*$|^\d+$/;

interface Cell {
  el: Element;
  value: number | null;
  suppressed: boolean;
}

function parseCount(text: string, ed: Edition): { value: number | null; suppressed: boolean } {
  const t = text.trim();
  if (t === suppressedWords(ed)) return { value: null, suppressed: true };
  if (!INTEGER.test(t)) return { value: null, suppressed: false };
  return { value: Number(t.replace(/,/g, '')), suppressed: false };
}

function suppressTable(table: Element, ed: Edition): void {
  if (NOT_COUNT_TABLE.test(table.querySelector('caption')?.textContent ?? '')) return;
  const header = Array.from(table.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').trim());
  const bodyRows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')));
  const footRow = Array.from(table.querySelectorAll('tfoot tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')))[0] ?? null;
  const countCol = header.map((h, c) => c > 0 && !NOT_COUNT.test(h) && bodyRows.some((r) => r[c] && parseCount(r[c]!.textContent ?? '', ed).value !== null));
  const cells: Cell[][] = bodyRows.map((r) =>
    r.map((el, c) => {
      const p = countCol[c] ? parseCount(el.textContent ?? '', ed) : { value: null, suppressed: false };
      return { el, value: p.value, suppressed: p.suppressed };
    }),
  );
  const withhold = (cell: Cell, words: string) => {
    cell.suppressed = true;
    cell.el.textContent = words;
  };
  // Primary suppression.
  for (const row of cells) for (const cell of row) if (cell.value !== null && cell.value >= 1 && cell.value < ed.suppressBelow) withhold(cell, suppressedWords(ed));
  // Secondary suppression, repeated until nothing more can be derived.
  const totalCol = header.findIndex((h, c) => countCol[c] && TOTAL.test(h));
  for (let changed = true; changed; ) {
    changed = false;
    const lines: Cell[][] = [];
    if (footRow) for (let c = 1; c < header.length; c++) if (countCol[c]) lines.push(cells.map((r) => r[c]).filter((x): x is Cell => x !== undefined));
    if (totalCol > 0) for (const r of cells) lines.push(r.filter((_, c) => countCol[c] && c !== totalCol));
    for (const line of lines) {
      if (line.filter((x) => x.suppressed).length !== 1) continue;
      const next = line.filter((x) => !x.suppressed && x.value !== null && x.value > 0).sort((x, y) => x.value! - y.value!)[0];
      if (next) {
        withhold(next, WITHHELD);
        changed = true;
      }
    }
  }
  // Figures derived from a withheld count in the same row.
  for (const row of cells) {
    if (!row.some((x) => x.suppressed)) continue;
    row.forEach((cell, c) => {
      if (c > 0 && !countCol[c] && DERIVED.test(header[c] ?? '') && /\d/.test(cell.el.textContent ?? '')) withhold(cell, WITHHELD);
    });
  }
}

/** The published edition's tables, suppressed, and its charts resting on a small count withheld; the full edition is returned unchanged. */
export function suppressReportTables(html: string, ed: Edition): string {
  if (!ed.public) return html;
  const { document } = parseHTML(html);
  for (const table of Array.from(document.querySelectorAll('table'))) suppressTable(table, ed);
  for (const fig of Array.from(document.querySelectorAll('figure[data-least-count]'))) {
    const least = Number(fig.getAttribute('data-least-count'));
    fig.removeAttribute('data-least-count');
    if (!isSuppressed(least, ed)) continue;
    const graphic = fig.querySelector('.app-figure__graphic');
    if (graphic) {
      graphic.innerHTML = `<p class="govuk-body app-figure__withheld">This chart is withheld in the published edition: it rests on counts of ${suppressedWords(ed)}, which its bars or shares would reveal.</p>`;
    }
  }
  return document.toString();
}
