import { buildAssessment } from '../assessment/build.ts';
import type { Assessment } from '../assessment/model.ts';
import { type OutputFormat, writeOutputs, type WrittenOutputs } from '../assessment/write-outputs.ts';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { type Store, withStore } from '../store/store.ts';

export interface AssessRun {
  assessment: Assessment;
  outputs: WrittenOutputs;
}

export interface AssessOptions {
  db: string;
  out: string;
  formats: OutputFormat[];
  /** ISO timestamp recorded as the build time. */
  asOf: string;
  /** The previous assessment's model, for the changes since the last assessment. */
  previous?: Assessment;
}

async function build(store: Store, cfg: LoadedAreaConfig, opts: Pick<AssessOptions, 'asOf' | 'previous'>): Promise<Assessment> {
  await ensureGeography(store, cfg);
  return buildAssessment(store, cfg, opts.previous ? { asOf: opts.asOf, previous: opts.previous } : { asOf: opts.asOf });
}

/** Loads geography if needed, builds the model and writes the outputs: shared by `assess` and `demo`. */
export async function runAssess(cfg: LoadedAreaConfig, opts: AssessOptions): Promise<AssessRun> {
  const assessment = await withStore(opts.db, (store) => build(store, cfg, opts));
  const outputs = await writeOutputs(assessment, opts.out, opts.formats);
  return { assessment, outputs };
}

/** The same on a store already open: the server, which holds its store, rebuilds the assessment this way. */
export async function runAssessOn(store: Store, cfg: LoadedAreaConfig, opts: Omit<AssessOptions, 'db'>): Promise<AssessRun> {
  const assessment = await build(store, cfg, opts);
  const outputs = await writeOutputs(assessment, opts.out, opts.formats);
  return { assessment, outputs };
}
