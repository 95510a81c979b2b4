import type { Command } from 'commander';
import { ALL_FORMATS, type OutputFormat, parseFormats } from '../../assessment/write-outputs.ts';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import { printJson } from '../output.ts';

export function asOfOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  if (Number.isNaN(Date.parse(value))) throw cspError('CSP_ERR_USAGE', `--as-of must be an ISO 8601 date, got "${value}"`);
  return new Date(value).toISOString();
}

export function formatsOption(value: string): OutputFormat[] {
  try {
    return parseFormats(value);
  } catch (e) {
    throw cspError('CSP_ERR_USAGE', `--format: ${(e as Error).message}; use json, html, pdf, xlsx, geojson`);
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
    .option('--format <list>', 'outputs: json, html, pdf, xlsx, geojson', ALL_FORMATS.join(','))
    .option('--previous <file>', "the previous assessment's assessment.json (or its folder): adds the changes since then")
    .option('--as-of <iso>', 'timestamp to record as the build time (for reproducible output)')
    .option('--json', 'print a JSON summary')
    .action(
      action(state, async (opts: { config: string; dataDir?: string; db: string; out: string; format: string; asOf?: string; previous?: string; json?: boolean }) => {
        const [{ loadAreaConfig }, { runAssess }, { readAssessment }, { findingSentences }, { refuseFileAsFolder }] = await Promise.all([
          import('../../config/area-config.ts'),
          import('../../pipelines/assess.ts'),
          import('../../pipelines/report.ts'),
          import('../../render/words/findings-text.ts'),
          import('../../render/write-private.ts'),
        ]);
        const cfg = loadAreaConfig(opts.config, dataDirOption(opts.dataDir));
        refuseFileAsFolder(opts.out);
        const previous = opts.previous ? readAssessment(opts.previous) : undefined;
        const run = await runAssess(cfg, { db: opts.db, out: opts.out, formats: formatsOption(opts.format), asOf: asOfOption(opts.asOf), ...(previous ? { previous } : {}) });
        if (opts.json) printJson(state.io, { files: run.outputs.files, findings: findingSentences(run.assessment) });
        else {
          state.io.stdout(`Assessment for ${run.assessment.area.name}, ${run.assessment.period.from} to ${run.assessment.period.to}.\n`);
          for (const f of findingSentences(run.assessment)) state.io.stdout(`  - ${f}\n`);
          for (const [kind, file] of Object.entries(run.outputs.files)) state.io.stdout(`${kind.padEnd(8)} ${file}\n`);
        }
      }),
    );
}
