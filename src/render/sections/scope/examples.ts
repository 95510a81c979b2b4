/** Named example models for the scope table: configured themes, and police-only with no themes. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

const { themes: _themes, ...policeOnly } = exampleAssessment;

export const scopeExamples: Record<string, Assessment> = {
  themes: exampleAssessment,
  'police-only': policeOnly,
};
