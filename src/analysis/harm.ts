import type { HarmSection } from './types.ts';
import type { PeriodRange } from './change-types.ts';
import { CONFIGURED_HARM_LABEL, DEFAULT_HARM_LABEL, DEFAULT_HARM_WEIGHTS, HARM_SOURCE } from './harm-weights.ts';

export interface HarmInput {
  /** Counts per category in each yearly window, oldest first. */
  windows: { period: PeriodRange; counts: Readonly<Record<string, number>> }[];
}

export interface HarmOptions {
  /** Weights per category; default {@link DEFAULT_HARM_WEIGHTS}. */
  weights?: Readonly<Record<string, number>> | undefined;
}

/** Counts per category in each window, from monthly counts (the input {@link harm} takes). */
export function countsByWindow(rows: readonly { month: string; category: string; count: number }[], windows: readonly PeriodRange[]): HarmInput['windows'] {
  return windows.map((period) => {
    const counts: Record<string, number> = {};
    for (const r of rows) if (r.month >= period.from && r.month <= period.to) counts[r.category] = (counts[r.category] ?? 0) + r.count;
    return { period, counts };
  });
}

const pct = (before: number, after: number): number | null => (before > 0 ? (100 * (after - before)) / before : null);

/**
 * Harm-weighted totals: each incident counts its category's weight (days of custody per offence in
 * the ONS Crime Severity Score sense), so a robbery outweighs many shoplifting offences.
 *
 * Method: harm = Σ weight(category) × count(category), per yearly window and over all windows.
 * Categories without a weight (ASB, unknown labels) are counted and listed, with harm 0. The change
 * in harm between the last two windows is a percent change only: harm is not Poisson, so no
 * significance is claimed.
 *
 * Assumptions: one weight per category (see harm-weights.ts): mixes within a category are assumed
 * stable over time; a shift from common assault to wounding raises real harm but not this measure.
 *
 * Bibliography: ONS (2016) Crime Severity Score research outputs; Sherman L., Neyroud P., Neyroud E.
 * (2016) The Cambridge Crime Harm Index, Policing 10(3), 171-183, doi:10.1093/police/paw003.
 *
 * @example
 * harm({ windows: [{ period, counts: { Burglary: 10, Shoplifting: 40 } }] }).categories;
 * // Burglary harm 2,500, Shoplifting 320 (default weights)
 */
export function harm(input: HarmInput, options: HarmOptions = {}): HarmSection {
  const configured = options.weights !== undefined;
  const weights = { ...(options.weights ?? DEFAULT_HARM_WEIGHTS) };
  const weightOf = (c: string): number | null => (Object.hasOwn(weights, c) ? weights[c]! : null);
  const totals = new Map<string, number>();
  for (const w of input.windows) for (const [c, n] of Object.entries(w.counts)) totals.set(c, (totals.get(c) ?? 0) + n);
  const harmOf = (counts: Readonly<Record<string, number>>): number => Object.entries(counts).reduce((s, [c, n]) => s + (weightOf(c) ?? 0) * n, 0);
  const allHarm = [...totals].reduce((s, [c, n]) => s + (weightOf(c) ?? 0) * n, 0);
  const categories = [...totals]
    .map(([category, count]) => {
      const weight = weightOf(category);
      const h = (weight ?? 0) * count;
      return { category, count, weight, harm: h, harmShare: allHarm > 0 ? h / allHarm : 0 };
    })
    .sort((a, b) => b.harm - a.harm || b.count - a.count || a.category.localeCompare(b.category));
  const byYear = input.windows.map((w) => ({ period: w.period, count: Object.values(w.counts).reduce((s, n) => s + n, 0), harm: harmOf(w.counts) }));
  const [prev, last] = byYear.slice(-2);
  const two = byYear.length >= 2 && prev && last;
  return {
    label: configured ? CONFIGURED_HARM_LABEL : DEFAULT_HARM_LABEL,
    source: configured ? 'Area configuration (harmWeights)' : HARM_SOURCE,
    weights,
    categories,
    byYear,
    harmChangePct: two ? pct(prev.harm, last.harm) : null,
    countChangePct: two ? pct(prev.count, last.count) : null,
    unweighted: categories.filter((c) => c.weight === null).map((c) => c.category),
  };
}
