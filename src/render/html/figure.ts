/** A chart or map in the page: the SVG (already role="img" with title and desc) and a visible caption. */
import { esc } from './format.ts';

/**
 * `counts`: the counts the chart draws (or derives shares and rates from). The published edition
 * withholds a chart resting on a count below its threshold (src/render/words/suppress-tables.ts).
 */
export function figure(svg: string, caption: string, note?: string, counts: readonly number[] = []): string {
  const noteHtml = note ? `<p class="govuk-body-s app-figure__note">${esc(note)}</p>` : '';
  const positive = counts.filter((n) => n > 0);
  const least = positive.length ? ` data-least-count="${Math.min(...positive)}"` : '';
  return `<figure class="app-figure"${least}>
<figcaption class="govuk-heading-s app-figure__caption">${esc(caption)}</figcaption>
<div class="app-figure__graphic">${svg}</div>
${noteHtml}</figure>`;
}

/** A section's opening h2; its id is the contents-list anchor (report-html wraps the fragment in <section>). */
export function sectionHeading(id: string, heading: string): string {
  return `<h2 class="govuk-heading-l" id="${esc(id)}">${esc(heading)}</h2>`;
}
