/** Named example models for data notes: synthetic with full coverage, and real data with a gap. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const dataNotesExamples: Record<string, Assessment> = {
  synthetic: exampleAssessment,
  'real-with-gap': {
    ...exampleAssessment,
    data: { ...exampleAssessment.data, synthetic: false, label: 'Police recorded crime, data.police.uk' },
    coverage: { expectedMonths: 42, missingMonths: ['2016-11'] },
  },
};
