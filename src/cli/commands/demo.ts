import type { Command } from 'commander';
import { ALL_FORMATS } from '../../assessment/write-outputs.ts';
import { EMBEDDED_CONFIG } from '../../config/embedded.ts';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { dataDirOption } from '../options.ts';
import { printJson, progress } from '../output.ts';
import { asOfOption, formatsOption } from './assess.ts';

export function registerDemo(program: Command, state: CliState): void {
  program
    .command('demo')
    .description('generate a synthetic dataset for the embedded Stockport-shaped configuration, load it, and build the assessment')
    .option('--data-dir <dir>', 'real boundaries, lookups and population (default: CSP_ASSESS_DATA)')
    .option('--config <file>', 'area configuration', EMBEDDED_CONFIG)
    .option('--out <dir>', 'output folder (replaced)', 'demo-output')
    .option('--seed <n>', 'seed of the synthetic data', '20170630')
    .option('--scale <x>', 'volume of the synthetic police data as a multiple of the full set (0.1 for a quick run)', '1')
    .option('--format <list>', 'outputs: json, html, pdf, xlsx, geojson', ALL_FORMATS.join(','))
    .option('--as-of <iso>', 'timestamp to record as the build time', '2017-07-31T00:00:00Z')
    .option('--json', 'print a JSON summary')
    .action(
      action(state, async (opts: { dataDir?: string; config: string; out: string; seed: string; scale: string; format: string; asOf: string; json?: boolean }) => {
        const scale = Number(opts.scale);
        if (!(Number.isFinite(scale) && scale > 0)) throw cspError('CSP_ERR_USAGE', `--scale must be a positive number, got "${opts.scale}"`);
        const [{ loadAreaConfig }, { runDemo }, { findingSentences }] = await Promise.all([
          import('../../config/area-config.ts'),
          import('../../pipelines/demo.ts'),
          import('../../render/words/findings-text.ts'),
        ]);
        const cfg = loadAreaConfig(opts.config, dataDirOption(opts.dataDir));
        const bar = progress(state.io, 'demo');
        const run = await runDemo(cfg, { out: opts.out, seed: Number(opts.seed), scale, formats: formatsOption(opts.format), asOf: asOfOption(opts.asOf), onProgress: bar.update });
        bar.end();
        const summary = {
          syntheticRows: run.policeRows + run.localRows,
          files: run.outputs.files,
          report: run.outputs.files.html ?? null,
          findings: findingSentences(run.assessment),
        };
        if (opts.json) printJson(state.io, summary);
        else {
          state.io.stdout(`Synthetic demonstration data: ${run.policeRows.toLocaleString('en-GB')} police rows in ${run.policeFiles} monthly files (not real crimes).\n`);
          state.io.stdout(`Synthetic local police extract with days: ${run.localRows.toLocaleString('en-GB')} ${run.datedCategory.toLowerCase()} rows in ${cfg.config.area.name}, ${run.plantedNearRepeats.toLocaleString('en-GB')} of them planted near repeats.\n`);
          state.io.stdout(`Synthetic partnership extracts: ${run.partner.map((p) => `${p.dataset} ${p.rows.toLocaleString('en-GB')}`).join(', ')}.\n`);
          for (const f of summary.findings) state.io.stdout(`  - ${f}\n`);
          state.io.stdout(`Report: ${summary.report}\n`);
        }
      }),
    );
}
