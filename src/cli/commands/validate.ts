import type { Command } from 'commander';
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
    .description('check an area configuration file')
    .argument('<file>', 'YAML or JSON area configuration')
    .option('--json', 'print the parsed configuration as JSON')
    .action(
      action(state, async (file: string, opts: { json?: boolean }) => {
        const { loadAreaConfig } = await import('../../config/area-config.ts');
        const cfg = loadAreaConfig(file, '');
        if (opts.json) printJson(state.io, cfg.config);
        else state.io.stdout(`Valid configuration for ${cfg.config.area.name} (${cfg.config.area.code}), ${cfg.config.periods.from} to ${cfg.config.periods.to}.\n`);
      }),
    );
}
