// The dashboard's charts (Observable Plot, global `Plot` and `d3` from /assets) and map (MapLibre GL),
// drawn from the JSON API with the page's own filters. No request leaves this server: the map style
// has only GeoJSON sources and a background, and no glyphs.
import * as maplibregl from '/assets/maplibre/maplibre-gl.mjs';

const query = window.location.search;
const GOVUK = { blue: '#1d70b8', red: '#d4351c', darkBlue: '#003078', grey: '#b1b4b6', text: '#0b0c0c' };
const BLUES = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

async function getJson(url) {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

function width(el) {
  return Math.max(280, Math.floor(el.getBoundingClientRect().width));
}

function drawCharts(c) {
  const month = document.getElementById('chart-month');
  const category = document.getElementById('chart-category');
  const locality = document.getElementById('chart-locality');
  const months = c.byMonth.map((d) => ({ date: new Date(`${d.month}-01T00:00:00Z`), count: d.count }));
  month.replaceChildren(
    months.length
      ? Plot.plot({
          width: width(month),
          height: 240,
          marginLeft: 50,
          y: { grid: true, label: 'Incidents', zero: true },
          x: { type: 'utc', label: null },
          marks: [Plot.lineY(months, { x: 'date', y: 'count', stroke: GOVUK.blue, strokeWidth: 2 }), Plot.dot(months, { x: 'date', y: 'count', fill: GOVUK.blue, r: 2, tip: true })],
        })
      : empty(),
  );
  const top = c.byCategory.slice(0, 10);
  category.replaceChildren(
    top.length
      ? Plot.plot({
          width: width(category),
          height: 50 + top.length * 28,
          marginLeft: 200,
          x: { grid: true, label: 'Incidents' },
          y: { label: null, domain: top.map((d) => d.category) },
          marks: [Plot.barX(top, { x: 'count', y: 'category', fill: GOVUK.blue, tip: true }), Plot.ruleX([0])],
        })
      : empty(),
  );
  locality.replaceChildren(
    c.byLocality.length
      ? Plot.plot({
          width: width(locality),
          height: 50 + c.byLocality.length * 28,
          marginLeft: 140,
          x: { grid: true, label: 'Incidents' },
          y: { label: null, domain: c.byLocality.map((d) => d.locality) },
          marks: [Plot.barX(c.byLocality, { x: 'count', y: 'locality', fill: GOVUK.darkBlue, tip: true }), Plot.ruleX([0])],
        })
      : empty(),
  );
}

function empty() {
  const p = document.createElement('p');
  p.className = 'govuk-body';
  p.textContent = 'No incidents under these filters.';
  return p;
}

function bounds(fc) {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else c.forEach(visit);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

/** Quantile class breaks of the positive values (up to five classes). */
function breaks(values, k = 5) {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (!v.length) return [];
  const out = [];
  for (let i = 1; i < k; i++) {
    const b = v[Math.floor((i * v.length) / k)];
    if (b !== undefined && !out.includes(b) && b > 0) out.push(b);
  }
  return out;
}

function stepColour(property, values) {
  const b = breaks(values);
  const expr = ['step', ['get', property], BLUES[0]];
  b.forEach((x, i) => expr.push(x, BLUES[Math.min(i + 1, BLUES.length - 1)]));
  return { expr: b.length ? expr : BLUES[0], breaks: b };
}

function legend(items) {
  const el = document.getElementById('map-legend');
  el.replaceChildren(
    ...items.map(([colour, label]) => {
      const span = document.createElement('span');
      const sw = document.createElement('span');
      sw.className = 'app-legend-swatch';
      sw.style.background = colour;
      span.append(sw, document.createTextNode(label));
      return span;
    }),
  );
}

async function drawMap() {
  const el = document.getElementById('map');
  const [lsoa, density] = await Promise.all([getJson(`/api/dashboard/map/lsoa${query}`), getJson(`/api/dashboard/map/density${query}`)]);
  const map = new maplibregl.Map({
    container: el,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f8f8f8' } }] },
    attributionControl: false,
    interactive: true,
    fadeDuration: 0,
  });
  window.dashboardMap = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.on('load', () => {
    const counts = stepColour('count', lsoa.features.map((f) => f.properties.count));
    const dens = stepColour('value', density.features.map((f) => f.properties.value));
    map.addSource('lsoa', { type: 'geojson', data: lsoa });
    map.addSource('density', { type: 'geojson', data: density });
    map.addLayer({ id: 'lsoa-fill', type: 'fill', source: 'lsoa', paint: { 'fill-color': counts.expr, 'fill-opacity': 0.85 } });
    map.addLayer({
      id: 'gi-fill',
      type: 'fill',
      source: 'lsoa',
      layout: { visibility: 'none' },
      paint: { 'fill-color': ['match', ['get', 'class'], 'hot', GOVUK.red, 'cold', GOVUK.blue, '#ffffff'], 'fill-opacity': 0.8 },
    });
    map.addLayer({ id: 'density-fill', type: 'fill', source: 'density', layout: { visibility: 'none' }, paint: { 'fill-color': dens.expr, 'fill-opacity': 0.9 } });
    map.addLayer({ id: 'lsoa-line', type: 'line', source: 'lsoa', paint: { 'line-color': '#505a5f', 'line-width': 0.4 } });
    const b = bounds(lsoa);
    if (b) map.fitBounds(b, { padding: 10, duration: 0 });
    const legends = {
      lsoa: [[BLUES[0], `fewer than ${counts.breaks[0] ?? 1}`], ...counts.breaks.map((x, i) => [BLUES[Math.min(i + 1, 4)], `${x} or more`])],
      density: [[BLUES[0], 'lower'], [BLUES[4], 'higher density (top 10% of cells)']],
      gi: [[GOVUK.red, 'hot spot (Gi*, significant)'], [GOVUK.blue, 'cold spot'], ['#ffffff', 'neither']],
    };
    const show = (layer) => {
      map.setLayoutProperty('lsoa-fill', 'visibility', layer === 'lsoa' ? 'visible' : 'none');
      map.setLayoutProperty('gi-fill', 'visibility', layer === 'gi' ? 'visible' : 'none');
      map.setLayoutProperty('density-fill', 'visibility', layer === 'density' ? 'visible' : 'none');
      legend(legends[layer]);
    };
    for (const input of document.querySelectorAll('#layers input')) input.addEventListener('change', () => show(input.value));
    show('lsoa');
    el.dataset.ready = 'true';
  });
}

getJson(`/api/dashboard/counts${query}`)
  .then(drawCharts)
  .catch((e) => console.error(e));
drawMap().catch((e) => {
  console.error(e);
  document.getElementById('map').dataset.ready = 'error';
});
