/** Named example models for crime by type: the demo, and a category that went from none to some. */
import type { Assessment } from '../../../assessment/model.ts';
import { exampleAssessment, exampleChange } from '../examples.ts';

const fromZero = exampleAssessment.categories.map((c) =>
  c.category === 'Possession of weapons' && c.change ? { ...c, change: { ...exampleChange(0, 120, c.change.beforePeriod, c.change.afterPeriod), pValue: 0, significant: true } } : c,
);

export const categoriesExamples: Record<string, Assessment> = {
  demo: exampleAssessment,
  'from-zero': { ...exampleAssessment, categories: fromZero },
};
