/** Named example models for headline findings: the demo set (one not significant) and none at all. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const headlineFindingsExamples: Record<string, Assessment> = {
  mixed: exampleAssessment,
  none: { ...exampleAssessment, findings: [] },
};
