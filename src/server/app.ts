import { statSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Assessment } from '../assessment/model.ts';
import { readAssessmentFile } from '../assessment/read-model.ts';
import { defaultWorkshopCategories, type LoadedAreaConfig } from '../config/area-config.ts';
import { cspError, isCspError, type CspError } from '../errors.ts';
import { Store } from '../store/store.ts';
import { SignInLimiter } from './auth/rate-limit.ts';
import { Sessions } from './auth/sessions.ts';
import { errorPage } from './html/layout.ts';
import { authPlugin } from './plugins/auth.ts';
import { defaultAllowedHosts, guardPlugin } from './plugins/guard.ts';
import { AnswerCache } from './dashboard-data.ts';
import { ConnectionPool } from './pool.ts';
import { Rebuild } from './rebuild.ts';
import { apiRoutes } from './routes/api.ts';
import { assetRoutes } from './routes/assets.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { registerRoutes } from './routes/registers.ts';
import { sessionRoutes } from './routes/session.ts';
import { workshopRoutes } from './routes/workshops.ts';

export interface AppOptions {
  db: string;
  /** assessment.json written by `assess`; re-read (and re-validated) when it changes. */
  model?: string;
  /** The area configuration: workshop issue categories, and what rebuilding the assessment needs. */
  config?: LoadedAreaConfig;
  logger?: boolean;
  /** The address the server will listen on: its names join the Host allow-list. */
  host?: string;
  /** More Host names to answer for (the name practitioners type, e.g. csp.example.gov.uk). */
  allowedHosts?: readonly string[];
  /** Budget per request in ms (default 15 s). */
  timeoutMs?: number;
  /** Store connections working at once, and requests that may wait for one (default 4 and 64). */
  pool?: { size: number; maxQueue: number };
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Session lifetime in ms (default 8 hours). */
  sessionTtlMs?: number;
  /** Failed sign-ins allowed per account and per address in the window (default 5 in 15 minutes). */
  signIn?: { limit: number; windowMs: number };
  secureCookies?: boolean;
}

export type ModelSource = () => Assessment | null;

/** The model file, validated with the same schema as `report --model`, re-read when its mtime changes. */
function modelSource(file: string | undefined): ModelSource {
  let cached: { mtime: number; assessment: Assessment } | null = null;
  return () => {
    const st = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !st) return null;
    if (!cached || cached.mtime !== st.mtimeMs) cached = { mtime: st.mtimeMs, assessment: readAssessmentFile(file) };
    return cached.assessment;
  };
}

const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url === '/health';

/** Fastify's own 4xx (bad JSON, body too large, bad media type) as coded errors. */
function asCspError(err: FastifyError): CspError | null {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return cspError('CSP_ERR_BODY_TOO_LARGE', 'the request body is too large');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return cspError('CSP_ERR_USAGE', err.message);
  return null;
}

/** Builds the server without listening, so tests can `inject` requests. Opens the store read-write and holds it. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const store = await Store.open(opts.db);
  let pool: ConnectionPool;
  try {
    pool = await ConnectionPool.open(store, opts.pool ?? { size: 4, maxQueue: 64 });
  } catch (e) {
    store.close();
    throw e;
  }
  const assessment = modelSource(opts.model);
  try {
    assessment();
  } catch (e) {
    await pool.close();
    store.close();
    throw e;
  }
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    // A client that sends its headers or body too slowly is cut off (slowloris).
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = isCspError(err) ? err : asCspError(err);
    if (!e) {
      if (req.workSignal?.aborted) return reply.code(503).send({ code: 'CSP_ERR_BUSY', message: 'the request was abandoned or timed out' });
      req.log.error(err);
      return reply.code(500).send({ code: 'CSP_ERR_INTERNAL', message: 'internal error' });
    }
    if (e.code === 'CSP_ERR_RATE_LIMIT' || e.code === 'CSP_ERR_BUSY') reply.header('retry-after', '60');
    if (wantsJson(req)) return reply.code(e.httpStatus).send({ code: e.code, message: e.message });
    return reply.code(e.httpStatus).type('text/html; charset=utf-8').send(errorPage(req.session ?? null, e.httpStatus, e.format()));
  });
  // Pages load only what this server serves: no inline script, no other origin, never in a frame.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });
  app.setNotFoundHandler(async () => {
    throw cspError('CSP_ERR_NOT_FOUND', 'nothing here');
  });

  const ttlMs = opts.sessionTtlMs ?? 8 * 3600_000;
  const sessions = new Sessions(ttlMs);
  const authOptions = { sessions, ttlMs, secureCookies: opts.secureCookies ?? false };
  await app.register(guardPlugin, { pool, allowedHosts: defaultAllowedHosts(opts.host ?? '127.0.0.1', opts.allowedHosts), timeoutMs: opts.timeoutMs ?? 15_000 });
  await app.register(authPlugin, authOptions);
  const rebuild = new Rebuild(store, opts.config, opts.model);
  app.addHook('onClose', async () => {
    await rebuild.stop();
    await pool.close();
    store.close();
  });

  // Dashboard answers, cached serialised (a map layer is a few hundred kB of JSON): the incidents change
  // only through a load, which needs the store this server holds, so nothing goes stale while it runs.
  const answers = { counts: new AnswerCache<string>(500), layers: new AnswerCache<string>(100) };
  const ctx: AppContext = { assessment, issueCategories: opts.config?.config.workshops.issueCategories ?? defaultWorkshopCategories, sessions, auth: authOptions, answers, pool, rebuild };
  app.get('/health', { config: { public: true } }, async () => ({ ok: true }));
  await app.register(assetRoutes);
  await app.register(sessionRoutes, { ...ctx, limiter: new SignInLimiter(opts.signIn?.limit ?? 5, opts.signIn?.windowMs ?? 15 * 60_000) });
  await app.register(apiRoutes, ctx);
  await app.register(dashboardRoutes, ctx);
  await app.register(workshopRoutes, ctx);
  await app.register(registerRoutes, ctx);
  return app;
}

export type AppContext = {
  assessment: ModelSource;
  issueCategories: readonly string[];
  sessions: Sessions;
  auth: import('./plugins/auth.ts').AuthOptions;
  answers: { counts: AnswerCache<string>; layers: AnswerCache<string> };
  /** For work shared by several requests (cached answers); a request's own work goes through `req.db`. */
  pool: ConnectionPool;
  rebuild: Rebuild;
};
