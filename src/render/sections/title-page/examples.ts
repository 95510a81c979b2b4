/** Named example models for the cover: the synthetic demo and a real-data variant (no banner text). */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment } from '../examples.ts';

export const titlePageExamples: Record<string, Assessment> = {
  synthetic: exampleAssessment,
  'real-data': { ...exampleAssessment, data: { ...exampleAssessment.data, synthetic: false, label: 'Police recorded crime, data.police.uk' } },
};
