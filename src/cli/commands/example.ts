import type { Command } from 'commander';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import { printJson, progress } from '../output.ts';
import { asOfOption } from './assess.ts';

export function registerExample(program: Command, state: CliState): void {
  const example = program.command('example').description('worked examples on real open data');
  example
    .command('gm-burglary')
    .description('real GMP burglary 2016-2019: Stockport against the other nine Greater Manchester districts, its localities and hotspots')
    .option('--data-dir <dir>', 'the open data directory (default: CSP_ASSESS_DATA)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--out <dir>', 'output folder', 'example-output')
    .option('--config <file>', 'area configuration (default: config/examples/gm-burglary.yaml)')
    .option('--as-of <iso>', 'timestamp to record as the build time')
    .option('--json', 'print the written files and headline figures as JSON')
    .action(
      action(state, async (o: { dataDir?: string; db: string; out: string; config?: string; asOf?: string; json?: boolean }) => {
        const bar = progress(state.io, 'example');
        const [{ GM_BURGLARY_LABEL, runGmBurglaryExample }, { versusWords }] = await Promise.all([import('../../pipelines/example.ts'), import('../../render/words/peers.ts')]);
        const run = await runGmBurglaryExample({ onProgress: bar.update, dataDir: dataDirOption(o.dataDir), db: o.db, out: o.out, asOf: asOfOption(o.asOf), config: o.config });
        bar.end();
        const versus = run.assessment.analysis.peers?.versusForceArea;
        const force = run.assessment.analysis.peers?.groups[0];
        const area = force?.rows.find((r) => r.isArea);
        const summary = {
          files: run.files,
          area: area && { name: area.name, count: area.count, ratePer1000: area.ratePer1000, rank: area.rank, of: force!.of },
          versusForceArea: versus ? versusWords(versus) : null,
        };
        if (o.json) printJson(state.io, summary);
        else {
          state.io.stdout(`Real data: ${GM_BURGLARY_LABEL}.\n`);
          if (summary.area) state.io.stdout(`${summary.area.name}: ${summary.area.count} burglaries in the latest 12 months, ${summary.area.ratePer1000?.toFixed(2)} per 1,000 residents, rank ${summary.area.rank} of ${summary.area.of}; ${summary.versusForceArea}.\n`);
          for (const [k, f] of Object.entries(run.files)) state.io.stdout(`${k.padEnd(9)} ${f}\n`);
        }
      }),
    );
}
