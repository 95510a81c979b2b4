/** Hotspots: Gi* hot spot LSOAs with persistence, grid Gi*, and KDE heat maps per locality. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { HotspotsSection, KdeLayer } from '../../../assessment/analysis-model.ts';
import type { Assessment } from '../../../assessment/model.ts';
import { figure, sectionHeading } from '../../html/figure.ts';
import { esc, fmtCount, fmtP, fmtPeriod } from '../../html/format.ts';
import { govukTable } from '../../html/table.ts';
import { type AreaShape, areaShape } from '../../maps/area-outline.ts';
import { heatBreaks, heatLegendSvg, heatmapSvg } from './heatmap.ts';

function heatMaps(a: Assessment, whole: AreaShape | null, layer: KdeLayer, n: number): string {
  const breaks = heatBreaks(layer);
  if (breaks.length === 0) return '';
  const byLocality = whole === null;
  const maps = whole
    ? [heatmapSvg({ layer, locality: whole.shape, outline: whole.outline, breaks, id: `heat-${n}-0`, width: 560, height: 600 })]
    : a.localityMap.features.map((f, i) => heatmapSvg({ layer, locality: f as Feature<Polygon | MultiPolygon, { name: string }>, breaks, id: `heat-${n}-${i}` }));
  return `<h3 class="govuk-heading-m">Heat maps: ${esc(layer.measure.label.toLowerCase())}</h3>
<p class="govuk-body">Kernel density of ${fmtCount(layer.points)} located incidents on a ${layer.cellSize} m British National Grid (EPSG:27700), Gaussian kernel with a ${Math.round(layer.bandwidth)} m bandwidth (${layer.bandwidthRule === 'given' ? 'chosen for this assessment' : layer.bandwidthRule === 'minimum' ? 'two cells: the incidents have too little spread for the normal-reference rule' : 'normal-reference rule'}).${byLocality ? ` The colour classes are shared by every locality, so darker means more incidents per km² anywhere in ${esc(a.area.name)}.` : ''}</p>
${
  layer.peaks.length
    ? govukTable({
        caption: `The heat maps as data: highest density peaks, ${layer.measure.label.toLowerCase()}`,
        className: 'app-table--compact',
        columns: [{ header: 'Peak' }, ...(byLocality ? [{ header: 'Locality' }] : []), { header: 'Incidents per km²', numeric: true }, { header: 'Longitude', numeric: true }, { header: 'Latitude', numeric: true }],
        rows: layer.peaks.map((p, k) => [String(k + 1), ...(byLocality ? [p.locality ?? 'outside every locality'] : []), p.density.toFixed(1), p.lon.toFixed(4), p.lat.toFixed(4)]),
      })
    : ''
}
${figure(`<div class="app-heatmaps" style="display:flex;flex-wrap:wrap;gap:8px">${maps.join('\n')}</div>${heatLegendSvg(layer, breaks, `heat-${n}-legend`)}`, `${layer.measure.label} density ${byLocality ? 'by locality' : `in ${a.area.name}`}, ${fmtPeriod(layer.period)}`)}`;
}

function giTable(h: HotspotsSection, byLocality: boolean): string {
  const hot = h.gi.filter((g) => g.class === 'hot').sort((x, y) => y.z - x.z);
  if (hot.length === 0) return `<p class="govuk-body">No LSOA is a statistically significant hot spot after correction for multiple testing.</p>`;
  return govukTable({
    caption: `Hot spot LSOAs (Getis-Ord Gi*, adjusted p < ${h.alpha})`,
    className: 'app-table--compact',
    columns: [{ header: 'LSOA' }, ...(byLocality ? [{ header: 'Locality' }] : []), { header: 'Incidents', numeric: true }, { header: 'Gi* z', numeric: true }, { header: 'Adjusted p', numeric: true }, { header: 'Across years' }],
    rows: hot.slice(0, 15).map((g) => [`${g.name ?? g.lsoa} (${g.lsoa})`, ...(byLocality ? [g.locality ?? 'none'] : []), fmtCount(g.count), g.z.toFixed(2), fmtP(g.pAdjusted).replace(/^p =? ?/, ''), `${g.persistence} (hot in ${g.hotYears} of ${h.years.length})`]),
  });
}

export function renderHotspots(a: Assessment): string {
  const h = a.analysis?.hotspots;
  if (!h) return '';
  const hot = h.gi.filter((g) => g.class === 'hot').length;
  const cold = h.gi.filter((g) => g.class === 'cold').length;
  const persistent = h.gi.filter((g) => g.persistence === 'persistent').length;
  // Without localities, one heat map of the whole area, drawn from its LSOAs (built once for every layer).
  const whole = a.localityMap.features.length > 0 ? null : areaShape(h.giMap, a.area.name);
  const grid = h.grid
    ? `<p class="govuk-body">On a regular ${h.grid.cellSize} m grid over ${esc(a.area.name)} (${fmtCount(h.grid.cells)} cells), ${fmtCount(h.grid.hot)} cells are hot spots and ${fmtCount(h.grid.cold)} cold spots.</p>`
    : '';
  return `${sectionHeading('hotspots', 'Hotspots')}
<p class="govuk-body">Getis-Ord Gi* compares each LSOA and its neighbours (LSOAs sharing a boundary point, queen contiguity) with ${esc(a.area.name)} as a whole; p-values are adjusted for the ${fmtCount(h.gi.length)} simultaneous tests (Benjamini-Hochberg). For ${esc(h.measure.label.toLowerCase())}, ${esc(fmtPeriod(h.period))}: ${fmtCount(hot)} hot spot and ${fmtCount(cold)} cold spot LSOAs; ${fmtCount(persistent)} hot in every one of the ${h.years.length} yearly windows.</p>
${giTable(h, a.localities.length > 0)}
${grid}
${h.kde.map((layer, i) => heatMaps(a, whole, layer, i)).join('\n')}`;
}
