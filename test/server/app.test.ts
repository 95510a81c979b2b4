import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';
import { writeStreet } from '../helpers/police-fixtures.ts';

describe('server', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const dir = tempDir();
    const db = join(dir, 's.duckdb');
    expect((await runCli('ingest', 'police', writeStreet(dir, 'a.csv'), '--db', db)).code).toBe(0);
    app = await buildApp({ db, model: join(dir, 'missing.json') });
  });
  afterAll(async () => app.close());

  it('answers counts from the store', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/counts?by=crime_type' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([
      { crime_type: 'Anti-social behaviour', count: 1 },
      { crime_type: 'Burglary', count: 1 },
      { crime_type: 'Shoplifting', count: 1 },
      { crime_type: 'Violence and sexual offences', count: 1 },
    ]);
  });

  it('refuses a bad query with a coded error', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/counts?by=colour' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ code: 'CSP_ERR_USAGE', message: expect.stringContaining('unknown dimension') });
    expect((await app.inject({ method: 'GET', url: '/api/counts?by=month&from=2016-13' })).statusCode).toBe(400);
  });

  it('says when no assessment has been built', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/assessment' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
  });
});
