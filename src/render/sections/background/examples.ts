/** Named example models for the background section: full coverage and a two-month gap in police data. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const backgroundExamples: Record<string, Assessment> = {
  'full-coverage': exampleAssessment,
  'coverage-gap': { ...exampleAssessment, coverage: { expectedMonths: 42, missingMonths: ['2015-03', '2015-04'] } },
};
