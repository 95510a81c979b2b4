import { networkInterfaces } from 'node:os';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { cspError } from '../../errors.ts';
import type { ConnectionPool, Db } from '../pool.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Aborts when the client goes away or the request times out. */
    workSignal: AbortSignal;
    /** Runs store work on a pooled connection for this request; interrupted when `signal` aborts. */
    db: Db;
  }
}

export interface GuardOptions {
  pool: ConnectionPool;
  /** Host names (without port) the server answers for. */
  allowedHosts: ReadonlySet<string>;
  /** Whole-request budget: past it the store query is interrupted and 503 answered. */
  timeoutMs: number;
}

/** The names a server bound to `host` answers for by default: loopback, the bound address, and this machine's own addresses when bound to all. */
export function defaultAllowedHosts(host: string, extra: readonly string[] = []): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', ...extra.map((h) => h.toLowerCase())]);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase());
  } else names.add(host.toLowerCase());
  return names;
}

/** The host name of a Host header: "[::1]:3000" → "::1", "example.org:80" → "example.org". */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Host allow-list (a page on another name that resolves here, DNS rebinding, is refused), a time
 * budget per request, and cancellation: when the client disconnects, its queued or running store work stops.
 */
export const guardPlugin = fp(async (app: FastifyInstance, opts: GuardOptions) => {
  app.decorateRequest('workSignal', null as unknown as AbortSignal);
  app.decorateRequest('db', null as unknown as Db);
  app.addHook('onRequest', async (req, reply) => {
    const host = hostName(req.headers.host);
    if (!host || !opts.allowedHosts.has(host)) throw cspError('CSP_ERR_HOST', `this server does not answer for host "${req.headers.host ?? ''}"`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(cspError('CSP_ERR_BUSY', `the request took longer than ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    timer.unref();
    reply.raw.once('close', () => {
      clearTimeout(timer);
      if (!reply.raw.writableFinished) controller.abort(cspError('CSP_ERR_BUSY', 'the client went away'));
    });
    req.workSignal = controller.signal;
    req.db = (fn) => opts.pool.use(controller.signal, fn);
  });
});
