import { addMonths, monthsInRange } from '../months.ts';
import { differenceInChange } from './difference-in-change.ts';

export interface StepChangeInput {
  /** Monthly counts keyed 'YYYY-MM'; a missing month is a gap (no step is judged across it). */
  series: ReadonlyMap<string, number>;
  /** Dispersion of the series (variance / mean after trend and season); null or <= 1: Poisson. */
  dispersion: number | null;
}

export interface StepChangeOptions {
  /** Months on each side of the boundary. Default 6. */
  window?: number;
  /** Significance level. Default 0.05. */
  alpha?: number;
}

export interface StepChange {
  /** First month after the step, 'YYYY-MM'. */
  month: string;
  /**
   * The change across the boundary net of season: (after / same months a year earlier) divided by
   * (before / same months a year earlier). 1 = no step.
   */
  ratioOfRatios: number | null;
  ciLow: number;
  ciHigh: number | null;
  pValue: number;
}

export interface StepChangeResult {
  /** Every boundary with `window` months of data either side and a year before them, in month order. */
  steps: StepChange[];
  /**
   * A January whose step is significant and larger (in log ratio) than the step at any other
   * boundary: the mark of a recording change (a new crime recording standard or system starting with
   * the year) rather than a change in crime. Null when there is none.
   */
  possibleRecordingChange: StepChange | null;
}

/**
 * Step changes in a monthly series, and whether the largest falls at a January.
 *
 * Method: at each boundary J the `window` months from J are compared with the `window` months
 * before it, each against the same months a year earlier, so the usual season cancels: a test of the
 * ratio of rate ratios (as `differenceInChange`, variances inflated by the dispersion). A step at one
 * January that is significant and the largest of all boundaries is flagged as a possible recording
 * change, for the analyst to check before reading it as a change in crime.
 *
 * @example
 * stepChange({ series, dispersion: 2.4 }).possibleRecordingChange // { month: '2018-01', ratioOfRatios: 1.35, ... }
 */
export function stepChange(input: StepChangeInput, options: StepChangeOptions = {}): StepChangeResult {
  const w = options.window ?? 6;
  const alpha = options.alpha ?? 0.05;
  const months = [...input.series.keys()].sort();
  const steps: StepChange[] = [];
  if (months.length === 0) return { steps, possibleRecordingChange: null };
  const sum = (from: string, to: string): number | null => {
    let s = 0;
    for (const m of monthsInRange(from, to)) {
      const v = input.series.get(m);
      if (v === undefined) return null;
      s += v;
    }
    return s;
  };
  for (const j of monthsInRange(addMonths(months[0]!, 12 + w), addMonths(months.at(-1)!, -(w - 1)))) {
    const after = sum(j, addMonths(j, w - 1));
    const afterYearBefore = sum(addMonths(j, -12), addMonths(j, w - 13));
    const before = sum(addMonths(j, -w), addMonths(j, -1));
    const beforeYearBefore = sum(addMonths(j, -w - 12), addMonths(j, -13));
    if (after === null || afterYearBefore === null || before === null || beforeYearBefore === null) continue;
    const t = differenceInChange(
      { areaBefore: afterYearBefore, areaAfter: after, comparatorBefore: beforeYearBefore, comparatorAfter: before, dispersionArea: input.dispersion, dispersionComparator: input.dispersion },
      { alpha },
    );
    steps.push({ month: j, ratioOfRatios: t.ratioOfRatios, ciLow: t.ciLow, ciHigh: t.ciHigh, pValue: t.pValue });
  }
  const size = (s: StepChange) => (s.ratioOfRatios === null || s.ratioOfRatios === 0 ? Number.POSITIVE_INFINITY : Math.abs(Math.log(s.ratioOfRatios)));
  const largest = steps.reduce<StepChange | null>((best, s) => (best === null || size(s) > size(best) ? s : best), null);
  const flagged = largest !== null && largest.month.endsWith('-01') && largest.pValue < alpha ? largest : null;
  return { steps, possibleRecordingChange: flagged };
}
