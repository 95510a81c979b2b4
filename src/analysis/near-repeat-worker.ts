/** Worker thread entry: keeps the incidents and the current plan, and counts each share of a round it is sent. */
import { parentPort } from 'node:worker_threads';
import { type KnoxBase, type KnoxPlan, knoxPermutationCounts } from './near-repeat.ts';
import type { KnoxMessage } from './near-repeat-threads.ts';

let base: KnoxBase | null = null;
let plan: KnoxPlan | null = null;
parentPort!.on('message', (m: KnoxMessage) => {
  base = m.base ?? base;
  plan = m.plan ?? plan;
  const counts = knoxPermutationCounts(base!, plan!, m.from, m.to, m.region);
  parentPort!.postMessage(counts, [counts.buffer as ArrayBuffer]);
});
