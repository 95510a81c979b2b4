import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cspError } from '../../errors.ts';
import { findUser } from '../auth/accounts.ts';
import { dummyHash, verifyPassword } from '../auth/passwords.ts';
import type { SignInLimiter } from '../auth/rate-limit.ts';
import type { Session } from '../auth/sessions.ts';
import type { AppContext } from '../app.ts';
import { audit } from '../audit.ts';
import { page, raw, signInForm } from '../html/layout.ts';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth.ts';

const Credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

const sessionJson = (s: Session) => ({ username: s.user.username, role: s.user.role, restrictedClearance: s.user.restrictedClearance, organisation: s.user.organisation, csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt).toISOString() });

/** Sign-in and sign-out, as JSON (`/api/session`) and as pages (`/sign-in`, `/sign-out`). */
export async function sessionRoutes(app: FastifyInstance, ctx: AppContext & { limiter: SignInLimiter }): Promise<void> {
  async function signIn(req: FastifyRequest, reply: FastifyReply, body: unknown): Promise<Session> {
    const c = Credentials.safeParse(body);
    if (!c.success) throw cspError('CSP_ERR_USAGE', 'give a username and a password');
    const keys = [`user:${c.data.username.toLowerCase()}`, `ip:${req.ip}`];
    const wait = ctx.limiter.retryAfter(keys);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw cspError('CSP_ERR_RATE_LIMIT', `too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minutes`);
    }
    const user = await req.db((s) => findUser(s, c.data.username));
    const ok = await verifyPassword(c.data.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabled) {
      ctx.limiter.fail(keys);
      await req.db((s) => audit(s, c.data.username, 'sign-in-refused', 'session', { address: req.ip }));
      throw cspError('CSP_ERR_AUTH', 'the username or password is wrong');
    }
    const { username, role, restrictedClearance, organisation } = user;
    const { token, session } = await req.db(async (s) => {
      await audit(s, username, 'sign-in', 'session', { address: req.ip });
      return ctx.sessions.create(s, { username, role, restrictedClearance, organisation, disabled: false });
    });
    setSessionCookie(reply, token, ctx.auth);
    return session;
  }

  async function signOut(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = req.sessionToken;
    const user = req.session?.user.username ?? null;
    if (token) {
      await req.db(async (s) => {
        await ctx.sessions.delete(s, token);
        await audit(s, user, 'sign-out', 'session');
      });
    }
    clearSessionCookie(reply);
  }

  app.post('/api/session', { config: { public: true } }, async (req, reply) => sessionJson(await signIn(req, reply, req.body)));
  app.get('/api/session', async (req) => sessionJson(req.session!));
  app.delete('/api/session', async (req, reply) => {
    await signOut(req, reply);
    return reply.code(204).send();
  });

  app.get('/sign-in', { config: { public: true } }, async (req, reply) => {
    if (req.session) return reply.redirect('/', 303);
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Sign in', session: null, body: raw(signInForm()) }));
  });
  app.post('/sign-in', { config: { public: true } }, async (req, reply) => {
    try {
      await signIn(req, reply, req.body);
    } catch (e) {
      const status = (e as { httpStatus?: number }).httpStatus ?? 500;
      if (status === 500) throw e;
      return reply.code(status).type('text/html; charset=utf-8').send(page({ title: 'Sign in', session: null, body: raw(signInForm((e as Error).message)) }));
    }
    return reply.redirect('/', 303);
  });
  app.post('/sign-out', async (req, reply) => {
    await signOut(req, reply);
    return reply.redirect('/sign-in', 303);
  });
}
