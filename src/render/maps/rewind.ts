/**
 * Ring orientation for d3-geo. GeoJSON (RFC 7946) winds exterior rings anticlockwise; d3-geo works on
 * the sphere and reads an anticlockwise exterior as "everything but this polygon", filling the whole
 * frame. Boundaries arrive either way round, so each ring is set: exteriors clockwise, holes anticlockwise.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Planar shoelace area in lon/lat: positive when anticlockwise (y up). Fine for district-sized rings. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % n] ?? [];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

function orient(ring: Position[], clockwise: boolean): Position[] {
  const anticlockwise = signedArea(ring) > 0;
  return anticlockwise === clockwise ? [...ring].reverse() : ring;
}

const rewindPolygon = (rings: Position[][]): Position[][] => rings.map((r, i) => orient(r, i === 0));

/** A copy of the geometry wound as d3-geo expects. */
export function rewindForD3<G extends Polygon | MultiPolygon>(g: G): G {
  if (g.type === 'Polygon') return { ...g, coordinates: rewindPolygon(g.coordinates) };
  return { ...g, coordinates: (g as MultiPolygon).coordinates.map(rewindPolygon) };
}
