import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { Db } from '../pool.ts';
import type { User } from './accounts.ts';

export interface Session {
  user: User;
  csrfToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions live in the store (they survive a restart) and in a small cache in front of it, so a
 * signed-in request costs no query. Only the token's hash is stored.
 */
export class Sessions {
  private readonly cache = new Map<string, Session>();

  constructor(private readonly ttlMs: number) {}

  async create(store: Store, user: User): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session: Session = { user, csrfToken: randomBytes(24).toString('base64url'), expiresAt: Date.now() + this.ttlMs };
    for (const [key, s] of this.cache) if (s.expiresAt <= Date.now()) this.cache.delete(key);
    await store.run('DELETE FROM app_session WHERE expires_at_ms <= $1', [Date.now()]);
    await store.run('INSERT INTO app_session (token_sha256, username, csrf_token, expires_at_ms) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      user.username,
      session.csrfToken,
      session.expiresAt,
    ]);
    this.cache.set(sha256(token), session);
    return { token, session };
  }

  /** The live session for a cookie value, or null (unknown, expired, or its account disabled). */
  async find(db: Db, token: string): Promise<Session | null> {
    const key = sha256(token);
    let session = this.cache.get(key);
    if (!session) {
      const row = await db((store) => store.one<{ username: string; role: User['role']; restrictedClearance: boolean; organisation: string | null; csrfToken: string; expiresAt: number }>(
        `SELECT u.username, u.role, u.restricted_clearance AS "restrictedClearance", u.organisation, s.csrf_token AS "csrfToken", s.expires_at_ms AS "expiresAt"
         FROM app_session s JOIN app_user u USING (username) WHERE s.token_sha256 = $1 AND NOT u.disabled`,
        [key],
      ));
      if (!row) return null;
      session = {
        user: { username: row.username, role: row.role, restrictedClearance: row.restrictedClearance, organisation: row.organisation, disabled: false },
        csrfToken: row.csrfToken,
        expiresAt: row.expiresAt,
      };
      this.cache.set(key, session);
    }
    if (session.expiresAt <= Date.now()) {
      this.cache.delete(key);
      return null;
    }
    return session;
  }

  async delete(store: Store, token: string): Promise<void> {
    const key = sha256(token);
    this.cache.delete(key);
    await store.run('DELETE FROM app_session WHERE token_sha256 = $1 OR expires_at_ms < $2', [key, Date.now()]);
  }
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
