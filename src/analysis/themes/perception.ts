import type { PerceptionDetail } from './types.ts';

export interface PerceptionResult {
  period: string;
  areaCode: string;
  areaName: string;
  question: string;
  respondents: number | null;
  shareAgreeing: number;
}

/** Public perception survey results, split into the area's own and other areas'. */
export function perception(input: { results: readonly PerceptionResult[]; area: string }): PerceptionDetail {
  const sorted = [...input.results].sort((a, b) => a.period.localeCompare(b.period) || a.question.localeCompare(b.question));
  return {
    kind: 'perception',
    area: sorted.filter((r) => r.areaCode === input.area).map((r) => ({ period: r.period, question: r.question, shareAgreeing: r.shareAgreeing, respondents: r.respondents })),
    other: sorted.filter((r) => r.areaCode !== input.area).map((r) => ({ period: r.period, areaName: r.areaName, question: r.question, shareAgreeing: r.shareAgreeing })),
  };
}
