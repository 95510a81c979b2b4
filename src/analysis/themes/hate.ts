import type { HateDetail, HateEventSpike } from './types.ts';
import { controlChart } from '../stats/control-chart.ts';
import { multipleTesting } from '../stats/multiple-testing.ts';
import { poissonTest } from '../stats/poisson-test.ts';
import { type DispersionFit, bump, namedCounts, share, yearChange } from './common.ts';

export interface HateRecord {
  /** 'YYYY-MM-DD'. */
  date: string;
  recordType: 'incident' | 'crime';
  strands: readonly string[];
  /** Whether the record's LSOA is in the configured place; null when it has no LSOA. */
  inPlace: boolean | null;
}

export interface HateEvent {
  /** 'YYYY-MM-DD'. */
  date: string;
  label: string;
}

/** Days after an event (from the event day) compared with the baseline before it. */
export const SPIKE_WINDOW_DAYS = 28;
export const SPIKE_BASELINE_DAYS = 84;

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/**
 * Hate incidents and crimes: counts by year, motivation strands (a record can carry several), the
 * share in the configured place (town centre), monthly counts on a Poisson c-chart, and for each
 * configured event date a one-sided exact Poisson test of the daily rate in the 28 days from the
 * event against the 84 days before, Benjamini-Hochberg adjusted across the events.
 */
export function hate(
  input: { records: readonly HateRecord[]; years: readonly number[]; events: readonly HateEvent[]; placeName: string | null; /** Of the monthly records. */ dispersion?: DispersionFit },
  options: { significance: number },
): HateDetail {
  const inYears = input.records.filter((r) => input.years.includes(Number(r.date.slice(0, 4))));
  const count = (year: number, type?: string) =>
    inYears.filter((r) => Number(r.date.slice(0, 4)) === year && (type === undefined || r.recordType === type)).length;
  const strands = new Map<string, number>();
  for (const r of inYears) for (const s of r.strands) bump(strands, s);
  const located = inYears.filter((r) => r.inPlace !== null);
  const inPlace = located.filter((r) => r.inPlace).length;

  const tests = input.events.map((e) => {
    const d = dayNumber(e.date);
    const days = input.records.map((r) => dayNumber(r.date));
    const before = days.filter((x) => x >= d - SPIKE_BASELINE_DAYS && x < d).length;
    const after = days.filter((x) => x >= d && x < d + SPIKE_WINDOW_DAYS).length;
    return { e, t: poissonTest({ before, after, tBefore: SPIKE_BASELINE_DAYS, tAfter: SPIKE_WINDOW_DAYS }, { alternative: 'greater', alpha: options.significance }) };
  });
  const adjusted = tests.length ? multipleTesting({ pValues: tests.map((x) => x.t.pValue) }, { alpha: options.significance }) : null;
  const events: HateEventSpike[] = tests.map(({ e, t }, i) => ({
    date: e.date,
    label: e.label,
    before: t.before,
    after: t.after,
    baselineDays: SPIKE_BASELINE_DAYS,
    windowDays: SPIKE_WINDOW_DAYS,
    changePct: t.changePct,
    pValue: t.pValue,
    pAdjusted: adjusted!.adjusted[i]!,
    spike: adjusted!.significant[i]!,
  }));

  const months = input.years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));
  const perMonth = new Map<string, number>();
  for (const r of inYears) bump(perMonth, r.date.slice(0, 7));
  const chart = months.length ? controlChart({ values: months.map((m) => perMonth.get(m) ?? 0) }) : null;

  return {
    kind: 'hate',
    byYear: input.years.map((year) => ({ year, incidents: count(year, 'incident'), crimes: count(year, 'crime') })),
    change: yearChange((y) => count(y), input.years, options.significance, input.dispersion ?? null),
    strands: namedCounts(strands, inYears.length),
    raceShare: share(strands.get('race') ?? 0, inYears.length),
    place: input.placeName ? { name: input.placeName, count: inPlace, share: share(inPlace, located.length) } : null,
    events,
    unusualMonths: chart ? chart.flags.filter((f) => f.side === 'high').map((f) => months[f.index]!) : [],
  };
}
