import type { Command } from 'commander';
import { ALL_FORMATS } from '../../assessment/write-outputs.ts';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { printJson } from '../output.ts';
import { formatsOption } from './assess.ts';

interface ReportFlags {
  assessment?: string;
  model?: string;
  out: string;
  format: string;
  edition: string;
  public?: boolean;
  json?: boolean;
}

export function registerReport(program: Command, state: CliState): void {
  program
    .command('report')
    .description('re-render a saved assessment (the folder holding assessment.json) in the full or published edition')
    .option('--assessment <dir>', 'folder holding assessment.json written by `assess` (or the file)')
    .option('--model <file>', 'assessment.json (same as --assessment)')
    .option('--edition <edition>', 'full (protective marking, restricted themes) or public (published edition, small numbers suppressed)', 'full')
    .option('--public', 'the published edition (same as --edition public)')
    .option('--format <list>', 'outputs: html, pdf, xlsx, geojson', ALL_FORMATS.filter((f) => f !== 'json').join(','))
    .option('--out <dir>', 'output folder', 'out')
    .option('--json', 'print the written files as JSON')
    .action(
      action(state, async (opts: ReportFlags) => {
        const path = opts.assessment ?? opts.model;
        if (!path) throw cspError('CSP_ERR_USAGE', 'name the saved assessment with --assessment DIR');
        const edition = opts.public ? 'public' : opts.edition;
        if (edition !== 'full' && edition !== 'public') throw cspError('CSP_ERR_USAGE', `--edition must be full or public, got "${edition}"`);
        const formats = formatsOption(opts.format).filter((f) => f !== 'json');
        const { runReport } = await import('../../pipelines/report.ts');
        const written = await runReport(path, { out: opts.out, formats, edition });
        if (opts.json) printJson(state.io, written.files);
        else for (const [kind, file] of Object.entries(written.files)) state.io.stdout(`${kind.padEnd(8)} ${file}\n`);
      }),
    );
}
