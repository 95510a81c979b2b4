import { readFileSync, statSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Assessment } from '../assessment/model.ts';
import { isCspError } from '../errors.ts';
import { renderReportHtml } from '../render/report-html.ts';
import { storePlugin } from './plugins/store.ts';
import { apiRoutes } from './routes/api.ts';

export interface AppOptions {
  db: string;
  /** assessment.json written by `assess`; re-read when it changes. */
  model?: string;
  logger?: boolean;
}

/** Builds the server without listening, so tests can `inject` requests. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false });
  let cached: { mtime: number; assessment: Assessment } | null = null;
  const assessment = (): Assessment | null => {
    const st = opts.model ? statSync(opts.model, { throwIfNoEntry: false }) : undefined;
    if (!opts.model || !st) return null;
    const mtime = st.mtimeMs;
    if (!cached || cached.mtime !== mtime) cached = { mtime, assessment: JSON.parse(readFileSync(opts.model, 'utf8')) as Assessment };
    return cached.assessment;
  };
  app.setErrorHandler((err, _req, reply) => {
    if (isCspError(err)) return reply.code(err.httpStatus).send({ code: err.code, message: err.message });
    app.log.error(err);
    return reply.code(500).send({ code: 'CSP_ERR_INTERNAL', message: 'internal error' });
  });
  await app.register(storePlugin, { db: opts.db });
  await app.register(apiRoutes, { assessment });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/', async (_req, reply) => {
    const a = assessment();
    if (!a) return reply.code(404).type('text/plain').send('No assessment yet: run `csp-assess assess --config AREA --out DIR` and serve with --model DIR/assessment.json');
    return reply.type('text/html; charset=utf-8').send(renderReportHtml(a, { public: false }));
  });
  return app;
}
