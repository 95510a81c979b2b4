import type { MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface GroupedArea {
  code: string;
  group: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * Dissolves small areas into the boundaries of their groups (LSOAs into localities). Going through a
 * topology makes shared edges exact, so the union has no slivers where neighbours meet.
 */
export function dissolveAreas(areas: readonly GroupedArea[]): Map<string, MultiPolygon> {
  const features = Object.fromEntries(
    areas.map((a, i) => [`a${i}`, { type: 'Feature' as const, properties: { group: a.group }, geometry: a.geometry }]),
  );
  const topo = topology(features as never, 1e6) as unknown as Topology;
  const byGroup = new Map<string, GeometryCollection['geometries']>();
  for (const [key, object] of Object.entries(topo.objects)) {
    const group = (object as { properties?: { group: string } }).properties?.group;
    if (group === undefined) continue;
    const list = byGroup.get(group) ?? [];
    list.push(topo.objects[key] as never);
    byGroup.set(group, list);
  }
  const out = new Map<string, MultiPolygon>();
  for (const [group, geometries] of byGroup) out.set(group, merge(topo, geometries as never) as MultiPolygon);
  return out;
}
