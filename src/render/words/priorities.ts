/** The evidence behind each priority score, in words; counts go through the edition like every other. */
import { HARM_DIMENSIONS, type PriorityScore } from '../../analysis/priorities.ts';
import { type Edition, countWords } from './edition.ts';

export function priorityEvidence(i: PriorityScore, ed: Edition): { harm: string; likelihood: string; concern: string; position: string; confidence: string } {
  const b = i.basis;
  const trend = b.trendStep === null ? 'trend not tested' : b.trendStep > 0 ? 'statistically significant rise (+1)' : b.trendStep < 0 ? 'statistically significant fall (\u22121)' : 'no significant change';
  return {
    harm: b.harm
      ? `analyst's scores: ${HARM_DIMENSIONS.map((d) => `${d === 'vulnerability' ? 'victim vulnerability' : d} ${b.harm![d]}`).join(', ')}`
      : b.harmWeight !== null
        ? `harm weight of its police categories, ${Math.round(b.harmWeight)} days (crime severity bands)`
        : 'not scored: mid-scale assumed',
    likelihood: b.volume === null ? 'no data: lowest volume assumed' : `${b.volumeLabel}: ${countWords(b.volume, ed)} (volume ${b.volumeBand}); ${trend}`,
    concern: b.workshop ? `raised at ${b.workshop.localities} of ${b.workshop.of} locality workshops` : 'no workshop records match it',
    position: b.position ? `capacity ${b.position.capacity}, capability ${b.position.capability} (analyst)` : 'not entered: mid-scale assumed',
    confidence: !b.data.hasData ? 'no data loaded' : `${Math.round(b.data.coverage * 100)}% of months covered${b.data.synthetic ? '; synthetic data' : ''}`,
  };
}
