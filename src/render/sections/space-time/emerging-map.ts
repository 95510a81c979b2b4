/**
 * A map of emerging hot spot categories: LSOA polygons filled by category (ArcGIS-like reds for hot
 * patterns, blues for cold, pale grey for no pattern), with a legend of the categories shown, drawn
 * with d3-geo on the British National Grid meridian as the other maps are.
 */
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon } from 'geojson';
import type { EmergingCategory } from '../../../analysis/spatial/emerging-hotspots.ts';
import { EMERGING_CATEGORIES } from '../../../analysis/spatial/emerging-hotspots.ts';
import type { EmergingSection } from '../../../assessment/sections/space-time.ts';
import { chartFont, palette } from '../../charts/palette.ts';
import { esc } from '../../html/format.ts';
import { MAP_ATTRIBUTION } from '../../maps/choropleth.ts';
import { rewindForD3 } from '../../maps/rewind.ts';

/** Fill per category: darker = stronger or more lasting; hot red, cold blue. */
export const categoryColour: Record<EmergingCategory, string> = {
  'new-hot': '#f4b9b2',
  'consecutive-hot': '#ec8a7f',
  'intensifying-hot': '#8f1d16',
  'persistent-hot': '#ca3535',
  'diminishing-hot': '#e0632a',
  'sporadic-hot': '#f8dcd3',
  'oscillating-hot': '#a64d79',
  'historical-hot': '#8a6d5a',
  'new-cold': '#c6dbef',
  'consecutive-cold': '#9ecae1',
  'intensifying-cold': '#08306b',
  'persistent-cold': '#1d70b8',
  'diminishing-cold': '#4292c6',
  'sporadic-cold': '#deebf7',
  'oscillating-cold': '#6a51a3',
  'historical-cold': '#5a6f80',
  none: '#f3f2f1',
};

/** 'intensifying-hot' → "Intensifying hot spot"; 'none' → "No pattern". */
export function categoryLabel(c: EmergingCategory): string {
  if (c === 'none') return 'No pattern';
  const [pattern, side] = c.split('-') as [string, string];
  return `${pattern.charAt(0).toUpperCase()}${pattern.slice(1)} ${side} spot`;
}

export interface EmergingMapInput {
  map: EmergingSection['map'];
  /** Only the LSOAs of this locality (null: every LSOA). */
  locality: string | null;
  /** Categories in the legend (shared across maps so colours read the same). */
  legend: readonly EmergingCategory[];
  width: number;
  height: number;
  id: string;
  title: string;
  /** Draw the boundary attribution line (small multiples leave it to the main map). Default true. */
  attribution?: boolean;
}

const ITEM = 200, LINE = 22;

export function emergingMapSvg(input: EmergingMapInput): string {
  const { width, height, id } = input;
  const features = input.map.features.filter((f) => input.locality === null || f.properties.locality === input.locality);
  const perRow = Math.max(1, Math.floor((width - 16) / ITEM));
  const legendHeight = input.legend.length ? LINE + Math.ceil(input.legend.length / perRow) * LINE + 16 : 0;
  const attribution = input.attribution ?? true;
  const mapHeight = height - legendHeight - (attribution ? 22 : 4);
  const wound: FeatureCollection<Polygon | MultiPolygon, GeoJsonProperties> = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ ...f, properties: { ...f.properties }, geometry: rewindForD3(f.geometry) })),
  };
  const projection = geoTransverseMercator().rotate([2, 0]).fitExtent([[6, 6], [width - 6, mapHeight - 6]], wound);
  const path = geoPath(projection).digits(1);
  const areas = wound.features.map((f, i) => {
    const p = features[i]!.properties;
    const hover = `${p.location}${p.locality ? ` (${p.locality})` : ''}: ${categoryLabel(p.category)}; hot in ${p.hotSteps}, cold in ${p.coldSteps} months; trend z ${p.trendZ.toFixed(2)}`;
    return `<path d="${path(f) ?? ''}" fill="${categoryColour[p.category]}" stroke="white" stroke-width="0.6"><title>${esc(hover)}</title></path>`;
  });
  const outline = `<path d="${path(wound) ?? ''}" fill="none" stroke="${palette.text}" stroke-width="0.8" stroke-opacity="0.7"/>`;
  const legend = input.legend.map((c, k) => {
    const x = 8 + (k % perRow) * ITEM, y = mapHeight + LINE + Math.floor(k / perRow) * LINE + 12;
    return `<g transform="translate(${x},${y})"><rect width="16" height="16" y="-13" fill="${categoryColour[c]}" stroke="${palette.text}" stroke-width="0.5"/><text x="22" y="0">${esc(categoryLabel(c))}</text></g>`;
  });
  const counts = EMERGING_CATEGORIES.map((c) => [c, features.filter((f) => f.properties.category === c).length] as const).filter(([, n]) => n > 0);
  const desc = `Map of ${features.length} LSOAs by emerging hot spot category: ${counts.map(([c, n]) => `${categoryLabel(c).toLowerCase()} ${n}`).join('; ')}.`;
  return `<svg xmlns="http://www.w3.org/2000/svg" id="${esc(id)}" class="app-map" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${chartFont}" font-size="13" fill="${palette.text}" style="max-width:100%;height:auto;background:white">
<title id="${esc(id)}-title">${esc(input.title)}</title>
<desc id="${esc(id)}-desc">${esc(desc)}</desc>
<g class="app-map__areas">${areas.join('')}</g>
${outline}
${input.legend.length ? `<g class="app-map__legend" aria-hidden="true"><text x="8" y="${mapHeight + 12}" font-weight="bold">Emerging hot spot category</text>${legend.join('')}</g>` : ''}
${attribution ? `<text class="app-map__attribution" x="8" y="${height - 6}" font-size="11" fill="${palette.secondaryText}">${esc(MAP_ATTRIBUTION)}</text>` : ''}
</svg>`;
}
