/**
 * Theme sections of the assessment model: one per configured priority theme, each with its issues.
 * Owned by the partnership-themes work; see model.ts for conventions (units in JSDoc, months 'YYYY-MM',
 * years calendar years unless a field says financial year 'YYYY/YY'). Shares are fractions 0-1.
 * Person counts are of pseudonyms: distinct people as the source system identifies them.
 */
import type { IssueDetail } from '../analysis/themes/types.ts';

export type * from '../analysis/themes/types.ts';

export interface ThemeSection {
  id: string;
  title: string;
  issues: IssueSection[];
  /** True for the appended public-perception section, which is context rather than a priority theme. */
  context?: boolean;
  /** True when the configuration names no themes and the statutory scope is used: a starting point, not the partnership's priorities. */
  defaultScope?: boolean;
}

export interface IssueSection {
  id: string;
  title: string;
  /** Restricted issues (CSE detail, OCG, Prevent) are left out of public outputs and uncleared roles. */
  restricted: boolean;
  /** False when no data was loaded for the issue: the report lists it as an intelligence gap. */
  hasData: boolean;
  /** Partnership datasets configured to feed the issue. */
  datasets: string[];
  /** Police categories configured to feed the issue. */
  categories: string[];
  /** True when any load feeding the issue was synthetic demonstration data. */
  synthetic: boolean;
  detail: IssueDetail | null;
}
