/**
 * Theme sections of the assessment model: one per configured priority theme, each with its issues.
 * Owned by the partnership-themes work; see model.ts for conventions (units in JSDoc, months 'YYYY-MM').
 */
export interface ThemeSection {
  id: string;
  title: string;
  issues: IssueSection[];
}

export interface IssueSection {
  id: string;
  title: string;
  /** Restricted issues (CSE detail, OCG, Prevent) are left out of public outputs and uncleared roles. */
  restricted: boolean;
  /** False when no data was loaded for the issue: the report lists it as an intelligence gap. */
  hasData: boolean;
}
