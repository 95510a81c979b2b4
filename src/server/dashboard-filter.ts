import { z } from 'zod';
import type { Assessment } from '../assessment/model.ts';
import type { IssueSection } from '../assessment/themes-model.ts';
import { cspError } from '../errors.ts';
import type { IncidentFilter } from '../store/queries/build-counts-sql.ts';
import type { User } from './auth/accounts.ts';

const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
const text = z.string().max(200);

/** The dashboard's filters as they arrive in a query string; empty fields mean "all". */
export const DashboardQuery = z.object({
  theme: text.optional(),
  locality: text.optional(),
  category: text.optional(),
  from: z.union([monthKey, z.literal('')]).optional(),
  to: z.union([monthKey, z.literal('')]).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export interface ResolvedFilter {
  query: DashboardQuery;
  /** The issue chosen as theme, when one is. */
  issue: IssueSection | null;
  incidents: IncidentFilter;
  /** False when the theme is measured from partnership data only: no police incident counts under it. */
  policeMeasured: boolean;
  /** A stable key for caching answers to this filter. */
  key: string;
}

export function parseDashboardQuery(q: unknown): DashboardQuery {
  const r = DashboardQuery.safeParse(q);
  if (!r.success) throw cspError('CSP_ERR_USAGE', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

export function findIssue(a: Assessment | null, id: string): IssueSection | null {
  for (const t of a?.themes ?? []) for (const i of t.issues) if (i.id === id) return i;
  return null;
}

/**
 * Turns the filters into an incident filter over the assessed district. A theme counts its issue's
 * police categories; a restricted theme is refused (403) without clearance, like its page.
 */
export function resolveFilter(a: Assessment | null, user: User, q: DashboardQuery): ResolvedFilter {
  const issue = q.theme ? findIssue(a, q.theme) : null;
  if (q.theme && !issue) throw cspError('CSP_ERR_USAGE', `unknown theme "${q.theme}"`);
  if (issue?.restricted && !user.restrictedClearance) throw cspError('CSP_ERR_FORBIDDEN', 'this theme is restricted');
  const from = q.from || undefined;
  const to = q.to || undefined;
  if (from && to && from > to) throw cspError('CSP_ERR_USAGE', 'the period starts after it ends');
  const categories = q.category ? [q.category] : issue?.categories.length ? issue.categories : undefined;
  const incidents: IncidentFilter = {
    ...(a ? { district: a.area.name } : {}),
    ...(categories ? { categories } : {}),
    ...(q.locality ? { locality: q.locality } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  return { query: q, issue, incidents, policeMeasured: !issue || q.category !== undefined && q.category !== '' || issue.categories.length > 0, key: JSON.stringify([q.theme ?? '', q.locality ?? '', q.category ?? '', from ?? '', to ?? '']) };
}
