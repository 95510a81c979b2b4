import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Assessment } from '../../assessment/model.ts';
import { buildCountsSql, parseDimensions } from '../../store/queries/build-counts-sql.ts';

const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const CountsQuery = z.object({
  by: z.string().min(1),
  from: monthKey.optional(),
  to: monthKey.optional(),
  crimeType: z.string().optional(),
});

/** JSON API over the assessment model and the store. */
export async function apiRoutes(app: FastifyInstance, opts: { assessment: () => Assessment | null }): Promise<void> {
  app.get('/api/assessment', async (_req, reply) => {
    const a = opts.assessment();
    if (!a) return reply.code(404).send({ code: 'CSP_ERR_STORE_EMPTY', message: 'no assessment built yet: run csp-assess assess' });
    return a;
  });

  app.get('/api/counts', async (req, reply) => {
    const q = CountsQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ code: 'CSP_ERR_USAGE', message: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const { sql, params } = buildCountsSql(parseDimensions(q.data.by), {
      categories: q.data.crimeType ? [q.data.crimeType] : undefined,
      from: q.data.from,
      to: q.data.to,
    });
    return app.store.all(sql, params);
  });
}
