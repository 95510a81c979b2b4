/**
 * Near repeat on worker threads: the permutations are shared out between threads. Each permutation
 * has its own place in the seeded stream (see knoxPermutations), so the result is the same whichever
 * way they are split, and the same as `nearRepeat` on one thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cspError } from '../errors.ts';
import { knoxObserved, knoxPermutations, knoxResult, knoxSetup, normaliseNearRepeatOptions, type KnoxJob, type KnoxStats, type NearRepeatInput, type NearRepeatOptions, type NearRepeatResult } from './near-repeat.ts';

export interface NearRepeatThreadOptions {
  /**
   * Threads to share the permutations between. Default: one per core, but no more than leaves each
   * THREADED_WORK candidate pairs to check (starting one costs about 0.1-0.3 s), so small inputs
   * run on this thread alone.
   */
  threads?: number;
}

/** Candidate pair checks (over all permutations) each extra thread should have to pay for its start. */
export const THREADED_WORK = 2e8;

/**
 * Starts the worker module beside this one: the compiled `.js` from dist/, or the `.ts` source when
 * the sources run (through tsx, or vitest). Worker threads do not inherit module hooks on Node 20, so
 * a `.ts` worker first registers tsx's loader, found from this module, so any working folder works.
 */
function startWorker(job: KnoxJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./near-repeat-worker.js', import.meta.url), { workerData: job });
  const tsx = import.meta.resolve('tsx/esm/api'), entry = new URL('./near-repeat-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: job });
}

/** Runs the jobs on one worker each; if one fails, the others are stopped and the failure is thrown. */
async function runWorkers(jobs: KnoxJob[]): Promise<KnoxStats[]> {
  const workers = jobs.map(startWorker);
  try {
    return await Promise.all(workers.map((worker) => new Promise<KnoxStats>((resolve, reject) => {
      worker.once('message', (stats: KnoxStats) => resolve(stats));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(cspError('CSP_ERR_INTERNAL', `a near-repeat worker thread stopped (code ${code}) before posting its result`)));
    })));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
}

/**
 * `nearRepeat` with the permutations shared between worker threads: same method, same result for a
 * seed, whatever the number of threads. Small inputs run on this thread.
 *
 * @param input `{xs, ys, days}` in metres and integer days.
 * @param options as `nearRepeat`.
 * @param threads `{threads}`: how many (default one per core when the work is large).
 * @example
 * const r = await nearRepeatThreaded({ xs, ys, days }, { permutations: 999 });
 */
export async function nearRepeatThreaded(input: NearRepeatInput, options?: NearRepeatOptions, threads: NearRepeatThreadOptions = {}): Promise<NearRepeatResult> {
  const o = normaliseNearRepeatOptions(options);
  if (threads.threads !== undefined && !(Number.isInteger(threads.threads) && threads.threads >= 1)) {
    throw cspError('CSP_ERR_ANALYSIS_INPUT', `threads must be a positive whole number: ${threads.threads}`);
  }
  const { setup, skipped } = knoxSetup(input, o);
  const { observed, candidates } = knoxObserved(setup);
  const R = o.permutations;
  const wanted = threads.threads ?? Math.min(availableParallelism(), Math.floor(((candidates + setup.n) * R) / THREADED_WORK));
  const parts = Math.max(1, Math.min(wanted, R));
  if (parts === 1 || setup.n < 2) return knoxResult(o, setup.n, skipped, observed, knoxPermutations(setup, observed, 0, R));
  const jobs: KnoxJob[] = Array.from({ length: parts }, (_, k) => ({ setup, observed, from: Math.floor((k * R) / parts), to: Math.floor(((k + 1) * R) / parts) }));
  const shares = await runWorkers(jobs);
  // Integer counts: the sums are exact whatever the order.
  const total: KnoxStats = { sums: new Float64Array(observed.length), atLeast: new Float64Array(observed.length) };
  for (const s of shares) for (let c = 0; c < observed.length; c++) { total.sums[c]! += s.sums[c]!; total.atLeast[c]! += s.atLeast[c]!; }
  return knoxResult(o, setup.n, skipped, observed, total);
}
