/**
 * Class breaks for a choropleth: up to five quantile classes, thresholds rounded to the precision the
 * legend prints so a value always sits in the class its label says. Presentation, not analysis.
 */
import { quantileSorted } from 'd3-array';

export interface ClassBreaks {
  /** Ascending thresholds; a value v is in class bisect(thresholds, v) (v >= t moves up). */
  thresholds: number[];
  min: number;
  max: number;
  /** Number of classes (thresholds.length + 1), 0 when no values. */
  classes: number;
}

export function classBreaks(values: number[], maxClasses = 5, decimals = 1): ClassBreaks {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { thresholds: [], min: 0, max: 0, classes: 0 };
  const f = 10 ** decimals;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const thresholds: number[] = [];
  for (let k = 1; k < maxClasses; k++) {
    const t = Math.round((quantileSorted(sorted, k / maxClasses) ?? min) * f) / f;
    // Drop thresholds that would leave a class empty at either end or repeat one already taken.
    if (t > min && t <= max && t !== thresholds[thresholds.length - 1]) thresholds.push(t);
  }
  return { thresholds, min, max, classes: thresholds.length + 1 };
}

export function classOf(b: ClassBreaks, v: number): number {
  let i = 0;
  while (i < b.thresholds.length && v >= (b.thresholds[i] as number)) i++;
  return i;
}

/** Picks `n` of the palette's colours spread from light to dark, so 3 classes still span the ramp. */
export function rampColours(ramp: readonly string[], n: number): string[] {
  if (n <= 1) return [ramp[Math.floor(ramp.length / 2)] as string];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))] as string);
}
