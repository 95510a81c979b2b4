import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Store } from '../../store/store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Opens the store read-only for the server's lifetime and shares it with every route. */
export const storePlugin = fp(async (app: FastifyInstance, opts: { db: string }) => {
  const store = await Store.open(opts.db, { readOnly: true });
  app.decorate('store', store);
  app.addHook('onClose', async () => store.close());
});
