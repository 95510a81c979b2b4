/**
 * Map furniture every map carries: a north arrow and a scale bar measured from the map's own
 * projection (pixels per kilometre at the map's centre), so it stays true for any area and size.
 */
import type { GeoProjection } from 'd3-geo';

/** Pixels per kilometre east-west at the centre of the map. */
function pxPerKm(projection: GeoProjection, cx: number, cy: number): number {
  const centre = projection.invert?.([cx, cy]);
  if (!centre) return 0;
  const [lon, lat] = centre;
  const degPerKm = 1 / (111.32 * Math.cos((lat * Math.PI) / 180));
  const a = projection([lon, lat]);
  const b = projection([lon + degPerKm, lat]);
  return a && b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : 0;
}

/** North arrow at the top right and a scale bar at the bottom right of the map area, about a fifth of its width. */
export function mapFurniture(projection: GeoProjection, width: number, mapHeight: number): string {
  const perKm = pxPerKm(projection, width / 2, mapHeight / 2);
  const nice = [0.5, 1, 2, 5, 10, 20, 50].find((km) => km * perKm >= width / 5) ?? 50;
  const len = nice * perKm;
  const x = width - len - 16;
  const y = mapHeight - 8;
  const scale =
    perKm > 0
      ? `<g class="app-map__scale" transform="translate(${x},${y})" font-size="11"><rect width="${(len / 2).toFixed(1)}" height="5" fill="#0b0c0c"/><rect x="${(len / 2).toFixed(1)}" width="${(len / 2).toFixed(1)}" height="5" fill="white" stroke="#0b0c0c" stroke-width="0.75"/><text x="0" y="-4" text-anchor="middle">0</text><text x="${len.toFixed(1)}" y="-4" text-anchor="middle">${nice} km</text></g>`
      : '';
  const north = `<g class="app-map__north" transform="translate(${width - 18},${22})" font-size="11" font-weight="bold" text-anchor="middle"><path d="M0,-14L6,4L0,0L-6,4Z" fill="#0b0c0c"/><text y="16">N</text></g>`;
  return `<g aria-hidden="true">${north}${scale}</g>`;
}
