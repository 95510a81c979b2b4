/**
 * Recommended priorities: a MoRiLE-style matrix (Management of Risk in Law Enforcement) per issue.
 * Pure: every input is a fact from the assessment or an entry the analyst made, and every score says
 * what it rests on. Scales are 1 (least) to `scaleMax` (most).
 *
 * - Harm: the mean of five dimensions (physical, psychological, financial, community, victim
 *   vulnerability), as the analyst scored them; an issue they did not score takes its harm from the
 *   harm weights of its police categories (log bands), and says so.
 * - Likelihood: volume in the last full year on a log scale, moved one step up for a statistically
 *   significant rise and one down for a significant fall.
 * - Public concern: the share of locality workshops that raised the issue.
 * - Organisational position: the analyst's capacity and capability gaps (higher = less able to respond).
 * - Confidence: from data coverage and quality (high, medium, low), shown beside the score, not in it.
 *
 * Score = weights.risk × harm × likelihood + weights.concern × concern + weights.position × position.
 * An issue with no evidence at all (no data loaded, not raised at a workshop, nothing the analyst
 * entered) scores on assumed mid-scale values only: it is ranked after every issue with evidence and
 * never recommended. The first `recommend` issues with evidence are the recommended priorities.
 */

/** How many of the ranked issues are recommended as priorities. */
export const RECOMMENDED_PRIORITIES = 3;

export const HARM_DIMENSIONS = ['physical', 'psychological', 'financial', 'community', 'vulnerability'] as const;
export type HarmDimension = (typeof HARM_DIMENSIONS)[number];

export interface PriorityWeights {
  risk: number;
  concern: number;
  position: number;
}

export interface PriorityIssueInput {
  id: string;
  title: string;
  theme: string;
  restricted: boolean;
  /** Analyst's harm scores per dimension, or null to derive harm from `harmWeight`. */
  harm: Record<HarmDimension, number> | null;
  /** Mean harm weight of its police categories (ONS CSS-style days), when it has any. */
  harmWeight: number | null;
  /** Count in the last full year; null without data. */
  volume: number | null;
  volumeLabel: string;
  /** Direction of a statistically significant change, or null when not significant or not tested. */
  trend: { direction: 'rose' | 'fell' | 'no significant change'; pValue: number | null } | null;
  /** Localities whose workshop raised it, of those with a workshop. */
  workshop: { localities: number; of: number } | null;
  /** Analyst's entries: 1 = well placed, scaleMax = large gap. Null when not entered. */
  position: { capacity: number; capability: number } | null;
  /** Data behind the issue: whether loaded, synthetic, and the share of months covered. */
  data: { hasData: boolean; synthetic: boolean; coverage: number };
}

export interface PriorityScore {
  id: string;
  title: string;
  theme: string;
  restricted: boolean;
  harm: number;
  harmSource: 'analyst' | 'harm weights' | 'not scored';
  likelihood: number;
  concern: number;
  position: number;
  positionEntered: boolean;
  /** harm × likelihood, 1 to scaleMax². */
  risk: number;
  score: number;
  rank: number;
  /** Whether anything stands behind the scores: data loaded, a workshop raising it, or the analyst's harm or position. */
  hasEvidence: boolean;
  /** One of the first RECOMMENDED_PRIORITIES issues with evidence. */
  recommended: boolean;
  confidence: 'high' | 'medium' | 'low';
  /** What each score rests on: the inputs as given (the report writes them in words). */
  basis: {
    harm: Record<HarmDimension, number> | null;
    harmWeight: number | null;
    volume: number | null;
    volumeLabel: string;
    volumeBand: number | null;
    /** +1 for a significant rise, -1 for a significant fall, 0 otherwise; null when not tested. */
    trendStep: number | null;
    workshop: { localities: number; of: number } | null;
    position: { capacity: number; capability: number } | null;
    data: { hasData: boolean; synthetic: boolean; coverage: number };
  };
}

export interface PrioritiesResult {
  scaleMax: number;
  weights: PriorityWeights;
  issues: PriorityScore[];
}

const clamp = (v: number, max: number): number => Math.min(max, Math.max(1, Math.round(v)));

/** Volume on a log scale: fewer than 10 → 1, tens → 2, hundreds → 3, thousands → 4, ten thousand or more → 5 (scaled to scaleMax). */
export function volumeBand(volume: number, scaleMax: number): number {
  const band = volume < 10 ? 1 : volume < 100 ? 2 : volume < 1000 ? 3 : volume < 10000 ? 4 : 5;
  return clamp((band * scaleMax) / 5, scaleMax);
}

/** Harm weight (days) on a log scale: under 10 → 1, under 30 → 2, under 100 → 3, under 300 → 4, else 5. */
export function harmWeightBand(weight: number, scaleMax: number): number {
  const band = weight < 10 ? 1 : weight < 30 ? 2 : weight < 100 ? 3 : weight < 300 ? 4 : 5;
  return clamp((band * scaleMax) / 5, scaleMax);
}

export function scorePriorities(issues: readonly PriorityIssueInput[], weights: PriorityWeights, scaleMax: number, recommend = RECOMMENDED_PRIORITIES): PrioritiesResult {
  const mid = Math.ceil(scaleMax / 2);
  const scored = issues.map((i) => {
    const harm = i.harm
      ? Math.round((HARM_DIMENSIONS.reduce((s, d) => s + i.harm![d], 0) / HARM_DIMENSIONS.length) * 10) / 10
      : i.harmWeight !== null
        ? harmWeightBand(i.harmWeight, scaleMax)
        : mid;
    const harmSource: PriorityScore['harmSource'] = i.harm ? 'analyst' : i.harmWeight !== null ? 'harm weights' : 'not scored';
    const base = i.volume === null ? 1 : volumeBand(i.volume, scaleMax);
    const step = i.trend?.direction === 'rose' ? 1 : i.trend?.direction === 'fell' ? -1 : 0;
    const likelihood = clamp(base + step, scaleMax);
    const concern = i.workshop && i.workshop.of > 0 ? clamp(1 + (i.workshop.localities / i.workshop.of) * (scaleMax - 1), scaleMax) : 1;
    const position = i.position ? Math.round(((i.position.capacity + i.position.capability) / 2) * 10) / 10 : mid;
    const risk = Math.round(harm * likelihood * 10) / 10;
    const score = Math.round((weights.risk * risk + weights.concern * concern + weights.position * position) * 10) / 10;
    const confidence: PriorityScore['confidence'] = !i.data.hasData ? 'low' : i.data.synthetic || i.data.coverage < 0.9 ? 'medium' : 'high';
    return {
      id: i.id,
      title: i.title,
      theme: i.theme,
      restricted: i.restricted,
      harm,
      harmSource,
      likelihood,
      concern,
      position,
      positionEntered: i.position !== null,
      risk,
      score,
      rank: 0,
      hasEvidence: i.data.hasData || i.harm !== null || i.position !== null || (i.workshop?.localities ?? 0) > 0,
      recommended: false as boolean,
      confidence,
      basis: {
        harm: i.harm,
        harmWeight: i.harmWeight,
        volume: i.volume,
        volumeLabel: i.volumeLabel,
        volumeBand: i.volume === null ? null : base,
        trendStep: i.trend ? step : null,
        workshop: i.workshop,
        position: i.position,
        data: i.data,
      },
    } satisfies PriorityScore;
  });
  scored.sort((a, b) => Number(b.hasEvidence) - Number(a.hasEvidence) || b.score - a.score || b.risk - a.risk || a.title.localeCompare(b.title));
  scored.forEach((s, k) => {
    s.rank = k + 1;
    s.recommended = s.hasEvidence && k < recommend;
  });
  return { scaleMax, weights, issues: scored };
}
