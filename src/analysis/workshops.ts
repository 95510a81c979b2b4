/**
 * Locality workshops: what practitioners raised, ranked across localities, and the top issue in each.
 * An issue's weight is how often it was raised; ties go to the better mean rank practitioners gave it,
 * then to the name, so the order is the same on every run.
 */

export interface WorkshopIssueInput {
  workshopId: string;
  locality: string;
  heldOn: string;
  category: string;
  rank: number | null;
  source: string;
}

export interface WorkshopCategory {
  category: string;
  /** Times the issue was recorded across every workshop. */
  mentions: number;
  /** Localities whose workshop raised it. */
  localities: number;
  /** Mean rank given (1 = most important); null when no rank was given. */
  meanRank: number | null;
  /** Localities where it is the top issue. */
  topIn: string[];
}

export interface WorkshopLocality {
  locality: string;
  workshops: number;
  /** 'YYYY-MM-DD' dates the workshops were held. */
  heldOn: string[];
  issues: number;
  top: string | null;
  categories: { category: string; mentions: number; meanRank: number | null }[];
}

export interface WorkshopSummary {
  workshops: number;
  issues: number;
  categories: WorkshopCategory[];
  byLocality: WorkshopLocality[];
  /** Where the records came from: 'web' or 'import:<file name>'. */
  sources: string[];
}

interface Tally {
  category: string;
  mentions: number;
  rankSum: number;
  ranked: number;
}

function tallies(rows: readonly WorkshopIssueInput[]): Tally[] {
  const by = new Map<string, Tally>();
  for (const r of rows) {
    const t = by.get(r.category) ?? { category: r.category, mentions: 0, rankSum: 0, ranked: 0 };
    t.mentions++;
    if (r.rank !== null) {
      t.rankSum += r.rank;
      t.ranked++;
    }
    by.set(r.category, t);
  }
  const mean = (t: Tally) => (t.ranked ? t.rankSum / t.ranked : Number.POSITIVE_INFINITY);
  return [...by.values()].sort((a, b) => b.mentions - a.mentions || mean(a) - mean(b) || a.category.localeCompare(b.category));
}

const meanRank = (t: Tally): number | null => (t.ranked ? t.rankSum / t.ranked : null);

/** Summarises workshop records; null when none are loaded. */
export function summariseWorkshops(rows: readonly WorkshopIssueInput[]): WorkshopSummary | null {
  if (rows.length === 0) return null;
  const localities = [...new Set(rows.map((r) => r.locality))].sort();
  const byLocality: WorkshopLocality[] = localities.map((locality) => {
    const own = rows.filter((r) => r.locality === locality);
    const t = tallies(own);
    return {
      locality,
      workshops: new Set(own.map((r) => r.workshopId)).size,
      heldOn: [...new Set(own.map((r) => r.heldOn))].sort(),
      issues: own.length,
      top: t[0]?.category ?? null,
      categories: t.map((x) => ({ category: x.category, mentions: x.mentions, meanRank: meanRank(x) })),
    };
  });
  const categories: WorkshopCategory[] = tallies(rows).map((t) => ({
    category: t.category,
    mentions: t.mentions,
    localities: new Set(rows.filter((r) => r.category === t.category).map((r) => r.locality)).size,
    meanRank: meanRank(t),
    topIn: byLocality.filter((l) => l.top === t.category).map((l) => l.locality),
  }));
  return {
    workshops: new Set(rows.map((r) => r.workshopId)).size,
    issues: rows.length,
    categories,
    byLocality,
    sources: [...new Set(rows.map((r) => r.source))].sort(),
  };
}
