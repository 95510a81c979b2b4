/**
 * Observable Plot specs rendered to SVG strings on the server with linkedom. The same spec objects
 * render in a browser (omit `document`). Output is accessible (role="img", <title>, <desc>) and
 * deterministic: ids that Plot numbers from a global counter are renamed from the chart's own id.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { esc } from '../html/format.ts';
import { chartFont, palette } from './palette.ts';

export type LegendShape = 'line' | 'dashed-line' | 'dotted-line' | 'square' | 'triangle' | 'triangle-down';

export interface LegendItem {
  label: string;
  color: string;
  shape: LegendShape;
}

export interface PlotSvgOptions {
  /** Unique in the page; prefixes every id in the SVG. */
  id: string;
  /** Short accessible name (the chart's caption). */
  title: string;
  /** What the chart shows, in words, for screen readers. */
  desc: string;
  /** Legend drawn inside the SVG (in the bottom margin) so the SVG stands alone. */
  legend?: LegendItem[];
  /** A DOM document; a fresh linkedom document when omitted. */
  document?: Document;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Chart defaults: readable type (14px, not Plot's 10px) in the page's font and colour. */
export const plotDefaults = {
  style: { fontSize: '14px', fontFamily: chartFont, color: palette.text, background: 'white', overflow: 'visible' },
} satisfies Plot.PlotOptions;

export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Renders a spec to an SVG element (browser or server). */
export function plotElement(spec: Plot.PlotOptions, options: PlotSvgOptions): SVGSVGElement {
  const document = options.document ?? serverDocument();
  const out = Plot.plot({ ...plotDefaults, ...spec, document }) as Element;
  // Plot wraps in <figure> only when it adds legends or captions; ours are drawn in-SVG instead.
  const svg = (out.tagName.toLowerCase() === 'svg' ? out : out.querySelector('svg')) as SVGSVGElement | null;
  if (!svg) throw new Error(`invalid plot: no svg for ${options.id}`);
  if (options.legend?.length) drawLegend(svg, options.legend, Number(spec.marginLeft ?? 40), Number(spec.height ?? 400) - 14, document);
  accessible(svg, options, document);
  normaliseIds(svg, options.id);
  return svg;
}

/** Renders a spec to an SVG string. */
export function plotSvg(spec: Plot.PlotOptions, options: PlotSvgOptions): string {
  return plotElement(spec, options).outerHTML;
}

function accessible(svg: SVGSVGElement, o: PlotSvgOptions, document: Document): void {
  svg.setAttribute('id', o.id);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${o.id}-title ${o.id}-desc`);
  // Inside role="img" the marks are presentational: Plot's aria-labels on them are not permitted (axe
  // aria-prohibited-attr), so the mark name moves to data-mark.
  for (const el of Array.from(svg.querySelectorAll('[aria-label]'))) {
    el.setAttribute('data-mark', el.getAttribute('aria-label') ?? '');
    el.removeAttribute('aria-label');
  }
  const title = document.createElementNS(SVG_NS, 'title');
  title.setAttribute('id', `${o.id}-title`);
  title.textContent = o.title;
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.setAttribute('id', `${o.id}-desc`);
  desc.textContent = o.desc;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
}

/** Plot's generated ids (clip paths, markers) get `${prefix}-n` in document order; references follow. */
export function normaliseIds(root: Element, prefix: string): void {
  const keep = new Set([prefix, `${prefix}-title`, `${prefix}-desc`]);
  const renames = new Map<string, string>();
  for (const el of Array.from(root.querySelectorAll('[id]'))) {
    const id = el.getAttribute('id');
    if (id === null || keep.has(id)) continue;
    const next = `${prefix}-${renames.size + 1}`;
    renames.set(id, next);
    el.setAttribute('id', next);
  }
  if (renames.size === 0) return;
  const ref = /url\(#([^)]+)\)|^#(.+)$/g;
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (!attr.value.includes('#')) continue;
      const value = attr.value.replace(ref, (m: string, a?: string, b?: string) => {
        const to = renames.get((a ?? b) as string);
        return to === undefined ? m : a !== undefined ? `url(#${to})` : `#${to}`;
      });
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
}

/** Text width estimate for laying out legend items (arial 14px averages ~7.2px a character). */
const textWidth = (s: string): number => s.length * 7.2;

function drawLegend(svg: SVGSVGElement, items: LegendItem[], left: number, y: number, document: Document): void {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'app-legend');
  g.setAttribute('aria-hidden', 'true'); // the desc carries the same information
  let x = left;
  const parts: string[] = [];
  for (const item of items) {
    parts.push(`<g transform="translate(${x},${y})">${swatch(item)}<text x="26" y="5" fill="${palette.text}" text-anchor="start">${esc(item.label)}</text></g>`);
    x += 26 + textWidth(item.label) + 24;
  }
  g.innerHTML = parts.join('');
  svg.appendChild(g);
}

/** Explicit close tags: linkedom parses innerHTML as HTML, where `<line/>` would swallow its siblings. */
function swatch(item: LegendItem): string {
  const c = item.color;
  switch (item.shape) {
    case 'line':
      return `<line x1="0" x2="20" y1="0" y2="0" stroke="${c}" stroke-width="3"></line>`;
    case 'dashed-line':
      return `<line x1="0" x2="20" y1="0" y2="0" stroke="${c}" stroke-width="3" stroke-dasharray="6,3"></line>`;
    case 'dotted-line':
      return `<line x1="0" x2="20" y1="0" y2="0" stroke="${c}" stroke-width="3" stroke-dasharray="2,3"></line>`;
    case 'square':
      return `<rect x="2" y="-8" width="16" height="16" fill="${c}"></rect>`;
    case 'triangle':
      return `<path d="M10,-7L17,6L3,6Z" fill="${c}" stroke="white"></path>`;
    case 'triangle-down':
      return `<path d="M10,7L17,-6L3,-6Z" fill="${c}" stroke="white"></path>`;
  }
}
