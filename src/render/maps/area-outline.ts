/**
 * The whole area as one shape built from its LSOAs, for maps of an area with no localities: the LSOA
 * polygons together (to fill and clip) and the edges on the area's boundary (to stroke), so internal
 * LSOA boundaries are not drawn. An edge belongs to the boundary when no other ring of the set holds it;
 * LSOA boundary files share their vertices along common edges, which this relies on.
 */
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/** Edge key independent of direction, at about 1 cm of precision. */
const edgeKey = (a: Position, b: Position): string => {
  const p = `${a[0]!.toFixed(7)},${a[1]!.toFixed(7)}`, q = `${b[0]!.toFixed(7)},${b[1]!.toFixed(7)}`;
  return p < q ? `${p}|${q}` : `${q}|${p}`;
};

export interface AreaShape {
  /** Every polygon of every LSOA: fill and clip. */
  shape: Feature<MultiPolygon, { name: string }>;
  /** The edges used by one ring only: the area's outline (and any hole). */
  outline: MultiLineString;
}

/** The area's shape and outline from its LSOA features. */
export function areaShape(lsoas: FeatureCollection<Polygon | MultiPolygon>, name: string): AreaShape {
  const polygons: Position[][][] = lsoas.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  const uses = new Map<string, number>();
  const edges: [Position, Position][] = [];
  for (const ring of polygons.flat()) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const k = edgeKey(ring[i]!, ring[i + 1]!);
      const n = uses.get(k) ?? 0;
      uses.set(k, n + 1);
      if (n === 0) edges.push([ring[i]!, ring[i + 1]!]);
    }
  }
  const outer = edges.filter(([a, b]) => uses.get(edgeKey(a, b)) === 1);
  return {
    shape: { type: 'Feature', properties: { name }, geometry: { type: 'MultiPolygon', coordinates: polygons } },
    outline: { type: 'MultiLineString', coordinates: outer.map(([a, b]) => [a, b]) },
  };
}
