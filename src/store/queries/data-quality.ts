import type { Store } from '../store.ts';

/** The area's incidents in the period by the boundary vintage of the LSOA they were placed in. */
export async function queryLsoaVintages(store: Store, area: string, from: string, to: string): Promise<{ vintage: number | null; lsoas: number; incidents: number }[]> {
  return store.all(
    `SELECT g.vintage, count(DISTINCT i.lsoa) AS lsoas, count(*) AS incidents
     FROM incident_geo i LEFT JOIN lsoa_geo g ON g.lsoa_code = i.lsoa
     WHERE i.district_code = $area AND i.month_key BETWEEN $from AND $to GROUP BY ALL ORDER BY 1`,
    { area, from, to },
  );
}

/** Months whose street file was loaded more than once (a re-supply replaced the earlier load), from the file names. */
export async function queryResuppliedMonths(store: Store): Promise<{ month: string; loads: number }[]> {
  return store.all(
    `SELECT regexp_extract(file, '(\\d{4}-\\d{2})-[^/!]*street', 1) AS month, count(DISTINCT sha256) AS loads
     FROM loads WHERE source = 'police' AND kind = 'street' GROUP BY ALL HAVING month <> '' AND count(DISTINCT sha256) > 1 ORDER BY 1`,
  );
}
