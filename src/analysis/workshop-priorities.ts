/**
 * What locality workshops say matters most: issue categories by how often practitioners raised them,
 * and the top issue of each locality. Ties on mentions go to the better (lower) mean rank, then the name.
 */
export interface WorkshopIssueInput {
  locality: string;
  organisation: string;
  category: string;
  /** 1 = most important to whoever recorded it; null when not ranked. */
  rank: number | null;
}

export interface CategoryPriority {
  category: string;
  /** Times the category was recorded. */
  mentions: number;
  /** Distinct localities and organisations that raised it. */
  localities: number;
  organisations: number;
  /** Mean of the ranks given (null when none was ranked). */
  meanRank: number | null;
}

export interface LocalityPriority {
  locality: string;
  /** Issues recorded for the locality. */
  issues: number;
  top: CategoryPriority;
}

export interface WorkshopPriorities {
  mostCommon: CategoryPriority[];
  topByLocality: LocalityPriority[];
}

function byCategory(issues: readonly WorkshopIssueInput[]): CategoryPriority[] {
  const groups = new Map<string, WorkshopIssueInput[]>();
  for (const i of issues) groups.set(i.category, [...(groups.get(i.category) ?? []), i]);
  return [...groups].map(([category, list]) => {
    const ranks = list.map((i) => i.rank).filter((r): r is number => r !== null);
    return {
      category,
      mentions: list.length,
      localities: new Set(list.map((i) => i.locality)).size,
      organisations: new Set(list.map((i) => i.organisation)).size,
      meanRank: ranks.length ? ranks.reduce((s, r) => s + r, 0) / ranks.length : null,
    };
  }).sort((a, b) => b.mentions - a.mentions || (a.meanRank ?? Infinity) - (b.meanRank ?? Infinity) || a.category.localeCompare(b.category));
}

export function workshopPriorities(issues: readonly WorkshopIssueInput[]): WorkshopPriorities {
  const localities = [...new Set(issues.map((i) => i.locality))].sort((a, b) => a.localeCompare(b));
  return {
    mostCommon: byCategory(issues),
    topByLocality: localities.map((locality) => {
      const here = issues.filter((i) => i.locality === locality);
      return { locality, issues: here.length, top: byCategory(here)[0]! };
    }),
  };
}
