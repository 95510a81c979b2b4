import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { findDataset, partnershipDatasets } from '../../sources/partnership/datasets.ts';
import { action, type CliState } from '../main.ts';

/** `csp-assess template NAME [--format csv|xlsx] [--out FILE]` and `csp-assess template --list`. */
export function registerTemplate(program: Command, state: CliState): void {
  program
    .command('template')
    .description('write the template of a partnership dataset (CSV header, or XLSX with a data dictionary sheet)')
    .argument('[name]', 'dataset name (see --list)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'write to this file (required for xlsx; csv defaults to stdout)')
    .option('--list', 'list the datasets')
    .action(
      action(state, async (name: string | undefined, opts: { format: string; out?: string; list?: boolean }) => {
        if (opts.list) {
          state.io.stdout(partnershipDatasets.map((d) => `${d.name.padEnd(24)}${d.title}${d.restricted ? ' [restricted]' : ''}\n`).join(''));
          return;
        }
        if (!name) throw cspError('CSP_ERR_USAGE', 'name a dataset, or pass --list to see them');
        const spec = findDataset(name);
        const { templateCsv, templateXlsx } = await import('../../sources/partnership/template.ts');
        if (opts.format === 'csv') {
          const text = templateCsv(spec);
          if (opts.out) writeFileSync(opts.out, text);
          else state.io.stdout(text);
        } else if (opts.format === 'xlsx') {
          if (!opts.out) throw cspError('CSP_ERR_USAGE', 'an xlsx template needs --out FILE');
          writeFileSync(opts.out, await templateXlsx(spec));
        } else throw cspError('CSP_ERR_USAGE', `--format must be csv or xlsx, got "${opts.format}"`);
        if (opts.out) state.io.stderr(`Wrote the ${spec.name} template to ${opts.out}.\n`);
      }),
    );
}
