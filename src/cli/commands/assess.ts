import type { Command } from 'commander';
import type { Assessment } from '../../assessment/model.ts';
import { type OutputFormat, parseFormats, type WrittenOutputs } from '../../assessment/write-outputs.ts';
import type { LoadedAreaConfig } from '../../config/area-config.ts';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import { printJson } from '../output.ts';

export interface AssessRun {
  assessment: Assessment;
  outputs: WrittenOutputs;
}

/** Loads geography if needed, builds the model and writes the outputs: shared by `assess` and `demo`. */
export async function runAssess(cfg: LoadedAreaConfig, opts: { db: string; out: string; formats: OutputFormat[]; asOf: string }): Promise<AssessRun> {
  const [{ withStore }, { ensureGeography }, { buildAssessment }, { writeOutputs }] = await Promise.all([
    import('../../store/store.ts'),
    import('../../geography/ensure-geography.ts'),
    import('../../assessment/build.ts'),
    import('../../assessment/write-outputs.ts'),
  ]);
  const assessment = await withStore(opts.db, async (store) => {
    await ensureGeography(store, cfg);
    return buildAssessment(store, cfg, { asOf: opts.asOf });
  });
  const outputs = await writeOutputs(assessment, opts.out, opts.formats);
  return { assessment, outputs };
}

export function asOfOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  if (Number.isNaN(Date.parse(value))) throw cspError('CSP_ERR_USAGE', `--as-of must be an ISO 8601 date, got "${value}"`);
  return new Date(value).toISOString();
}

export function formatsOption(value: string): OutputFormat[] {
  try {
    return parseFormats(value);
  } catch (e) {
    throw cspError('CSP_ERR_USAGE', `--format: ${(e as Error).message}; use json, html, pdf, geojson`);
  }
}

export function registerAssess(program: Command, state: CliState): void {
  program
    .command('assess')
    .description('build the assessment model and report for the configured area')
    .requiredOption('--config <file>', 'area configuration (YAML or JSON)')
    .option('--data-dir <dir>', 'data directory (default: CSP_ASSESS_DATA)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--out <dir>', 'output folder', 'out')
    .option('--format <list>', 'outputs: json, html, pdf, geojson', 'json,html,geojson')
    .option('--as-of <iso>', 'timestamp to record as the build time (for reproducible output)')
    .option('--json', 'print a JSON summary')
    .action(
      action(state, async (opts: { config: string; dataDir?: string; db: string; out: string; format: string; asOf?: string; json?: boolean }) => {
        const { loadAreaConfig } = await import('../../config/area-config.ts');
        const cfg = loadAreaConfig(opts.config, dataDirOption(opts.dataDir));
        const run = await runAssess(cfg, { db: opts.db, out: opts.out, formats: formatsOption(opts.format), asOf: asOfOption(opts.asOf) });
        if (opts.json) printJson(state.io, { files: run.outputs.files, findings: run.assessment.findings.map((f) => f.statement) });
        else {
          state.io.stdout(`Assessment for ${run.assessment.area.name}, ${run.assessment.period.from} to ${run.assessment.period.to}.\n`);
          for (const f of run.assessment.findings) state.io.stdout(`  - ${f.statement}\n`);
          for (const [kind, file] of Object.entries(run.outputs.files)) state.io.stdout(`${kind.padEnd(8)} ${file}\n`);
        }
      }),
    );
}
