/**
 * A KDE surface as an SVG heat map clipped to one locality: BNG grid cells, run-length merged along
 * rows, projected with d3-geo (transverse Mercator on 2°W, as the locality maps) and clipped to the
 * locality's outline. Classes are shared by every locality of a layer, so maps compare.
 */
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { KdeLayer } from '../../../assessment/analysis-model.ts';
import { toBngMany, toWgs84Many } from '../../../geography/projection.ts';
import { mapFurniture } from '../../maps/furniture.ts';
import { chartFont, palette } from '../../charts/palette.ts';
import { esc } from '../../html/format.ts';
import { MAP_ATTRIBUTION } from '../../maps/choropleth.ts';
import { rewindForD3 } from '../../maps/rewind.ts';

/** Light to dark: low density pale yellow, high dark red (ColorBrewer YlOrRd, 5 classes). */
export const HEAT_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** Class thresholds: the 50th, 75th, 90th, 95th and 99th percentiles of the layer's positive densities. */
export function heatBreaks(layer: KdeLayer): number[] {
  const positive = layer.values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  return [0.5, 0.75, 0.9, 0.95, 0.99].map((q) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))]!);
}

const classOf = (v: number, breaks: readonly number[]): number => {
  let k = -1;
  for (let i = 0; i < breaks.length; i++) if (v >= breaks[i]!) k = i;
  return k;
};

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** Bounding rows and columns of the grid that cover a WGS84 geometry. */
function gridWindow(layer: KdeLayer, g: Polygon | MultiPolygon): { c0: number; c1: number; r0: number; r1: number } {
  const pts: Position[] = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const { xs, ys } = toBngMany(pts.map((p) => p[0]!), pts.map((p) => p[1]!));
  const s = layer.cellSize;
  const clamp = (v: number, max: number): number => Math.max(0, Math.min(max, v));
  return {
    c0: clamp(Math.floor((Math.min(...xs) - layer.x0) / s), layer.width - 1),
    c1: clamp(Math.floor((Math.max(...xs) - layer.x0) / s), layer.width - 1),
    r0: clamp(Math.floor((Math.min(...ys) - layer.y0) / s), layer.height - 1),
    r1: clamp(Math.floor((Math.max(...ys) - layer.y0) / s), layer.height - 1),
  };
}

export interface HeatmapInput {
  layer: KdeLayer;
  locality: Feature<Polygon | MultiPolygon, { name: string }>;
  /** The line to stroke when it is not the shape's own outline (an area built from its LSOAs). */
  outline?: MultiLineString;
  breaks: readonly number[];
  id: string;
  width?: number;
  height?: number;
}

export function heatmapSvg(input: HeatmapInput): string {
  const { layer, breaks, id } = input;
  const width = input.width ?? 300;
  const height = input.height ?? 300;
  const geometry = rewindForD3(input.locality.geometry);
  const feature = { ...input.locality, geometry };
  const projection = geoTransverseMercator().rotate([2, 0]).fitExtent([[6, 6], [width - 6, height - 26]], feature);
  const path = geoPath(projection).digits(1);
  const w = gridWindow(layer, input.locality.geometry);
  const s = layer.cellSize;
  // Runs of equal class along each row: one quadrilateral per run keeps the SVG small.
  const runs: { k: number; c0: number; c1: number; r: number }[] = [];
  for (let r = w.r0; r <= w.r1; r++) {
    let start = -1, cls = -1;
    for (let c = w.c0; c <= w.c1 + 1; c++) {
      const k = c <= w.c1 ? classOf(layer.values[r * layer.width + c]!, breaks) : -2;
      if (k !== cls) {
        if (cls >= 0) runs.push({ k: cls, c0: start, c1: c - 1, r });
        start = c;
        cls = k;
      }
    }
  }
  const bx: number[] = [], by: number[] = [];
  for (const run of runs) {
    const xa = layer.x0 + run.c0 * s, xb = layer.x0 + (run.c1 + 1) * s, ya = layer.y0 + run.r * s, yb = ya + s;
    bx.push(xa, xb, xb, xa);
    by.push(ya, ya, yb, yb);
  }
  const ll = toWgs84Many(bx, by);
  const d = HEAT_COLOURS.map(() => [] as string[]);
  runs.forEach((run, i) => {
    const corners = [0, 1, 2, 3].map((j) => projection([ll.xs[4 * i + j]!, ll.ys[4 * i + j]!]) ?? [0, 0]);
    d[run.k]!.push(`M${corners.map((p) => `${r1(p[0]!)},${r1(p[1]!)}`).join('L')}Z`);
  });
  const outline = path(feature) ?? '';
  const stroke = input.outline ? (path(input.outline) ?? '') : outline;
  const name = input.locality.properties.name;
  const cells = d.map((parts, k) => (parts.length ? `<path d="${parts.join('')}" fill="${HEAT_COLOURS[k]}"/>` : '')).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" class="app-map app-heatmap" role="img" aria-labelledby="${esc(id)}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${chartFont}" font-size="13" fill="${palette.text}" style="max-width:100%;height:auto;background:white">
<title id="${esc(id)}-title">${esc(`${layer.measure.label} density, ${name}`)}</title>
<defs><clipPath id="${esc(id)}-clip"><path d="${outline}"/></clipPath></defs>
<path d="${outline}" fill="#f3f2f1"/>
<g clip-path="url(#${esc(id)}-clip)">${cells}</g>
<path d="${stroke}" fill="none" stroke="${palette.text}" stroke-width="1"/>
<text x="6" y="${height - 8}" font-weight="bold">${esc(name)}</text>
${mapFurniture(projection, width, height - 26)}
</svg>`;
}

/** The shared legend of a layer's heat maps, in incidents per km². */
export function heatLegendSvg(layer: KdeLayer, breaks: readonly number[], id: string): string {
  const fmt = (v: number): string => v.toLocaleString('en-GB', { maximumFractionDigits: v < 10 ? 1 : 0 });
  const lower = `<g transform="translate(8,30)"><rect width="18" height="18" y="-14" fill="#f3f2f1" stroke="${palette.text}" stroke-width="0.5"/><text x="24" y="0">${esc(`under ${fmt(breaks[0] ?? 0)}`)}</text></g>`;
  const items = breaks.map((b, k) => `<g transform="translate(${8 + (k + 1) * 110},30)"><rect width="18" height="18" y="-14" fill="${HEAT_COLOURS[k]}" stroke="${palette.text}" stroke-width="0.5"/><text x="24" y="0">${esc(`${fmt(b)}+`)}</text></g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" role="img" aria-label="${esc(`Legend: ${layer.measure.label} per square kilometre`)}" viewBox="0 0 680 60" width="680" height="60" font-family="${chartFont}" font-size="13" fill="${palette.text}" style="max-width:100%;height:auto">
<text x="8" y="12" font-weight="bold">${esc(`${layer.measure.label} per km² (kernel density, bandwidth ${Math.round(layer.bandwidth)} m)`)}</text>${lower}${items.join('')}
<text x="8" y="56" font-size="11" fill="${palette.secondaryText}">${esc(MAP_ATTRIBUTION)}</text>
</svg>`;
}
