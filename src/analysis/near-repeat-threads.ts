/**
 * Near repeat on worker threads: each round's permutations are shared out between threads that
 * live for the whole run. Each permutation has its own place in the seeded stream and decisions are
 * taken at fixed rounds (see knoxRounds), so the result is the same whichever way the permutations
 * are split, and the same as `nearRepeat` on one thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cspError } from '../errors.ts';
import { LANES } from './knox-lanes.ts';
import { type KnoxBase, type KnoxPlan, type KnoxTally, knoxPermutationCounts, knoxReserve, knoxResult, knoxRounds, knoxStart, ROUND, type NearRepeatInput, type NearRepeatOptions, type NearRepeatResult, normaliseNearRepeatOptions } from './near-repeat.ts';

export interface NearRepeatThreadOptions {
  /**
   * Threads to share the permutations between. Default: one per core, but no more than leaves each
   * THREADED_WORK pair checks to do (starting one costs about 0.1-0.3 s), so small inputs run on
   * this thread alone.
   */
  threads?: number;
}

/** Pair checks (over all permutations) each extra thread should have to pay for its start. */
export const THREADED_WORK = 2e8;

/** A message to a worker: the incidents once, a plan when it changes, and a share of a round. */
export interface KnoxMessage {
  base?: KnoxBase;
  plan?: KnoxPlan;
  /** The worker's scratch region of a pair-list plan. */
  region: number;
  from: number;
  to: number;
}

/**
 * Starts the worker module beside this one: the compiled `.js` from dist/, or the `.ts` source when
 * the sources run (through tsx, or vitest). Worker threads do not inherit module hooks on Node 20, so
 * a `.ts` worker first registers tsx's loader, found from this module, so any working folder works.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./near-repeat-worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api'), entry = new URL('./near-repeat-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/** Sends one message and waits for its counts; a worker that fails or exits rejects. */
function ask(worker: Worker, message: KnoxMessage): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const done = (): void => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
    const onMessage = (counts: Float64Array): void => { done(); resolve(counts); };
    const onError = (e: Error): void => { done(); reject(e); };
    const onExit = (code: number): void => { done(); reject(cspError('CSP_ERR_INTERNAL', `a near-repeat worker thread stopped (code ${code}) before posting its result`)); };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(message);
  });
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
  const s = knoxStart(input, o);
  // Pair checks a permutation makes: a listed pair for every LANES permutations, or about three candidates (neighbouring cells, within the days) per close pair observed.
  const work = (s.plan.kind === 'lanes' ? s.spatial.reduce((t, v) => t + v, 0) / LANES : s.observed.reduce((t, v) => t + v, 0) * 3) + s.base.n;
  const parts = Math.max(1, Math.min(threads.threads ?? Math.min(availableParallelism(), Math.floor((work * o.permutations) / THREADED_WORK)), ROUND));
  const rounds = knoxRounds(s.base, s.observed, s.spatial, o, s.plan);
  let step = rounds.next();
  if (parts === 1 || s.base.n < 2) {
    while (!step.done) step = rounds.next(knoxPermutationCounts(s.base, step.value.plan, step.value.from, step.value.to));
    return knoxResult(o, s.base.n, s.skipped, s.observed, s.expected, step.value);
  }
  const workers = Array.from({ length: parts }, startWorker);
  let tally: KnoxTally;
  try {
    let sent: KnoxPlan | null = null;
    const cells = s.observed.length;
    for (;;) {
      if (step.done) { tally = step.value; break; }
      const { plan, from, to } = step.value;
      knoxReserve(plan, parts);
      // The incidents go with the first round; a plan only when it changed.
      const extra = { ...(sent === null ? { base: s.base } : {}), ...(plan === sent ? {} : { plan }) };
      sent = plan;
      const shares = await Promise.all(workers.map((w, k) => ask(w, { ...extra, region: k, from: from + Math.floor((k * (to - from)) / parts), to: from + Math.floor(((k + 1) * (to - from)) / parts) })));
      const counts = new Float64Array((to - from) * cells);
      let at = 0;
      for (const share of shares) { counts.set(share, at); at += share.length; }
      step = rounds.next(counts);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return knoxResult(o, s.base.n, s.skipped, s.observed, s.expected, tally);
}
