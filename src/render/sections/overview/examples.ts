/** Named example models for the overview: the demo, and one too short to test a change. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const overviewExamples: Record<string, Assessment> = {
  demo: exampleAssessment,
  'no-change-test': { ...exampleAssessment, overview: { ...exampleAssessment.overview, crimeChange: null, asbChange: null } },
};
