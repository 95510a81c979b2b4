/**
 * The near-repeat window in words (src/analysis/near-repeat-window.ts decides it): the pattern found,
 * or that none is called one, and the significant excesses that are not called near repeats.
 */
import type { KnoxCellLabel, NearRepeatSection, NearRepeatWindowSection } from '../../assessment/sections/space-time.ts';
import { fmtCount, fmtP, fmtRatio, listWords } from '../html/format.ts';

/** "200 m and 7 days" from a band's upper edges, or from its labels when the model has no breaks. */
const edges = (cell: KnoxCellLabel, metres?: number, days?: number): string =>
  metres !== undefined && days !== undefined ? `${metres} m and ${days} days` : `${cell.distance} and ${cell.time}`;

/** The nearest cell in words, "within 200 m and 7 days of each other were 1.79 times as many as chance would give (p = 0.001)", and its edges. */
function nearestPairs(n: NearRepeatSection, nearest: NearRepeatSection['rows'][number]): { words: string; first: string } {
  const first = edges(nearest, n.breaks?.distance[1], n.breaks?.time[1]);
  const ratio = nearest.knoxRatio === null ? 'no pairs expected' : `${fmtRatio(nearest.knoxRatio)} times as many as chance would give`;
  return { words: `within ${first} of each other were ${ratio} (${fmtP(nearest.p)})`, first };
}

/** The window's sentences; none for a model written before windows were kept. */
export function nearRepeatWindowSentences(n: NearRepeatSection): string[] {
  const w: NearRepeatWindowSection | undefined = n.window;
  const nearest = n.rows[0];
  if (!w || !nearest) return [];
  const what = n.category.toLowerCase();
  const rule = `${fmtRatio(w.minRatio)} times or more with p below ${w.alpha}`;
  const { words, first } = nearestPairs(n, nearest);
  const out: string[] = [];
  if (w.found && w.reach) {
    const reach = edges(w.reach, w.reach.metres, w.reach.days);
    out.push(
      `Near repeats: pairs of ${what} incidents ${words}.`,
      reach === first
        ? `No band beyond reaches ${rule}: the raised risk after an incident is confined to ${first}.`
        : `Bands side by side with it reach ${rule} out to ${reach}: the raised risk after an incident extends that far.`,
    );
  } else {
    out.push(`No near-repeat pattern is called: pairs ${words}; a pattern needs ${rule}.`);
  }
  if (w.elsewhere.length) {
    const cells = w.elsewhere.map((c) => {
      const row = n.rows.find((r) => r.distance === c.distance && r.time === c.time);
      return `(${c.distance}, ${c.time}${row?.knoxRatio != null ? `: ${fmtRatio(row.knoxRatio)}` : ''})`;
    });
    out.push(
      `Significant excesses elsewhere, ${listWords(cells)}, are not called near repeats: below ${fmtRatio(w.minRatio)} times or apart from the nearest pairs, they can come from the number of pairs alone, or from parts of the area whose ${what} rose and fell at different times.`,
    );
  }
  return out;
}

/**
 * Points holding an unusual share of the incidents, in words (no coordinates: a place with many
 * incidents may be a victim's home; the model and `stats near-repeat --json` give them to analysts).
 */
export function stackedPlacesSentence(n: NearRepeatSection): string | null {
  const stacks = n.stacked ?? [];
  if (!stacks.length) return null;
  const pairs = stacks.reduce((s, p) => s + p.pairs, 0);
  const held = listWords(stacks.map((p) => fmtCount(p.incidents)));
  const one = stacks.length === 1;
  return `${one ? `One point holds ${held}` : `${fmtCount(stacks.length)} points hold ${held}`} of the dated incidents. That is what ${one ? 'a default location' : 'default locations'} for unmatched addresses would look like, though a place of genuine repeats can too: check the extract. If ${one ? 'it is a default, its' : 'they are defaults, their'} ${fmtCount(pairs)} pairs at 0 m have unrelated dates and pull the nearest Knox ratios towards 1.`;
}

/** The headline finding's sentence: the window of a category with a near-repeat pattern. */
export function nearRepeatFindingSentence(n: NearRepeatSection): string {
  const w = n.window, nearest = n.rows[0];
  if (!w?.found || !w.reach || !nearest) return `${n.category}: no near-repeat pattern is called.`;
  const { words, first } = nearestPairs(n, nearest), reach = edges(w.reach, w.reach.metres, w.reach.days);
  return `${n.category} near repeats: pairs of incidents ${words}${reach === first ? '' : `, and the excess reaches ${reach}`}.`;
}
