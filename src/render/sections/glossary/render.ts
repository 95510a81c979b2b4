/** Glossary: the terms the document uses, in plain English. */
import type { Assessment } from '../../../assessment/model.ts';
import { sectionHeading } from '../../html/figure.ts';
import { esc } from '../../html/format.ts';
import type { Edition } from '../../words/edition.ts';

const TERMS: [string, string][] = [
  ['Anti-social behaviour (ASB)', 'Behaviour causing or likely to cause harassment, alarm or distress; police-recorded incidents, not crimes.'],
  ['Confidence interval (95% CI)', 'The range of values consistent with the data: if the study were repeated, 95 in 100 such ranges would hold the true value.'],
  ['Getis-Ord Gi*', 'A test of whether a neighbourhood and its neighbours together hold more (hot spot) or fewer (cold spot) incidents than the area as a whole would give by chance.'],
  ['Benjamini-Hochberg adjustment', 'A correction applied when many tests are made at once, so that the share of false discoveries stays below the significance level.'],
  ['IMD 2019', 'The English Index of Multiple Deprivation 2019; decile 1 is the most deprived tenth of neighbourhoods in England.'],
  ['Kernel density (heat map)', 'A smooth surface of incidents per square kilometre, spreading each incident over its surroundings.'],
  ['LSOA', 'Lower layer super output area: a small neighbourhood of about 1,500 residents used for official statistics.'],
  ['MoRiLE', 'Management of Risk in Law Enforcement: a matrix scoring harm, likelihood, public concern and the partnership\'s position to rank issues for priority.'],
  ['p-value', 'How likely a difference at least this large would be if nothing had really changed; below the significance level (usually 0.05) the change is called statistically significant.'],
  ['Rate ratio', 'The later rate divided by the earlier one; 1 means no change.'],
  ['Statistically significant', 'Unlikely to be chance alone at the chosen significance level; a change that is not significant should not be read as a trend.'],
  ['Suppression', 'In the published edition, small counts are replaced by "fewer than N", and other figures that would reveal them are withheld.'],
];

export function renderGlossary(_a: Assessment, _ed: Edition): string {
  return `${sectionHeading('glossary', 'Glossary')}
<dl class="govuk-summary-list app-glossary">${TERMS.map(([t, d]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(t)}</dt><dd class="govuk-summary-list__value">${esc(d)}</dd></div>`).join('')}</dl>`;
}
