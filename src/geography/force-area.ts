import type { PeriodRange } from '../assessment/model.ts';
import type { Store } from '../store/store.ts';

/** How the force area's districts were chosen. */
export type ForceAreaBasis = 'list' | 'property' | 'incidents';

/** Share of the force's located incidents a district must hold to count as part of the force area when none is configured. */
export const FORCE_AREA_MIN_SHARE = 0.005;

/**
 * The districts of the force area: as configured (`area.forceAreaDistricts`, or
 * `geography.districts.forceArea`, stored at `ingest geography`), else the districts holding at least
 * 0.5% of the force's located incidents in the period, so a few records a force publishes over its
 * border do not add a neighbouring district, and a national district file is never taken whole.
 */
export async function queryForceArea(store: Store, force: string, period: Pick<PeriodRange, 'from' | 'to'>): Promise<{ codes: Set<string>; basis: ForceAreaBasis }> {
  const configured = await store.all<{ code: string; basis: 'list' | 'property' }>(`SELECT district_code AS code, basis FROM force_area ORDER BY 1`);
  if (configured.length > 0) return { codes: new Set(configured.map((r) => r.code)), basis: configured[0]!.basis };
  const rows = await store.all<{ code: string }>(
    `WITH c AS (SELECT district_code AS code, count(*) AS n FROM incident_geo
       WHERE force = $1 AND month_key BETWEEN $2 AND $3 AND district_code IS NOT NULL GROUP BY 1)
     SELECT code FROM c WHERE n >= $4 * (SELECT sum(n) FROM c) ORDER BY 1`,
    [force, period.from, period.to, FORCE_AREA_MIN_SHARE],
  );
  return { codes: new Set(rows.map((r) => r.code)), basis: 'incidents' };
}
