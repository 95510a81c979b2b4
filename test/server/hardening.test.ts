import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { AnswerCache } from '../../src/server/dashboard-data.ts';
import { SignInLimiter } from '../../src/server/auth/rate-limit.ts';
import { ConnectionPool } from '../../src/server/pool.ts';
import { Store } from '../../src/store/store.ts';
import { repoRoot, tempDir } from '../helpers/paths.ts';
import { addTestUsers, as, runCliStdin, signIn } from './helpers.ts';

/** A stand-in for a store connection that records interrupts. */
function fakeStore(log: string[], name: string): Store {
  return { interrupt: () => log.push(`interrupt ${name}`), close: () => log.push(`close ${name}`) } as unknown as Store;
}

async function fakePool(size: number, maxQueue: number, log: string[]): Promise<ConnectionPool> {
  let n = 0;
  const root = { connect: async () => fakeStore(log, `c${n++}`) } as unknown as Store;
  return ConnectionPool.open(root, { size, maxQueue });
}

const never = () => new Promise<never>(() => {});

describe('connection pool', () => {
  it('queues up to its bound and answers busy beyond it', async () => {
    const pool = await fakePool(1, 1, []);
    let release!: () => void;
    const first = pool.use(new AbortController().signal, () => new Promise<string>((r) => (release = () => r('first'))));
    const second = pool.use(new AbortController().signal, async () => 'second');
    await expect(pool.use(new AbortController().signal, async () => 'third')).rejects.toMatchObject({ code: 'CSP_ERR_BUSY' });
    expect(pool.waiting).toBe(1);
    release();
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('drops an abandoned request from the queue, and interrupts the query of one abandoned while running', async () => {
    const log: string[] = [];
    const pool = await fakePool(1, 4, log);
    const running = new AbortController();
    const first = pool.use(running.signal, never);
    const waiting = new AbortController();
    const queued = pool.use(waiting.signal, async () => 'never runs');
    waiting.abort();
    await expect(queued).rejects.toBeDefined();
    expect(pool.waiting).toBe(0);
    running.abort();
    expect(log).toEqual(['interrupt c0']);
    await pool.close(50);
    void first.catch(() => {});
  });

  it('interrupts a long DuckDB query when its request is abandoned', async () => {
    const store = await Store.open(join(tempDir(), 'p.duckdb'));
    const pool = await ConnectionPool.open(store, { size: 1, maxQueue: 1 });
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 200);
    await expect(pool.use(ac.signal, (s) => s.all('SELECT count(*) FROM range(50000000000) t(x) WHERE x % 7 = 3'))).rejects.toMatchObject({ code: 'CSP_ERR_BUSY' });
    expect(Date.now() - started).toBeLessThan(3000);
    // The connection is usable again.
    expect(await pool.use(new AbortController().signal, (s) => s.all('SELECT 42 AS n'))).toEqual([{ n: 42 }]);
    await pool.close();
    store.close();
  });
});

describe('server under load', () => {
  it('answers 503 with Retry-After when the queue for the store is full, and serves the rest', async () => {
    const dir = tempDir();
    const db = join(dir, 'q.duckdb');
    await addTestUsers(db);
    const app = await buildApp({ db, pool: { size: 1, maxQueue: 2 } });
    try {
      const who = await signIn(app, 'vic');
      // Distinct filters, so none is answered from the cache.
      const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => as(app, who, 'GET', `/api/dashboard/counts?from=2016-${String(i + 1).padStart(2, '0')}`)));
      const codes = replies.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(3);
      expect(codes.filter((c) => c === 503).length).toBeGreaterThan(0);
      expect(codes.every((c) => c === 200 || c === 503)).toBe(true);
      const busy = replies.find((r) => r.statusCode === 503)!;
      expect(busy.json().code).toBe('CSP_ERR_BUSY');
      expect(busy.headers['retry-after']).toBe('60');
    } finally {
      await app.close();
    }
  });
});

describe('serve command', () => {
  it('refuses a model that does not validate, in one line', async () => {
    const dir = tempDir();
    const model = join(dir, 'assessment.json');
    writeFileSync(model, JSON.stringify({ schemaVersion: 1, title: '<script>alert(1)</script>' }));
    const r = await runCliStdin('', 'serve', '--db', join(dir, 'x.duckdb'), '--model', model, '--port', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.*assessment\.json: not an assessment model: [^\n]+\n$/);
  });

  it('refuses a port that is not a number, with one line and exit 2', async () => {
    const r = await runCliStdin('', 'serve', '--db', join(tempDir(), 'x.duckdb'), '--port', 'notaport');
    expect(r).toEqual({ code: 2, stdout: '', stderr: '--port must be a number from 0 to 65535, got "notaport"\n' });
  });

  it('says so in one line, exit 1, when the port is in use', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runCliStdin('', 'serve', '--db', join(tempDir(), 'x.duckdb'), '--port', String(port));
      expect(r).toEqual({ code: 1, stdout: '', stderr: `cannot listen on 127.0.0.1:${port}: the port is in use\n` });
    } finally {
      busy.close();
    }
  });

  it('prints the address it bound, refuses a second server on the same store, and stops on SIGTERM within 5 s', async () => {
    const dir = tempDir();
    const db = join(dir, 'serve.duckdb');
    const start = (...args: string[]) => {
      const child = spawn(process.execPath, [join(repoRoot, 'bin/csp-assess.mjs'), 'serve', '--db', db, '--model', join(dir, 'none.json'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      return { child, exited, stderr: () => stderr };
    };
    const first = start('--host', '0.0.0.0', '--port', '0');
    // A failed expectation must not leave the server running after the test.
    try {
      const deadline = Date.now() + 60_000;
      while (!/serving/.test(first.stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const m = /^csp-assess serving http:\/\/0\.0\.0\.0:(\d+) \(every interface of this machine\)$/m.exec(first.stderr());
      expect(m, first.stderr()).not.toBeNull();
      const health = await fetch(`http://127.0.0.1:${m![1]}/health`);
      expect(await health.json()).toEqual({ ok: true });

      const second = start('--port', '0');
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toBe(`store ${db} is in use by another process\n`);

      const stopping = Date.now();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(5000);
      expect(first.stderr()).toMatch(/SIGTERM, stopping\n$/);
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('shared dashboard answers', () => {
  it('computes once for concurrent requests, keeps going while any still waits, and stops when all are gone', async () => {
    const cache = new AnswerCache<string>(10);
    const computed: AbortSignal[] = [];
    let finish!: (v: string) => void;
    const compute = (signal: AbortSignal) => {
      computed.push(signal);
      return new Promise<string>((r) => (finish = r));
    };
    const [a, b] = [new AbortController(), new AbortController()];
    const first = cache.get('k', a.signal, compute);
    const second = cache.get('k', b.signal, compute);
    expect(computed).toHaveLength(1);
    a.abort(new Error('client went away'));
    await expect(first).rejects.toThrow('client went away');
    expect(computed[0]!.aborted).toBe(false);
    finish('answer');
    await expect(second).resolves.toBe('answer');
    // Cached: no second computation.
    await expect(cache.get('k', new AbortController().signal, compute)).resolves.toBe('answer');
    expect(computed).toHaveLength(1);

    const [c, d] = [new AbortController(), new AbortController()];
    const third = cache.get('other', c.signal, compute);
    const fourth = cache.get('other', d.signal, compute);
    c.abort(new Error('gone'));
    d.abort(new Error('gone'));
    await expect(third).rejects.toThrow('gone');
    await expect(fourth).rejects.toThrow('gone');
    expect(computed[1]!.aborted).toBe(true);
    // A stopped answer is not kept: the next request computes afresh.
    void cache.get('other', new AbortController().signal, compute);
    expect(computed).toHaveLength(3);
  });
});

describe('sign-in limiter', () => {
  it('refuses after the limit in the window, for as long as the oldest failure stays in it', () => {
    const limiter = new SignInLimiter(3, 60_000);
    const keys = ['user:pat', 'ip:10.0.0.1'];
    for (const t of [0, 1000, 2000]) {
      expect(limiter.retryAfter(keys, t)).toBe(0);
      limiter.fail(keys, t);
    }
    expect(limiter.retryAfter(keys, 2500)).toBe(58);
    expect(limiter.retryAfter(['user:pat', 'ip:10.0.0.2'], 2500)).toBe(58);
    expect(limiter.retryAfter(['user:pip', 'ip:10.0.0.2'], 2500)).toBe(0);
    expect(limiter.retryAfter(keys, 60_001)).toBe(0);
  });
});
