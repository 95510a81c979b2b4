import type { DifferenceInChange, Measure, NationalComparatorRow, PeerGroup, PeerRow, PeersSection } from './types.ts';
import { nationalComparison } from './national.ts';
import type { PeriodRange } from './change-types.ts';
import type { NotComputed } from './coverage.ts';
import { adjustChanges, periodChange } from './period-change.ts';
import { estimateDispersion, type DispersionResult } from './stats/dispersion.ts';
import { differenceInChange } from './stats/difference-in-change.ts';
import { rankAmong, rates } from './stats/rates.ts';

/** One district's figures: counts in the baseline and the rate window, and its residents. */
export interface PeerCounts {
  code: string;
  name: string;
  /** Incidents in the baseline period. */
  before: number;
  /** Incidents in the rate window. */
  after: number;
  population: number | null;
  households: number | null;
  /** Forces whose data the district's counts come from (for saying who lacks data). Default none named. */
  forces?: readonly string[];
  /** Whether every month of the baseline and of the window has data for the district's forces. Default true. */
  baselineComplete?: boolean;
  windowComplete?: boolean;
  /** Months of the baseline and window with no data for the district's forces. */
  missingMonths?: readonly string[];
  /** Whether the district is one of the force area's (configured, or where the force's incidents fall). Default true; others serve only as statistical neighbours. */
  inForceArea?: boolean;
  /** Monthly counts over the months with data (gaps left out), for the dispersion of its changes. Default none: Poisson tests. */
  series?: ReadonlyMap<string, number>;
}

export interface PeersInput {
  measure: Measure;
  /** The partnership's district code. */
  area: string;
  forceAreaName: string;
  baseline: PeriodRange;
  window: PeriodRange;
  populationYear: number | null;
  /** Every district of the force area, the area among them. */
  districts: readonly PeerCounts[];
  /** Configured statistical neighbours (ONS codes), with residents where loaded. */
  neighbours: readonly { code: string; population: number | null }[];
  /** England and Wales comparators (dataset `national-comparators`) when loaded. Default none. */
  national?: readonly NationalComparatorRow[];
}

export interface PeersOptions {
  /** Significance level. Default 0.05. */
  significance?: number;
}

const dispersionOf = (series: ReadonlyMap<string, number> | undefined): DispersionResult | null => (series ? estimateDispersion({ series }) : null);

/** The monthly series of several districts summed (a comparator such as the rest of the force area); undefined when any lacks one. */
function sumSeries(ds: readonly PeerCounts[]): Map<string, number> | undefined {
  if (ds.some((d) => !d.series)) return undefined;
  const out = new Map<string, number>();
  for (const d of ds) for (const [m, v] of d.series!) out.set(m, (out.get(m) ?? 0) + v);
  return out;
}

const windowOk = (d: PeerCounts): boolean => d.windowComplete !== false;
const bothOk = (d: PeerCounts): boolean => d.windowComplete !== false && d.baselineComplete !== false;

function peerRows(districts: readonly PeerCounts[], area: string, baseline: PeriodRange, window: PeriodRange, alpha: number): PeerRow[] {
  // A district without data for every month of the window has no rate and no rank: a gap is not a low rate.
  const withRate = districts.filter((d) => windowOk(d) && d.population !== null && d.population > 0);
  const r = rates({ areas: withRate.map((d) => ({ key: d.code, count: d.after, population: d.population! })) });
  const byCode = new Map(r.areas.map((a) => [a.key, a]));
  const values = new Map(r.areas.map((a) => [a.key, a.rate]));
  const pooledCount = withRate.reduce((s, d) => s + d.after, 0);
  const pooledPopulation = withRate.reduce((s, d) => s + d.population!, 0);
  const forceRate = pooledPopulation > 0 ? (1000 * pooledCount) / pooledPopulation : null;
  const versusForce = (lo: number | undefined, hi: number | undefined): PeerRow['versusForceAreaRate'] =>
    lo === undefined || hi === undefined || forceRate === null ? null : forceRate < lo ? 'higher' : forceRate > hi ? 'lower' : 'similar';
  const rows = districts
    .map((d): PeerRow => {
      const rate = byCode.get(d.code);
      return {
        code: d.code,
        name: d.name,
        count: windowOk(d) ? d.after : null,
        population: d.population,
        ratePer1000: rate?.rate ?? null,
        rateCiLow: rate?.ciLow ?? null,
        rateCiHigh: rate?.ciHigh ?? null,
        households: d.households,
        ratePer1000Households: d.households && windowOk(d) ? (1000 * d.after) / d.households : null,
        rank: rate ? rankAmong(values, d.code).rank : null,
        versusForceAreaRate: versusForce(rate?.ciLow, rate?.ciHigh),
        change: bothOk(d) ? periodChange(d.before, d.after, baseline, window, alpha, dispersionOf(d.series)) : null,
        isArea: d.code === area,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
  // One table, one family: Benjamini-Hochberg across the districts' changes.
  adjustChanges(rows.map((x) => x.change), alpha);
  return rows;
}

function group(kind: PeerGroup['kind'], title: string, rows: PeerRow[], missing: string[]): PeerGroup {
  const area = rows.find((r) => r.isArea);
  return { kind, title, rows, areaRank: area?.rank ?? null, of: rows.filter((r) => r.rank !== null).length, missing };
}

/** The area's change against the sum of the other districts: a test of the difference in change. */
export function versusRest(districts: readonly PeerCounts[], area: string, comparator: string, baseline: PeriodRange, window: PeriodRange, alpha: number): DifferenceInChange | null {
  const own = districts.find((d) => d.code === area);
  const rest = districts.filter((d) => d.code !== area);
  // Every area compared must have data for both periods, or the comparator's change reads gaps as falls.
  if (!own || rest.length === 0 || !bothOk(own) || !rest.every(bothOk)) return null;
  const cb = rest.reduce((s, d) => s + d.before, 0);
  const ca = rest.reduce((s, d) => s + d.after, 0);
  const dispersionArea = dispersionOf(own.series)?.dispersion ?? null;
  const dispersionComparator = dispersionOf(sumSeries(rest))?.dispersion ?? null;
  const t = differenceInChange(
    { areaBefore: own.before, areaAfter: own.after, comparatorBefore: cb, comparatorAfter: ca, tBefore: baseline.months, tAfter: window.months, dispersionArea, dispersionComparator },
    { alpha },
  );
  return {
    comparator,
    comparatorBefore: cb,
    comparatorAfter: ca,
    ratioOfRatios: t.ratioOfRatios,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    pValue: t.pValue,
    pValuePoisson: t.pValuePoisson,
    dispersionArea,
    dispersionComparator,
    inLine: t.inLine,
    comparison: t.inLine ? 'similar' : (t.ratioOfRatios ?? 1) > 1 ? 'more' : 'less',
    areaDirection: t.areaRateRatio === null ? null : t.areaRateRatio > 1 ? 'rose' : t.areaRateRatio < 1 ? 'fell' : 'unchanged',
  };
}

/** Why peer figures are missing: districts (the area or those compared) lacking data in the window or the baseline. */
function peerGaps(districts: readonly PeerCounts[], area: string, baseline: PeriodRange, window: PeriodRange): NotComputed[] {
  const out: NotComputed[] = [];
  const lacking = (ok: (d: PeerCounts) => boolean) => districts.filter((d) => !ok(d));
  const forcesOf = (ds: readonly PeerCounts[]) => [...new Set(ds.flatMap((d) => d.forces ?? []))].sort();
  const monthsOf = (ds: readonly PeerCounts[], p: PeriodRange) => [...new Set(ds.flatMap((d) => d.missingMonths ?? []))].filter((m) => m >= p.from && m <= p.to).sort();
  const noWindow = lacking(windowOk);
  if (noWindow.length > 0) {
    out.push({ figure: `rates and ranks of ${noWindow.map((d) => d.name).join(', ')}`, reason: 'incomplete-period', period: window, missingMonths: monthsOf(noWindow, window), forces: forcesOf(noWindow) });
  }
  const noBaseline = districts.filter((d) => windowOk(d) && d.baselineComplete === false);
  if (noBaseline.length > 0) {
    out.push({ figure: `changes of ${noBaseline.map((d) => d.name).join(', ')}`, reason: 'incomplete-period', period: baseline, missingMonths: monthsOf(noBaseline, baseline), forces: forcesOf(noBaseline) });
  }
  if (out.length > 0 && districts.some((d) => d.code === area)) {
    const p = noBaseline.length > 0 ? baseline : window;
    out.push({ figure: 'change against the rest of the force area', reason: 'incomplete-period', period: p, missingMonths: monthsOf([...noWindow, ...noBaseline], p), forces: forcesOf([...noWindow, ...noBaseline]) });
  }
  return out;
}

/**
 * Peer comparison: the area against the other districts of its force area and its configured
 * statistical neighbours, by rate per 1,000 residents (rank 1 = highest), each district's tested
 * change (baseline against window: a quasi-Poisson test with each district's dispersion when its
 * monthly series is given, else the exact Poisson test; Benjamini-Hochberg across each table), and
 * whether the area's change is in line with the rest of the force area (test of the ratio of rate
 * ratios, not eyeballing).
 *
 * Assumptions: the population base is one year's estimate for every period;
 * neighbours outside the force area have figures only when their incidents are loaded, and are
 * otherwise listed as missing rather than ranked as zero.
 *
 * @example
 * peers({ measure, area: 'E08000007', forceAreaName: 'Greater Manchester', baseline, window, populationYear: 2017, districts, neighbours: [] });
 */
export function peers(input: PeersInput, options: PeersOptions = {}): PeersSection {
  const alpha = options.significance ?? 0.05;
  const { baseline, window, area } = input;
  const inForce = input.districts.filter((d) => d.inForceArea !== false);
  const force = group('force-area', `Districts of ${input.forceAreaName}`, peerRows(inForce, area, baseline, window, alpha), []);
  // A neighbour with no incidents loaded from any force is missing, not a district with a rate of zero.
  const known = new Map(input.districts.filter((d) => d.forces === undefined || d.forces.length > 0 || d.code === area).map((d) => [d.code, d]));
  const missing = input.neighbours.filter((n) => !known.has(n.code)).map((n) => n.code);
  const neighbourCounts = [known.get(area), ...input.neighbours.map((n) => known.get(n.code))].filter((d): d is PeerCounts => d !== undefined);
  const groups = [force];
  if (input.neighbours.length > 0) {
    groups.push(group('statistical-neighbours', 'Statistical neighbours', peerRows(neighbourCounts, area, baseline, window, alpha), missing));
  }
  const areaRow = force.rows.find((r) => r.isArea);
  const areaRate = areaRow && areaRow.ratePer1000 !== null ? { rate: areaRow.ratePer1000, ciLow: areaRow.rateCiLow!, ciHigh: areaRow.rateCiHigh! } : null;
  const national = input.national?.length ? nationalComparison({ measure: input.measure.label, window, baseline, areaRate, rows: input.national }) : null;
  return {
    measure: input.measure,
    window,
    baseline,
    populationYear: input.populationYear,
    groups,
    versusForceArea: versusRest(inForce, area, `the rest of ${input.forceAreaName}`, baseline, window, alpha),
    notComputed: peerGaps(inForce, area, baseline, window),
    national,
    nationalGap: national ? null : input.national?.length ? 'no-row' : 'not-loaded',
  };
}
