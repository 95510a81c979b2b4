import type { MultiPolygon, Polygon } from 'geojson';
import type { HotspotLsoa } from '../analysis/hotspots.ts';
import { cspError } from '../errors.ts';
import { buildAreaLsoasSql } from '../store/queries/build-points-sql.ts';
import type { Store } from '../store/store.ts';

/**
 * The LSOAs of a district (or of the whole geography), with locality and WGS84 polygon. Without LSOA
 * boundaries a command that needs them is refused; the assessment passes `optional` and leaves out
 * what needs geometry (an area may have only a lookup).
 */
export async function loadAreaLsoas(store: Store, district: string | undefined, options: { optional?: boolean } = {}): Promise<HotspotLsoa[]> {
  const rows = await store.all<{ code: string; name: string | null; locality: string | null; geometry: string }>(buildAreaLsoasSql(district !== undefined), district ? { district } : undefined);
  if (rows.length === 0 && !options.optional) {
    throw cspError('CSP_ERR_STORE_EMPTY', district ? `no LSOA boundaries for district "${district}": check the name or load geography` : 'no LSOA boundaries: load geography first');
  }
  return rows.map((r) => ({ code: r.code, name: r.name, locality: r.locality, geometry: JSON.parse(r.geometry) as Polygon | MultiPolygon }));
}
