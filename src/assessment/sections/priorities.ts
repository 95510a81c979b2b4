/**
 * Recommended priorities: gathers each configured issue's facts (volume, tested trend, harm weights of
 * its police categories, workshop concern, data coverage) and the analyst's entries, and scores them
 * with the MoRiLE-style matrix in src/analysis/priorities.ts.
 */
import { DEFAULT_HARM_WEIGHTS } from '../../analysis/harm-weights.ts';
import { type PrioritiesResult, type PriorityIssueInput, scorePriorities } from '../../analysis/priorities.ts';
import type { WorkshopSummary } from '../../analysis/workshops.ts';
import type { PrioritiesConfig } from '../../config/priorities-config.ts';
import type { Coverage } from '../model.ts';
import type { ThemeSection } from '../themes-model.ts';
import { issueChange, issueVolume } from './issue-facts.ts';

export interface PrioritiesInput {
  themes: readonly ThemeSection[];
  workshops: WorkshopSummary | null | undefined;
  coverage: Coverage;
  harmWeights: Readonly<Record<string, number>> | undefined;
  config: PrioritiesConfig;
}

const norm = (t: string): string => t.toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/** Workshop categories that count as concern about an issue: configured, else those naming it (or named by it). */
function concernCategories(title: string, id: string, categories: readonly string[], configured: readonly string[] | undefined): string[] {
  if (configured) return [...configured];
  const t = norm(title);
  return categories.filter((c) => {
    const n = norm(c);
    return n === t || t.includes(n) || n.includes(t) || norm(id) === n;
  });
}

export function buildPriorities(input: PrioritiesInput): PrioritiesResult {
  const weights = input.harmWeights ?? DEFAULT_HARM_WEIGHTS;
  const w = input.workshops;
  const workshopCategories = w?.categories.map((c) => c.category) ?? [];
  const coverage = input.coverage.expectedMonths ? 1 - input.coverage.missingMonths.length / input.coverage.expectedMonths : 1;
  const issues: PriorityIssueInput[] = input.themes
    .filter((t) => !t.context)
    .flatMap((theme) =>
      theme.issues.map((issue) => {
        const entry = input.config.issues[issue.id];
        const volume = issueVolume(issue);
        const change = issueChange(issue);
        const weighted = issue.categories.map((c) => weights[c]).filter((x): x is number => x !== undefined && x > 0);
        const concerns = new Set(concernCategories(issue.title, issue.id, workshopCategories, entry?.workshopCategories));
        const raisedIn = w ? w.byLocality.filter((l) => l.categories.some((c) => concerns.has(c.category))).length : 0;
        return {
          id: issue.id,
          title: issue.title,
          theme: theme.title,
          restricted: issue.restricted,
          harm: entry?.harm ?? null,
          harmWeight: weighted.length ? weighted.reduce((s, x) => s + x, 0) / weighted.length : null,
          volume: volume?.count ?? null,
          volumeLabel: volume?.label ?? '',
          trend: change
            ? { direction: change.significant ? ((change.changePct ?? 1) > 0 ? 'rose' : 'fell') : 'no significant change', pValue: change.pValue }
            : null,
          workshop: w && concerns.size ? { localities: raisedIn, of: w.byLocality.length } : null,
          position: entry?.position ?? null,
          data: { hasData: issue.hasData, synthetic: issue.synthetic, coverage: issue.detail?.kind === 'police' ? coverage : 1 },
        } satisfies PriorityIssueInput;
      }),
    );
  return scorePriorities(issues, input.config.weights, input.config.scaleMax);
}
