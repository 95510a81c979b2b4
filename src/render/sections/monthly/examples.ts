/** Named example models for the monthly trend: flagged months, and a quiet series with none. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const monthlyExamples: Record<string, Assessment> = {
  flagged: exampleAssessment,
  quiet: { ...exampleAssessment, monthly: exampleAssessment.monthly.map(({ month, crime, asb }) => ({ month, crime, asb })) },
};
