/**
 * One report per locality: who lives there (residents, IMD 2019 deciles of its LSOAs), its crime and
 * ASB trend with their tests, its top crime categories with their change, its Gi* hot spot LSOAs and
 * its workshop issues. Built from the same area counts as the overview, so the parts add up.
 */
import { fullYears } from '../../analysis/months.ts';
import { adjustChanges, monthlySeries, periodChange, yearPeriod } from '../../analysis/period-change.ts';
import { estimateDispersion } from '../../analysis/stats/dispersion.ts';
import type { GiRow } from '../../analysis/types.ts';
import type { WorkshopLocality } from '../../analysis/workshops.ts';
import { ASB_CATEGORY } from '../../sources/police-csv/kinds.ts';
import type { AreaCountRow } from '../../store/queries/area-counts.ts';
import type { LsoaProfileRow } from '../../store/queries/locality-profile.ts';
import type { ChangeResult } from '../model.ts';

export interface LocalityReport {
  name: string;
  /** Residents in the population year. */
  residents: number;
  /** LSOAs of the locality with residents in the population year. */
  lsoas: number;
  /** LSOAs by IMD decile (1 = most deprived tenth of England), deciles 1-10; empty when deprivation is not loaded. */
  imdDeciles: { decile: number; lsoas: number }[];
  /** Full calendar years: recorded crime and ASB. */
  byYear: { year: number; crime: number; asb: number }[];
  crimeChange: ChangeResult | null;
  asbChange: ChangeResult | null;
  /** The categories most recorded in the last full year (at most five), with their first-to-last full year change (Benjamini-Hochberg across the five). */
  topCategories: { category: string; lastYear: number; change: ChangeResult | null }[];
  /** Its Gi* hot spot LSOAs, highest z first. */
  hotspots: { lsoa: string; name: string | null; count: number; z: number; pAdjusted: number; persistence: GiRow['persistence'] }[];
  /** Its workshop issues, when workshops were recorded. */
  workshop: WorkshopLocality | null;
}

export interface LocalityReportsInput {
  rows: readonly AreaCountRow[];
  lsoas: readonly LsoaProfileRow[];
  localityNames: readonly string[];
  from: string;
  to: string;
  /** 'YYYY-MM' months with police data: the months of each series' dispersion. */
  monthsWithData: readonly string[];
  significance: number;
  gi: readonly GiRow[];
  workshops: readonly WorkshopLocality[];
}

const TOP_CATEGORIES = 5;

export function buildLocalityReports(input: LocalityReportsInput): LocalityReport[] {
  const years = fullYears(input.from, input.to);
  const first = years[0];
  const last = years[years.length - 1];
  return input.localityNames.map((name) => {
    const rows = input.rows.filter((r) => r.locality === name);
    // Each series is tested with its own dispersion, from its monthly counts over the months with data.
    const test = (a: number, b: number, pick: (r: AreaCountRow) => boolean): ChangeResult | null => {
      if (first === undefined || last === undefined || first === last) return null;
      const byMonth = new Map<string, number>();
      for (const r of rows) if (pick(r)) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.count);
      return periodChange(a, b, yearPeriod(first), yearPeriod(last), input.significance, estimateDispersion({ series: monthlySeries(byMonth, input.monthsWithData) }));
    };
    const yearOf = (r: AreaCountRow) => Number(r.month.slice(0, 4));
    const sum = (pred: (r: AreaCountRow) => boolean) => rows.reduce((s, r) => s + (pred(r) ? r.count : 0), 0);
    const byYear = years.map((year) => ({
      year,
      crime: sum((r) => yearOf(r) === year && r.category !== ASB_CATEGORY),
      asb: sum((r) => yearOf(r) === year && r.category === ASB_CATEGORY),
    }));
    const firstRow = byYear[0];
    const lastRow = byYear[byYear.length - 1];
    const lastYearByCategory = new Map<string, number>();
    for (const r of rows) if (r.category !== ASB_CATEGORY && yearOf(r) === last) lastYearByCategory.set(r.category, (lastYearByCategory.get(r.category) ?? 0) + r.count);
    const topCategories = [...lastYearByCategory]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_CATEGORIES)
      .map(([category, lastYear]) => ({ category, lastYear, change: test(sum((r) => r.category === category && yearOf(r) === first), lastYear, (r) => r.category === category) }));
    adjustChanges(topCategories.map((c) => c.change), input.significance);
    // Residents and deprivation from the LSOAs with residents in the population year (one boundary vintage).
    const own = input.lsoas.filter((l) => l.locality === name && l.population !== null);
    const deciles = new Map<number, number>();
    for (const l of own) if (l.imdDecile !== null) deciles.set(l.imdDecile, (deciles.get(l.imdDecile) ?? 0) + 1);
    return {
      name,
      residents: own.reduce((s, l) => s + (l.population ?? 0), 0),
      lsoas: own.length,
      imdDeciles: deciles.size ? Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, lsoas: deciles.get(i + 1) ?? 0 })) : [],
      byYear,
      crimeChange: firstRow && lastRow ? test(firstRow.crime, lastRow.crime, (r) => r.category !== ASB_CATEGORY) : null,
      asbChange: firstRow && lastRow ? test(firstRow.asb, lastRow.asb, (r) => r.category === ASB_CATEGORY) : null,
      topCategories,
      hotspots: input.gi
        .filter((g) => g.locality === name && g.class === 'hot')
        .sort((a, b) => b.z - a.z)
        .map((g) => ({ lsoa: g.lsoa, name: g.name, count: g.count, z: g.z, pAdjusted: g.pAdjusted, persistence: g.persistence })),
      workshop: input.workshops.find((w) => w.locality === name) ?? null,
    };
  });
}
