import { buildAssessment } from '../assessment/build.ts';
import type { Assessment } from '../assessment/model.ts';
import { type OutputFormat, writeOutputs, type WrittenOutputs } from '../assessment/write-outputs.ts';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { withStore } from '../store/store.ts';

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

/** Loads geography if needed, builds the model and writes the outputs: shared by `assess`, `demo` and the server. */
export async function runAssess(cfg: LoadedAreaConfig, opts: AssessOptions): Promise<AssessRun> {
  const assessment = await withStore(opts.db, async (store) => {
    await ensureGeography(store, cfg);
    return buildAssessment(store, cfg, opts.previous ? { asOf: opts.asOf, previous: opts.previous } : { asOf: opts.asOf });
  });
  const outputs = await writeOutputs(assessment, opts.out, opts.formats);
  return { assessment, outputs };
}
