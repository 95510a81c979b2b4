import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Assessment } from '../../assessment/model.ts';
import { cspError } from '../../errors.ts';
import { buildCountsSql, parseDimensions } from '../../store/queries/build-counts-sql.ts';
import { hasRestricted, requireRole, visibleModel } from '../access.ts';
import type { AppContext } from '../app.ts';
import { audit } from '../audit.ts';
import { dashboardCounts, dashboardLayer, type MapLayer } from '../dashboard-data.ts';
import { localityNames } from './localities.ts';
import { findIssue, parseDashboardQuery, resolveFilter } from '../dashboard-filter.ts';

const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const CountsQuery = z.object({
  by: z.string().min(1),
  from: monthKey.optional(),
  to: monthKey.optional(),
  crimeType: z.string().optional(),
});

/** The model the session may see, or 404 before one is built; a cleared view of restricted content is audited. */
export async function modelFor(req: FastifyRequest, ctx: AppContext): Promise<Assessment> {
  const a = ctx.assessment();
  if (!a) throw cspError('CSP_ERR_STORE_EMPTY', 'no assessment built yet: run csp-assess assess and serve with --model');
  const user = req.session!.user;
  return visibleModel(a, user);
}

/** Filtered dashboard input; a refused restricted theme is audited as a refused view. */
async function filterFor(req: FastifyRequest, ctx: AppContext) {
  const q = parseDashboardQuery(req.query);
  const user = req.session!.user;
  const a = ctx.assessment();
  try {
    const f = resolveFilter(a, user, q);
    if (f.issue?.restricted) await req.db((s) => audit(s, user.username, 'view', `theme-issue:${f.issue!.id}`, { via: 'dashboard' }));
    return f;
  } catch (e) {
    if ((e as { code?: string }).code === 'CSP_ERR_FORBIDDEN') await req.db((s) => audit(s, user.username, 'view', `theme-issue:${q.theme}`, { refused: true }));
    throw e;
  }
}

/** JSON API over the assessment model and the store: what the pages show. */
export async function apiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { counts, layers } = ctx.answers;

  app.get('/api/assessment', async (req) => {
    const a = await modelFor(req, ctx);
    if (hasRestricted(a)) await req.db((s) => audit(s, req.session!.user.username, 'view', 'assessment', { restricted: true }));
    return a;
  });

  app.get('/api/assessment/rebuild', async () => ctx.rebuild.current);
  app.post('/api/assessment/rebuild', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    return reply.code(202).send(await ctx.rebuild.start(s.user));
  });

  app.get<{ Params: { id: string } }>('/api/themes/:id', async (req) => {
    const user = req.session!.user;
    const issue = findIssue(ctx.assessment(), req.params.id);
    if (!issue) throw cspError('CSP_ERR_NOT_FOUND', `no theme issue "${req.params.id}"`);
    if (issue.restricted) {
      await req.db((s) => audit(s, user.username, 'view', `theme-issue:${issue.id}`, user.restrictedClearance ? undefined : { refused: true }));
      if (!user.restrictedClearance) throw cspError('CSP_ERR_FORBIDDEN', 'this theme is restricted');
    }
    return issue;
  });

  app.get('/api/counts', async (req) => {
    const q = CountsQuery.safeParse(req.query);
    if (!q.success) throw cspError('CSP_ERR_USAGE', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { sql, params } = buildCountsSql(parseDimensions(q.data.by), {
      categories: q.data.crimeType ? [q.data.crimeType] : undefined,
      from: q.data.from,
      to: q.data.to,
    });
    return req.db((s) => s.all(sql, params));
  });

  app.get('/api/dashboard/counts', async (req, reply) => {
    const f = await filterFor(req, ctx);
    const body = await counts.get(f.key, req.workSignal, async (signal) => JSON.stringify(await ctx.pool.use(signal, (s) => dashboardCounts(s, f))));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get<{ Params: { layer: string } }>('/api/dashboard/map/:layer', async (req, reply) => {
    const layer = req.params.layer as MapLayer;
    if (!['lsoa', 'density', 'gi'].includes(layer)) throw cspError('CSP_ERR_NOT_FOUND', `no map layer "${layer}": use lsoa, density or gi`);
    const f = await filterFor(req, ctx);
    // The LSOA layer carries Gi* too: one answer serves both.
    const kind = layer === 'density' ? 'density' : 'lsoa';
    const body = await layers.get(`${kind}:${f.key}`, req.workSignal, async (signal) => JSON.stringify(await ctx.pool.use(signal, (s) => dashboardLayer(s, f, kind))));
    return reply.type('application/geo+json; charset=utf-8').send(body);
  });

  app.get('/api/localities', async (req) => localityNames(req, ctx));
}
