import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
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
        const { AssessmentSchema } = await import('../../assessment/schema.ts');
        const { writeOutputs } = await import('../../assessment/write-outputs.ts');
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(opts.model, 'utf8'));
        } catch (e) {
          throw cspError('CSP_ERR_SOURCE_VALUE', `cannot read the assessment model: ${(e as Error).message}`, { file: opts.model }, e);
        }
        const parsed = AssessmentSchema.safeParse(raw);
        if (!parsed.success) {
          const i = parsed.error.issues[0]!;
          throw cspError('CSP_ERR_SOURCE_VALUE', `not an assessment model: ${i.path.join('.')}: ${i.message}`, { file: opts.model });
        }
        const formats = formatsOption(opts.format).filter((f) => f !== 'json');
        const written = await writeOutputs(parsed.data, opts.out, formats, { public: opts.public ?? false });
        if (opts.json) printJson(state.io, written.files);
        else for (const [kind, file] of Object.entries(written.files)) state.io.stdout(`${kind.padEnd(8)} ${file}\n`);
      }),
    );
}
