import type { Command } from 'commander';
import { buildCountsSql, parseDimensions } from '../../store/queries/build-counts-sql.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, monthOption } from '../options.ts';
import { printJson } from '../output.ts';
import { registerStatsAnalyses } from './stats-analyses.ts';
import { registerStatsSpaceTime } from './stats-space-time.ts';

export function registerStats(program: Command, state: CliState): void {
  const stats = program.command('stats').description('statistics straight from the store, as JSON or a table');

  stats
    .command('counts')
    .description('count incidents by dimensions')
    .requiredOption('--by <dims>', 'comma list of month, year, crime_type, lsoa, ward, locality, district, force, source')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--crime-type <type>', 'only this crime type')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--json', 'print JSON')
    .action(
      action(state, async (opts: { by: string; db: string; crimeType?: string; from?: string; to?: string; json?: boolean }) => {
        const dims = parseDimensions(opts.by);
        const { sql, params } = buildCountsSql(dims, {
          categories: opts.crimeType ? [opts.crimeType] : undefined,
          from: monthOption(opts.from, '--from'),
          to: monthOption(opts.to, '--to'),
        });
        const { withStore } = await import('../../store/store.ts');
        const rows = await withStore(opts.db, (store) => store.all(sql, params), { readOnly: true });
        if (opts.json) printJson(state.io, rows);
        else {
          const cols = [...dims, 'count'];
          state.io.stdout(`${cols.join('\t')}\n${rows.map((r) => cols.map((c) => r[c] ?? '(unknown)').join('\t')).join('\n')}\n`);
        }
      }),
    );
  for (const register of statsRegistrars) register(stats, state);
}

/** Further `stats <analysis>` subcommands register here. */
export const statsRegistrars: ((stats: Command, state: CliState) => void)[] = [registerStatsAnalyses, registerStatsSpaceTime];
