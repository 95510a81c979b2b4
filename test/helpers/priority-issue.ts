import type { PriorityIssueInput } from '../../src/analysis/priorities.ts';

/** A priority-matrix issue for tests: a volume and a harm weight, nothing else known unless given. */
export const priorityIssue = (id: string, volume: number, more: Partial<PriorityIssueInput> = {}): PriorityIssueInput => ({
  id,
  title: id,
  theme: 'T',
  restricted: false,
  harm: null,
  harmWeight: 100,
  volume,
  volumeLabel: 'count',
  trend: null,
  workshop: null,
  position: null,
  data: { hasData: true, synthetic: false, coverage: 1 },
  ...more,
});
