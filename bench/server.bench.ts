/**
 * Dashboard API under load: 50 concurrent clients for 20 s (autocannon) against a `csp-assess serve`
 * process on the real GMP burglary example store, signed in as a viewer. Prints requests per second,
 * p50/p95/p99 latency and errors. Target: p95 under 50 ms, no errors.
 *   TZ=Europe/London node --import tsx bench/server.bench.ts   (CONNECTIONS=50 SECONDS=20 to change)
 * The clients cycle through the dashboard's calls for every locality and a few periods, so the
 * first of each is computed and the rest are answered from the server's cache, as in use.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { runGmBurglaryExample } from '../src/pipelines/example.ts';
import { addUser } from '../src/server/auth/accounts.ts';
import { withStore } from '../src/store/store.ts';

const dataDir = path.resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');
const connections = Number(process.env.CONNECTIONS ?? 50);
const duration = Number(process.env.SECONDS ?? 20);
const root = path.resolve(import.meta.dirname, '..');

const dir = mkdtempSync(path.join(tmpdir(), 'csp-bench-server-'));
const db = path.join(dir, 'gm.duckdb');
const out = path.join(dir, 'out');
let t = performance.now();
const run = await runGmBurglaryExample({ dataDir, db, out, asOf: '2026-01-01T00:00:00Z' });
const password = 'bench password 1234';
await withStore(db, (s) => addUser(s, { username: 'bench', role: 'viewer', password, restrictedClearance: false }));
console.log(`store: GMP burglary example, ${run.assessment.overview.crime} Stockport burglaries, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const server = spawn(process.execPath, [path.join(root, 'bin/csp-assess.mjs'), 'serve', '--db', db, '--model', path.join(out, 'assessment.json'), '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise<string>((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d: Buffer) => {
    err += d;
    const m = /serving (http:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]!);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});
const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

const localities = ['', ...run.assessment.localities.map((l) => l.name)];
const periods = [['', ''], ['2018-02', '2019-01'], ['2016-02', '2017-01']];
const paths: string[] = [];
for (const locality of localities) {
  for (const [from, to] of periods) {
    const q = new URLSearchParams({ locality: locality!, from: from!, to: to! }).toString();
    paths.push(`/api/dashboard/counts?${q}`);
  }
  paths.push(`/api/dashboard/map/lsoa?${new URLSearchParams({ locality: locality! })}`);
}
console.log(`${paths.length} distinct dashboard calls, ${connections} clients, ${duration} s`);

const latencies: number[] = [];
t = performance.now();
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url, connections, duration, headers: { cookie }, requests: paths.map((p) => ({ method: 'GET', path: p })) },
    (err, res) => (err ? reject(err) : resolve(res)),
  );
  instance.on('response', (_client, _status, _bytes, ms: number) => latencies.push(ms));
});
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(`requests: ${result.requests.total} in ${((performance.now() - t) / 1000).toFixed(1)} s, ${result.requests.average.toFixed(0)} per second`);
console.log(`latency: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
console.log(`errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`);
console.log(pct(95) < 50 && result.errors === 0 && result.non2xx === 0 ? 'target met: p95 under 50 ms, no errors' : 'TARGET MISSED: p95 under 50 ms with no errors');
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
