import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app.ts';

/** The assessed area's localities: the model's when built, else those the store's geography names. */
export async function localityNames(req: FastifyRequest, ctx: AppContext): Promise<string[]> {
  const a = ctx.assessment();
  if (a?.localities.length) return a.localities.map((l) => l.name);
  return req.db(async (s) => (await s.all<{ locality: string }>('SELECT DISTINCT locality FROM lsoa_geo WHERE locality IS NOT NULL ORDER BY 1')).map((r) => r.locality));
}
