import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cspError } from '../../errors.ts';
import { csrfMatches, type Session, type Sessions } from '../auth/sessions.ts';
import { hostName } from './guard.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Answered without a session: /health, the sign-in page and the sign-in calls, and the static assets. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'csp_session';

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export interface AuthOptions {
  sessions: Sessions;
  ttlMs: number;
  /** Adds `Secure` to the cookie (behind TLS). */
  secureCookies: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, opts: AuthOptions): void {
  const attrs = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(opts.ttlMs / 1000)}`];
  if (opts.secureCookies) attrs.push('Secure');
  reply.header('set-cookie', attrs.join('; '));
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A change must come from this origin: a cross-site Origin header is refused before the token is even checked. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return hostName(new URL(origin).host) === hostName(req.headers.host) && new URL(origin).port === (/:(\d+)$/.exec(req.headers.host ?? '')?.[1] ?? '');
  } catch {
    return false;
  }
}

/**
 * Sessions from the cookie; 401 for anything not public without one; on every change (POST, PUT,
 * DELETE) the session's CSRF token, from the `x-csrf-token` header or a form's `_csrf` field.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      req.session = await opts.sessions.find(req.db, token);
      req.sessionToken = req.session ? token : null;
    }
    if (!req.session && !req.routeOptions.config?.public) throw cspError('CSP_ERR_AUTH', 'sign in first');
  });
  app.addHook('preHandler', async (req) => {
    if (SAFE.has(req.method)) return;
    if (!sameOrigin(req)) throw cspError('CSP_ERR_FORBIDDEN', 'a change must come from a page of this server');
    if (req.routeOptions.config?.public) return;
    const given = req.headers['x-csrf-token'] ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
    if (!csrfMatches(req.session!.csrfToken, given)) throw cspError('CSP_ERR_FORBIDDEN', 'missing or wrong CSRF token');
  });
});
