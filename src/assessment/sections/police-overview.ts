import { ASB_CATEGORY } from '../../sources/police-csv/kinds.ts';
import { completeYears, isComplete } from '../../analysis/coverage.ts';
import { fullYears, monthsInRange } from '../../analysis/months.ts';
import { adjustChanges, latestAndYearBefore, monthlySeries, periodChange, periodRange, yearPeriod } from '../../analysis/period-change.ts';
import { estimateDispersion } from '../../analysis/stats/dispersion.ts';
import { stepChange, type StepChange } from '../../analysis/stats/step-change.ts';
import { seasonalControlChart } from '../../analysis/stats/seasonal-control-chart.ts';
import type { AreaCountRow } from '../../store/queries/area-counts.ts';
import type { Assessment, CategorySummary, ChangeResult, LocalityRow, MonthPoint, PeriodRange, PoliceMeasure } from '../model.ts';

export interface PoliceOverviewInput {
  rows: readonly AreaCountRow[];
  from: string;
  to: string;
  /** Months of the period with police data. */
  monthsWithData: readonly string[];
  population: number;
  localityPopulation: ReadonlyMap<string, number>;
  localityNames: readonly string[];
  unlocated: { crime: number; asb: number };
  significance: number;
  /** The 12 months rates are for: the latest 12 consecutive months with data. */
  rateWindow: PeriodRange;
}

/** The periods the changes compare, each complete (every month with data), or null when none is. */
export function changePeriods(from: string, to: string, withData: ReadonlySet<string>): { year: { before: PeriodRange; after: PeriodRange } | null; recent: { before: PeriodRange; after: PeriodRange } | null } {
  const years = completeYears(fullYears(from, to), withData);
  const year = years.length >= 2 ? { before: yearPeriod(years[0]!), after: yearPeriod(years[years.length - 1]!) } : null;
  const r = latestAndYearBefore(to, 6);
  const recent = r.before.from >= from && isComplete(r.before, withData) && isComplete(r.after, withData) ? r : null;
  return { year, recent };
}

const isAsb = (c: string) => c === ASB_CATEGORY;

function sumWhere(rows: readonly AreaCountRow[], pred: (r: AreaCountRow) => boolean): number {
  let s = 0;
  for (const r of rows) if (pred(r)) s += r.count;
  return s;
}

const inPeriod = (p: PeriodRange) => (r: AreaCountRow) => r.month >= p.from && r.month <= p.to;

/** Change first full year -> last full year, and latest six months against a year before, for a subset of rows. */
function changes(rows: readonly AreaCountRow[], input: PoliceOverviewInput): { change: ChangeResult | null; recent: ChangeResult | null; recordingChange: StepChange | null } {
  const p = changePeriods(input.from, input.to, new Set(input.monthsWithData));
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.count);
  const series = monthlySeries(byMonth, input.monthsWithData);
  const dispersion = estimateDispersion({ series });
  const test = (w: { before: PeriodRange; after: PeriodRange } | null) =>
    w && periodChange(sumWhere(rows, inPeriod(w.before)), sumWhere(rows, inPeriod(w.after)), w.before, w.after, input.significance, dispersion);
  const recordingChange = stepChange({ series, dispersion: dispersion.dispersion }, { alpha: input.significance }).possibleRecordingChange;
  return { change: test(p.year), recent: test(p.recent), recordingChange };
}

function yearCounts(rows: readonly AreaCountRow[], input: PoliceOverviewInput): { year: number; months: number; count: number }[] {
  const byYear = new Map<number, number>();
  for (const r of rows) byYear.set(Number(r.month.slice(0, 4)), (byYear.get(Number(r.month.slice(0, 4))) ?? 0) + r.count);
  const monthsPerYear = new Map<number, number>();
  for (const m of input.monthsWithData) monthsPerYear.set(Number(m.slice(0, 4)), (monthsPerYear.get(Number(m.slice(0, 4))) ?? 0) + 1);
  const first = Number(input.from.slice(0, 4));
  const last = Number(input.to.slice(0, 4));
  const out = [];
  for (let y = first; y <= last; y++) out.push({ year: y, months: monthsPerYear.get(y) ?? 0, count: byYear.get(y) ?? 0 });
  return out;
}

export function buildCategories(input: PoliceOverviewInput): CategorySummary[] {
  const categories = [...new Set(input.rows.map((r) => r.category))];
  const crimeTotal = sumWhere(input.rows, (r) => !isAsb(r.category));
  const out = categories
    .map((category) => {
      const rows = input.rows.filter((r) => r.category === category);
      const total = sumWhere(rows, () => true);
      const { change, recent, recordingChange } = changes(rows, input);
      return {
        category,
        isAsb: isAsb(category),
        total,
        byYear: yearCounts(rows, input),
        share: isAsb(category) ? 1 : crimeTotal > 0 ? total / crimeTotal : 0,
        change,
        recentChange: recent,
        possibleRecordingChange: recordingChange,
      };
    })
    .sort((a, b) => Number(a.isAsb) - Number(b.isAsb) || b.total - a.total);
  // One table, one family of tests: Benjamini-Hochberg across the categories' changes.
  adjustChanges(out.map((c) => c.change), input.significance);
  adjustChanges(out.map((c) => c.recentChange), input.significance);
  return out;
}

export function buildMonthly(input: PoliceOverviewInput): MonthPoint[] {
  const months = monthsInRange(input.from, input.to);
  const crime = new Map<string, number>();
  const asb = new Map<string, number>();
  for (const r of input.rows) {
    const m = isAsb(r.category) ? asb : crime;
    m.set(r.month, (m.get(r.month) ?? 0) + r.count);
  }
  const withData = new Set(input.monthsWithData);
  const present = months.filter((m) => withData.has(m));
  // The chart needs consecutive months: after a gap in publication it restarts from the gap.
  const lastGap = months.reduce((g, m, i) => (withData.has(m) ? g : i), -1);
  const run = months.slice(lastGap + 1);
  const chart = (series: Map<string, number>) =>
    run.length === 0 ? new Map<string, 'high' | 'low'>() : new Map(
      seasonalControlChart({ values: run.map((m) => series.get(m) ?? 0), firstMonth: Number(run[0]!.slice(5)) }).flags.map((f) => [run[f.index]!, f.side]),
    );
  const crimeFlags = chart(crime);
  const asbFlags = chart(asb);
  return present.map((month) => {
    const point: MonthPoint = { month, crime: crime.get(month) ?? 0, asb: asb.get(month) ?? 0 };
    const cf = crimeFlags.get(month);
    const af = asbFlags.get(month);
    if (cf) point.crimeFlag = cf;
    if (af) point.asbFlag = af;
    return point;
  });
}

function ratePer1000(count: number, population: number): number {
  return population > 0 ? (count / population) * 1000 : 0;
}

export function buildLocalities(input: PoliceOverviewInput): LocalityRow[] {
  const window = input.rateWindow;
  const crimeLocated = sumWhere(input.rows, (r) => !isAsb(r.category) && r.locality !== null);
  const asbLocated = sumWhere(input.rows, (r) => isAsb(r.category) && r.locality !== null);
  const out = input.localityNames
    .map((name) => {
      const rows = input.rows.filter((r) => r.locality === name);
      const crimeRows = rows.filter((r) => !isAsb(r.category));
      const crime = sumWhere(crimeRows, () => true);
      const asb = sumWhere(rows, (r) => isAsb(r.category));
      const population = input.localityPopulation.get(name) ?? 0;
      const byCategory = new Map<string, number>();
      for (const r of crimeRows) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.count);
      const top = [...byCategory].sort((a, b) => b[1] - a[1])[0];
      return {
        name,
        crime,
        asb,
        crimeShare: crimeLocated > 0 ? crime / crimeLocated : 0,
        asbShare: asbLocated > 0 ? asb / asbLocated : 0,
        population,
        crimeRatePer1000: ratePer1000(sumWhere(crimeRows, inPeriod(window)), population),
        asbRatePer1000: ratePer1000(sumWhere(rows, (r) => isAsb(r.category) && inPeriod(window)(r)), population),
        topCategory: top ? top[0] : null,
        change: changes(crimeRows, input).change,
      };
    })
    .sort((a, b) => b.crime - a.crime);
  adjustChanges(out.map((l) => l.change), input.significance);
  return out;
}

export function buildOverview(input: PoliceOverviewInput): Assessment['overview'] {
  const crimeRows = input.rows.filter((r) => !isAsb(r.category));
  const asbRows = input.rows.filter((r) => isAsb(r.category));
  const window = input.rateWindow;
  const crimeYears = yearCounts(crimeRows, input);
  const asbYears = yearCounts(asbRows, input);
  return {
    crime: sumWhere(crimeRows, () => true),
    asb: sumWhere(asbRows, () => true),
    unknownLocation: input.unlocated.crime + input.unlocated.asb,
    noLocality: sumWhere(input.rows, (r) => r.locality === null),
    crimeRatePer1000: ratePer1000(sumWhere(crimeRows, inPeriod(window)), input.population),
    asbRatePer1000: ratePer1000(sumWhere(asbRows, inPeriod(window)), input.population),
    rateWindow: periodRange(window.from, window.to),
    byYear: crimeYears.map((y, i) => ({ year: y.year, months: y.months, crime: y.count, asb: asbYears[i]!.count })),
    crimeChange: changes(crimeRows, input).change,
    asbChange: changes(asbRows, input).change,
  };
}

/** What the figures count: all recorded crime, or the one category a single-crime extract holds. */
export function buildMeasure(rows: readonly AreaCountRow[]): PoliceMeasure {
  const crimeCategories = [...new Set(rows.filter((r) => !isAsb(r.category)).map((r) => r.category))];
  const single = crimeCategories.length === 1 ? crimeCategories[0]! : null;
  return {
    label: single ?? 'Recorded crime',
    lower: single?.toLowerCase() ?? 'recorded crime',
    countNoun: single ? `${single.toLowerCase()} offences` : 'recorded crimes',
    includesAsb: rows.some((r) => isAsb(r.category) && r.count > 0),
  };
}
