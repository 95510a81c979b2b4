import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cspError, cspErrorList } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { printJson } from '../output.ts';
import { formatIngestSummary } from './ingest.ts';

export function registerValidate(program: Command, state: CliState): void {
  const validate = program.command('validate').description('check input files or a configuration without loading anything');

  validate
    .command('police')
    .description('check data.police.uk files as `ingest police` would, against a throwaway in-memory store')
    .argument('<paths...>', 'files, folders or archive zips')
    .option('--config <file>', 'area configuration, for its crimeTypeMapping')
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (paths: string[], opts: { config?: string; json?: boolean }) => {
        const { loadAreaConfig } = await import('../../config/area-config.ts');
        const { withStore } = await import('../../store/store.ts');
        const { ingestPolice } = await import('../../sources/police-csv/ingest.ts');
        const mapping = opts.config ? loadAreaConfig(opts.config, '').config.crimeTypeMapping : {};
        const result = await withStore(':memory:', (store) => ingestPolice(store, paths, { crimeTypeMapping: mapping }));
        if (opts.json) printJson(state.io, { valid: true, ...result });
        else state.io.stdout(`Valid. ${formatIngestSummary(result)}`);
      }),
    );

  validate
    .command('config')
    .description('check an area configuration: every problem at once, each with its path; named files exist and parse; the area is in the geography')
    .argument('<file>', 'YAML or JSON area configuration')
    .option('--data-dir <dir>', 'directory the configuration\'s paths are relative to (default: CSP_ASSESS_DATA); without one, files are not checked')
    .option('--json', 'print {valid, problems, config} as JSON')
    .action(
      action(state, async (file: string, opts: { json?: boolean; dataDir?: string }) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw cspError('CSP_ERR_CONFIG_INVALID', `cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { file }, e);
        }
        const [{ formatConfigProblems }, { validateAreaConfig }] = await Promise.all([import('../../config/area-config.ts'), import('../../config/validate-config.ts')]);
        const dir = opts.dataDir ?? process.env.CSP_ASSESS_DATA;
        const { config, problems } = validateAreaConfig(text, file, dir ? resolve(dir) : null);
        if (opts.json) {
          printJson(state.io, { valid: problems.length === 0, problems, config });
          if (problems.length > 0) state.exitCode = 1;
          return;
        }
        if (problems.length > 0) {
          throw cspErrorList('CSP_ERR_CONFIG_INVALID', `${problems.length} problem${problems.length === 1 ? '' : 's'}:`, problems.map((p) => formatConfigProblems([p])), { file });
        }
        state.io.stdout(`Valid configuration for ${config!.area.name} (${config!.area.code}), ${config!.periods.from} to ${config!.periods.to}${dir ? '' : ' (files not checked: no data directory)'}.\n`);
      }),
    );
}
