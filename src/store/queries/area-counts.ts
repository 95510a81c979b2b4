import type { Store } from '../store.ts';

/** Counts of one area's incidents by month, category, locality and whether they fell in a configured place. */
export interface AreaCountRow {
  month: string;
  category: string;
  locality: string | null;
  lsoa: string | null;
  count: number;
}

export function buildAreaCountsSql(): string {
  return `SELECT month_key AS month, category, locality, lsoa, count(*) AS count
    FROM incident_geo
    WHERE district_code = $area AND month_key BETWEEN $from AND $to
    GROUP BY ALL ORDER BY ALL`;
}

export async function queryAreaCounts(store: Store, area: string, from: string, to: string): Promise<AreaCountRow[]> {
  return store.all<AreaCountRow>(buildAreaCountsSql(), { area, from, to });
}

/** Incidents a force recorded with no location at all (no coordinates, no LSOA): they belong to no district. */
export async function queryUnlocated(store: Store, force: string, from: string, to: string): Promise<{ crime: number; asb: number }> {
  const r = await store.one<{ crime: number; asb: number }>(
    `SELECT count(*) FILTER (WHERE category <> 'Anti-social behaviour') AS crime, count(*) FILTER (WHERE category = 'Anti-social behaviour') AS asb
     FROM incident_geo WHERE force = $force AND lsoa IS NULL AND lon IS NULL AND month_key BETWEEN $from AND $to`,
    { force, from, to },
  );
  return r ?? { crime: 0, asb: 0 };
}

/** Months of the period in which the force has any police data. */
export async function queryMonthsWithData(store: Store, force: string, from: string, to: string): Promise<string[]> {
  const rows = await store.all<{ month: string }>(
    `SELECT DISTINCT month_key AS month FROM incident_geo WHERE force = $force AND month_key BETWEEN $from AND $to ORDER BY 1`,
    { force, from, to },
  );
  return rows.map((r) => r.month);
}

/** Residents of each locality and of the area, summed from LSOAs in the population year. */
export async function queryPopulation(store: Store, area: string, year: number): Promise<{ locality: string | null; population: number }[]> {
  return store.all(
    `SELECT g.locality, sum(p.population) AS population FROM lsoa_geo g JOIN population p ON p.code = g.lsoa_code AND p.year = $year
     WHERE g.district_code = $area GROUP BY ALL`,
    { area, year },
  );
}

export async function queryDistrictPopulation(store: Store, area: string, year: number): Promise<number | null> {
  const r = await store.one<{ population: number }>(`SELECT population FROM population WHERE code = $area AND year = $year`, { area, year });
  return r?.population ?? null;
}

export async function queryLocalityBoundaries(store: Store): Promise<{ name: string; geometry: string }[]> {
  return store.all(`SELECT code AS name, geometry FROM boundaries WHERE level = 'locality' ORDER BY code`);
}

/** Whether the incident data (police and incident extracts) is synthetic, real, or both. Partner datasets say so per issue. */
export async function queryDataProvenance(store: Store): Promise<{ synthetic: number; real: number }> {
  const r = await store.one<{ synthetic: number; real: number }>(
    `SELECT count(*) FILTER (WHERE synthetic) AS synthetic, count(*) FILTER (WHERE NOT synthetic) AS real FROM loads WHERE source <> 'partner'`,
  );
  return r ?? { synthetic: 0, real: 0 };
}

/** Rows loaded per force and month in the period: the coverage of each publisher. */
export async function queryForceMonthRows(store: Store, from: string, to: string): Promise<{ force: string; month: string; rows: number }[]> {
  return store.all(
    `SELECT force, month_key AS month, count(*) AS rows FROM incident_geo WHERE month_key BETWEEN $from AND $to AND force IS NOT NULL GROUP BY ALL ORDER BY ALL`,
    { from, to },
  );
}

/** The forces whose rows fall in each district (a district's figures need every one of them to have data). */
export async function queryDistrictForces(store: Store, from: string, to: string): Promise<{ district: string; force: string }[]> {
  return store.all(
    `SELECT DISTINCT district_name AS district, force FROM incident_geo WHERE month_key BETWEEN $from AND $to AND district_name IS NOT NULL AND force IS NOT NULL ORDER BY ALL`,
    { from, to },
  );
}
