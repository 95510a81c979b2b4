import type { Assessment } from '../assessment/model.ts';
import { cspError } from '../errors.ts';
import { type Role, roleAtLeast, type User } from './auth/accounts.ts';
import type { Session } from './auth/sessions.ts';

/** The signed-in session, or 401. */
export function signedIn(session: Session | null): Session {
  if (!session) throw cspError('CSP_ERR_AUTH', 'sign in first');
  return session;
}

/** The session when its role is at least `least`, else 403. */
export function requireRole(session: Session | null, least: Role): Session {
  const s = signedIn(session);
  if (!roleAtLeast(s.user.role, least)) throw cspError('CSP_ERR_FORBIDDEN', `this needs the ${least} role or above`);
  return s;
}

/** Whether the model holds anything restricted (restricted findings or issues with data). */
export function hasRestricted(a: Assessment): boolean {
  return a.findings.some((f) => f.restricted) || (a.themes ?? []).some((t) => t.issues.some((i) => i.restricted));
}

/** The model as `user` may see it: without clearance, restricted findings and issues are absent, not blanked. */
export function visibleModel(a: Assessment, user: User): Assessment {
  if (user.restrictedClearance) return a;
  return {
    ...a,
    findings: a.findings.filter((f) => !f.restricted),
    themes: a.themes?.map((t) => ({ ...t, issues: t.issues.filter((i) => !i.restricted) })).filter((t) => t.issues.length > 0),
  };
}
