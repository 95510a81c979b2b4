/**
 * SVG choropleths with d3-geo, as plain strings (no DOM), deterministic to the pixel. The generic
 * `choroplethSvg` shades any polygons by a value in five quantile classes; `localityChoroplethSvg`
 * applies it to the assessment's locality boundaries.
 */
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson';
import type { Assessment, LocalityFeatureProperties } from '../../assessment/model.ts';
import { chartFont, palette, sequentialBlues } from '../charts/palette.ts';
import { esc, fmtPeriod, measureOf } from '../html/format.ts';
import { sentenceCase } from '../words/edition.ts';
import { type ClassBreaks, classBreaks, classOf, rampColours } from './class-breaks.ts';
import { type Ring, interiorPoint } from './interior-point.ts';
import { rewindForD3 } from './rewind.ts';
import { mapFurniture } from './furniture.ts';

export const MAP_ATTRIBUTION = 'Contains National Statistics and OS data © Crown copyright and database right';

export type AreaFeature<P> = Feature<Polygon | MultiPolygon, P>;

export interface ChoroplethInput<P> {
  /** WGS84 polygons, either winding order. */
  features: AreaFeature<P>[];
  /** The shaded value; null or NaN draws the area as "no data". */
  value: (f: AreaFeature<P>) => number | null;
  /** The area's name, used as its map label and in its hover title. */
  label: (f: AreaFeature<P>) => string;
  legendTitle: string;
  width: number;
  height: number;
  /** Unique in the page; prefixes the SVG's ids. Default 'map'. */
  id?: string;
  /** Accessible name. Default: the legend title. */
  title?: string;
  /** Value as printed in legend and titles. Default: one decimal, en-GB. */
  format?: (v: number) => string;
  /** Decimals class breaks are rounded to (match `format`). Default 1. */
  decimals?: number;
  /** Text under the map. Default: the National Statistics / OS line. */
  attribution?: string;
  /** Draw area names on the map. Default true. */
  labels?: boolean;
}

const NO_DATA = '#f3f2f1';
const LEGEND_ITEM_WIDTH = 170; // fits "120.5 to under 130.0" at 14px
const LINE = 20;

const defaultFormat = (v: number): string => v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const r2 = (v: number): number => Math.round(v * 100) / 100;

/** Legend rows needed under the map: title line, then swatches wrapping at the width. */
function legendLayout(width: number, items: number): { perRow: number; height: number } {
  const perRow = Math.max(1, Math.floor((width - 16) / LEGEND_ITEM_WIDTH));
  return { perRow, height: LINE + 16 + Math.ceil(items / perRow) * (LINE + 6) };
}

function legendLabels(b: ClassBreaks, format: (v: number) => string): string[] {
  return Array.from({ length: b.classes }, (_, k) => {
    const lo = k === 0 ? b.min : (b.thresholds[k - 1] as number);
    const hi = k === b.classes - 1 ? b.max : (b.thresholds[k] as number);
    return lo === hi ? format(lo) : `${format(lo)} to ${k === b.classes - 1 ? '' : 'under '}${format(hi)}`;
  });
}

function projectedRings(geometry: Polygon | MultiPolygon, project: (p: [number, number]) => [number, number] | null): Ring[] {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // Label the largest part of a multipolygon: the one with most room is normally the main body.
  const rings: Ring[][] = polygons.map((poly) => poly.map((ring) => ring.map((p): [number, number] => project([p[0] ?? 0, p[1] ?? 0]) ?? [0, 0])));
  const area = (ring: Ring): number => Math.abs(ring.reduce((s, [x, y], i) => { const [u, v] = ring[(i + 1) % ring.length] as [number, number]; return s + x * v - u * y; }, 0));
  return rings.reduce((best, r) => (area(r[0] ?? []) > area(best[0] ?? []) ? r : best), rings[0] ?? []);
}

export function choroplethSvg<P>(input: ChoroplethInput<P>): string {
  const { width, height, features } = input;
  const id = input.id ?? 'map';
  const format = input.format ?? defaultFormat;
  const values = features.map((f) => input.value(f));
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const breaks = classBreaks(finite, 5, input.decimals ?? 1);
  const colours = rampColours(sequentialBlues, breaks.classes);
  const hasNoData = finite.length < values.length;
  const labels = legendLabels(breaks, format);
  const legendItems = labels.map((l, k) => ({ label: l, fill: colours[k] as string })).concat(hasNoData ? [{ label: 'No data', fill: NO_DATA }] : []);
  const legend = legendLayout(width, legendItems.length);
  const mapHeight = height - legend.height - LINE - 8;

  // d3-geo's types want object properties; ours are generic, so widen for the projection calls.
  const wound: FeatureCollection<Polygon | MultiPolygon, P & GeoJsonProperties> = { type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: f.properties as P & GeoJsonProperties, geometry: rewindForD3(f.geometry) })) };
  // Transverse Mercator on the British National Grid meridian (2°W): true shapes for GB areas.
  const projection = geoTransverseMercator().rotate([2, 0]).fitExtent([[8, 8], [width - 8, mapHeight - 8]], wound);
  const path = geoPath(projection).digits(2);

  const areas = wound.features.map((f, i) => {
    const v = values[i];
    const ok = v !== null && v !== undefined && Number.isFinite(v);
    const fill = ok ? (colours[classOf(breaks, v)] as string) : NO_DATA;
    const hover = `${input.label(f)}: ${ok ? format(v) : 'no data'}`;
    return `<path d="${path(f) ?? ''}" fill="${fill}" stroke="white" stroke-width="1.5"><title>${esc(hover)}</title></path>`;
  });
  // One outline on top so dark and light neighbours both show their shared edge.
  const outline = `<path d="${path(wound) ?? ''}" fill="none" stroke="${palette.text}" stroke-width="0.75" stroke-opacity="0.6"/>`;

  const names = input.labels === false ? [] : wound.features.map((f) => {
    const p = interiorPoint(projectedRings(f.geometry, (c) => projection(c)));
    return `<text x="${r2(p.x)}" y="${r2(p.y)}" dy="0.35em">${esc(input.label(f))}</text>`;
  });

  const legendTop = mapHeight + 4;
  const legendSvg = legendItems.map((item, k) => {
    const x = 8 + (k % legend.perRow) * LEGEND_ITEM_WIDTH;
    const y = legendTop + LINE + 22 + Math.floor(k / legend.perRow) * (LINE + 6);
    return `<g transform="translate(${x},${y})"><rect width="18" height="18" y="-14" fill="${item.fill}" stroke="${palette.text}" stroke-width="0.5"/><text x="24" y="0">${esc(item.label)}</text></g>`;
  });

  const title = input.title ?? input.legendTitle;
  const desc = `Map of ${features.length} areas shaded in ${breaks.classes} classes of ${input.legendTitle.toLowerCase()}: ${wound.features
    .map((f, i) => `${input.label(f)} ${values[i] === null || values[i] === undefined ? 'no data' : format(values[i] as number)}`)
    .join('; ')}.`;

  return `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" class="app-map" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${chartFont}" font-size="14" fill="${palette.text}" style="max-width:100%;height:auto;background:white">
<title id="${esc(id)}-title">${esc(title)}</title>
<desc id="${esc(id)}-desc">${esc(desc)}</desc>
<g class="app-map__areas">${areas.join('')}</g>
${outline}
<g class="app-map__labels" aria-hidden="true" text-anchor="middle" font-size="13" font-weight="bold" stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${names.join('')}</g>
<g class="app-map__legend" aria-hidden="true"><text x="8" y="${legendTop + 14}" font-weight="bold">${esc(input.legendTitle)}</text>${legendSvg.join('')}</g>
 ${mapFurniture(projection, width, mapHeight)}
<text class="app-map__attribution" x="8" y="${height - 6}" font-size="12" fill="${palette.secondaryText}">${esc(input.attribution ?? MAP_ATTRIBUTION)}</text>
</svg>`;
}

export interface LocalityChoroplethOptions {
  measure?: 'crime' | 'asb';
  width?: number;
  height?: number;
  id?: string;
}

/** Locality boundaries shaded by crime (or ASB) per 1,000 residents in the rate window. */
export function localityChoroplethSvg(a: Assessment, options: LocalityChoroplethOptions = {}): string {
  const measure = options.measure ?? 'crime';
  const what = measure === 'crime' ? sentenceCase(measureOf(a).countNoun) : 'ASB incidents';
  return choroplethSvg<LocalityFeatureProperties>({
    features: a.localityMap.features,
    value: (f) => (measure === 'crime' ? f.properties.crimeRatePer1000 : f.properties.asbRatePer1000),
    label: (f) => f.properties.name,
    legendTitle: `${what} per 1,000 residents, ${fmtPeriod(a.overview.rateWindow)}`,
    title: `${what} per 1,000 residents by locality, ${a.area.name}`,
    width: options.width ?? 480,
    height: options.height ?? 560,
    id: options.id ?? `map-localities-${measure}`,
  });
}
