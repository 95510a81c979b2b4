import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { govukCss } from '../../render/html/govuk-css.ts';

/** A package's folder, found from its entry point (some packages do not export package.json). */
function pkgDir(name: string): string {
  // The import resolution (maplibre-gl has no require entry).
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes(`"name": "${name}"`)) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package folder for ${name}`);
    dir = up;
  }
  return dir;
}
const here = dirname(fileURLToPath(import.meta.url));

/** Every file the pages load, by URL: libraries from node_modules, our own client code; nothing from elsewhere. */
const FILES: Record<string, { file: () => string; type: string }> = {
  '/assets/app.css': { file: () => join(here, '../client/app.css'), type: 'text/css' },
  '/assets/dashboard.js': { file: () => join(here, '../client/dashboard.js'), type: 'text/javascript' },
  '/assets/d3.min.js': { file: () => join(pkgDir('d3'), 'dist/d3.min.js'), type: 'text/javascript' },
  '/assets/plot.min.js': { file: () => join(pkgDir('@observablehq/plot'), 'dist/plot.umd.min.js'), type: 'text/javascript' },
  '/assets/maplibre/maplibre-gl.mjs': { file: () => join(pkgDir('maplibre-gl'), 'dist/maplibre-gl.mjs'), type: 'text/javascript' },
  '/assets/maplibre/maplibre-gl-worker.mjs': { file: () => join(pkgDir('maplibre-gl'), 'dist/maplibre-gl-worker.mjs'), type: 'text/javascript' },
  '/assets/maplibre/maplibre-gl.css': { file: () => join(pkgDir('maplibre-gl'), 'dist/maplibre-gl.css'), type: 'text/css' },
};

/** Static assets: public (they are published libraries and styles, no data), cached by the browser for an hour. */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const cache = new Map<string, Buffer>();
  app.get('/assets/govuk.css', { config: { public: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'private, max-age=3600').send(govukCss()));
  for (const [url, { file, type }] of Object.entries(FILES)) {
    app.get(url, { config: { public: true } }, async (_req, reply) => {
      let body = cache.get(url);
      if (!body) cache.set(url, (body = readFileSync(file())));
      return reply.type(`${type}; charset=utf-8`).header('cache-control', 'private, max-age=3600').send(body);
    });
  }
}
