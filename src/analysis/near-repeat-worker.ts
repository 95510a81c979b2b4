/** Worker thread entry: runs one share of the near-repeat permutations and posts their sums back. */
import { parentPort, workerData } from 'node:worker_threads';
import { knoxPermutations, type KnoxJob } from './near-repeat.ts';

const job = workerData as KnoxJob;
parentPort!.postMessage(knoxPermutations(job.setup, job.observed, job.from, job.to));
