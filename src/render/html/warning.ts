/** The GOV.UK warning text component: an icon, then the warning in bold, announced as a warning. */
import { esc } from './format.ts';

export function warningText(text: string): string {
  return `<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${esc(text)}</strong></div>`;
}
