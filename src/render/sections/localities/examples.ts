/** Named example models for localities: the demo, and one with no configured places. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const localitiesExamples: Record<string, Assessment> = {
  demo: exampleAssessment,
  'no-places': { ...exampleAssessment, places: [] },
};
