import type { FeatureCollection } from 'geojson';
import { statsHotspots } from '../pipelines/stats.ts';
import { buildCountsSql, type CountDimension } from '../store/queries/build-counts-sql.ts';
import type { Store } from '../store/store.ts';
import type { ResolvedFilter } from './dashboard-filter.ts';

export interface DashboardCounts {
  total: number;
  byMonth: { month: string; count: number }[];
  byCategory: { category: string; count: number }[];
  byLocality: { locality: string; count: number }[];
}

export type MapLayer = 'lsoa' | 'density' | 'gi';

interface Entry<T> {
  answer: Promise<T>;
  /** Stops the computation; fired when the last request waiting for it is abandoned. */
  controller: AbortController;
  waiting: number;
}

/**
 * Answers for the dashboard's filters, cached by filter (oldest dropped first past `size`). Requests
 * for the same answer share one computation, which is stopped only when every one of them has been
 * abandoned; a failed or stopped answer is not kept.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(private readonly size: number) {}

  get(key: string, signal: AbortSignal, compute: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry<T> = { answer: compute(controller.signal), controller, waiting: 0 };
      created.answer.catch(() => this.entries.get(key) === created && this.entries.delete(key));
      this.entries.set(key, created);
      if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
      entry = created;
    }
    const shared = entry;
    shared.waiting++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        if (--shared.waiting === 0 && !settled) {
          shared.controller.abort(signal.reason);
          if (this.entries.get(key) === shared) this.entries.delete(key);
        }
      };
      let settled = false;
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      shared.answer.then(
        (v) => {
          settled = true;
          signal.removeEventListener('abort', leave);
          shared.waiting--;
          resolve(v);
        },
        (e: unknown) => {
          settled = true;
          signal.removeEventListener('abort', leave);
          shared.waiting--;
          reject(e);
        },
      );
    });
  }
}

async function countBy<K extends string>(store: Store, dim: CountDimension, name: K, f: ResolvedFilter): Promise<({ [k in K]: string } & { count: number })[]> {
  const { sql, params } = buildCountsSql([dim], f.incidents);
  const rows = await store.all<Record<string, unknown> & { count: number }>(sql, params);
  return rows.filter((r) => r[dim] !== null).map((r) => ({ [name]: String(r[dim]), count: r.count }) as { [k in K]: string } & { count: number });
}

export async function dashboardCounts(store: Store, f: ResolvedFilter): Promise<DashboardCounts> {
  if (!f.policeMeasured) return { total: 0, byMonth: [], byCategory: [], byLocality: [] };
  const byMonth = await countBy(store, 'month', 'month', f);
  const byCategory = (await countBy(store, 'crime_type', 'category', f)).sort((a, b) => b.count - a.count);
  const byLocality = (await countBy(store, 'locality', 'locality', f)).sort((a, b) => b.count - a.count);
  return { total: byMonth.reduce((s, r) => s + r.count, 0), byMonth, byCategory, byLocality };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Map layers in WGS84: LSOA counts with Gi* z and class (one layer serves the choropleth and Gi*), or
 * density cells. Gi* needs every LSOA's neighbours, so it is computed over the district and a locality
 * filter only chooses which LSOAs are drawn; density is of the locality's incidents.
 */
export async function dashboardLayer(store: Store, f: ResolvedFilter, layer: MapLayer): Promise<FeatureCollection> {
  if (!f.policeMeasured) return EMPTY;
  const { locality, ...district } = f.incidents;
  if (layer === 'density') {
    const r = await statsHotspots(store, f.incidents, { method: 'kde', level: 'grid' }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'CSP_ERR_ANALYSIS_INPUT') return { geojson: EMPTY };
      throw e;
    });
    return r.geojson as FeatureCollection;
  }
  const gi = (await statsHotspots(store, district, { method: 'gi', level: 'lsoa' })).geojson as FeatureCollection;
  if (!locality) return gi;
  const keep = new Set((await store.all<{ code: string }>('SELECT lsoa_code AS code FROM lsoa_geo WHERE locality = $1', [locality])).map((r) => r.code));
  return { ...gi, features: gi.features.filter((x) => keep.has(String(x.properties?.lsoa))) };
}
