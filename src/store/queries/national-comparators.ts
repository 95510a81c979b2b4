import type { NationalComparatorRow } from '../../analysis/types.ts';
import type { Store } from '../store.ts';

/** The England and Wales comparators loaded (dataset national-comparators); empty when none are. */
export async function queryNationalComparators(store: Store): Promise<NationalComparatorRow[]> {
  return store.all<NationalComparatorRow>(
    `SELECT measure, period, area_code AS "areaCode", area_name AS "areaName", count, population, rate_per_1000 AS "ratePer1000"
     FROM partner_national_comparators ORDER BY area_code, measure, period`,
  );
}
