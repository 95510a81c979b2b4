import type { Command } from 'commander';
import { readAssessmentFile } from '../../assessment/read-model.ts';
import { writeOutputs } from '../../assessment/write-outputs.ts';
import { action, type CliState } from '../main.ts';
import { printJson } from '../output.ts';
import { formatsOption } from './assess.ts';

export function registerReport(program: Command, state: CliState): void {
  program
    .command('report')
    .description('render reports from a saved assessment.json (HTML, PDF, GeoJSON), optionally the public edition')
    .requiredOption('--model <file>', 'assessment.json written by `assess`')
    .option('--out <dir>', 'output folder', 'out')
    .option('--format <list>', 'outputs: html, pdf, geojson', 'html')
    .option('--public', 'the public edition: restricted themes left out, small numbers suppressed')
    .option('--json', 'print the written files as JSON')
    .action(
      action(state, async (opts: { model: string; out: string; format: string; public?: boolean; json?: boolean }) => {
        const model = readAssessmentFile(opts.model);
        const formats = formatsOption(opts.format).filter((f) => f !== 'json');
        const written = await writeOutputs(model, opts.out, formats, { public: opts.public ?? false });
        if (opts.json) printJson(state.io, written.files);
        else for (const [kind, file] of Object.entries(written.files)) state.io.stdout(`${kind.padEnd(8)} ${file}\n`);
      }),
    );
}
