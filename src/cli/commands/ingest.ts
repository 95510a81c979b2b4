import type { Command } from 'commander';
import type { IngestPoliceResult } from '../../sources/police-csv/ingest.ts';
import type { SkippedSource } from '../../sources/source-file.ts';
import { action, type CliState } from '../main.ts';
import { registerIngestIncidents } from './ingest-incidents.ts';
import { registerIngestPartner } from './ingest-partner.ts';
import { registerIngestWorkshops } from './ingest-workshops.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import { printJson, progress } from '../output.ts';

/** Files found in folders and archives and not read, one line each with why. */
export function formatSkipped(skipped: readonly SkippedSource[]): string[] {
  if (skipped.length === 0) return [];
  return [`Skipped ${skipped.length} file(s):`, ...skipped.map((s) => `  ${s.name}: ${s.reason}`)];
}

export function formatIngestSummary(r: IngestPoliceResult): string {
  const unchanged = r.files.filter((f) => f.unchanged).length;
  const lines = [`Loaded ${r.rows.toLocaleString('en-GB')} rows from ${r.files.length - unchanged} file(s).`];
  if (unchanged > 0) lines.push(`${unchanged} file(s) unchanged: the same bytes are already loaded.`);
  lines.push('kind             force                              month    rows      no location');
  for (const m of r.byMonth) {
    lines.push(`${m.kind.padEnd(16)} ${m.force.slice(0, 34).padEnd(34)} ${m.month.padEnd(8)} ${String(m.rows).padStart(9)} ${String(m.withoutLocation).padStart(11)}`);
  }
  const noLoc = r.byMonth.reduce((s, m) => s + m.withoutLocation, 0);
  lines.push(`Rows without location: ${noLoc.toLocaleString('en-GB')} (kept and counted; they belong to no area).`);
  lines.push(...formatSkipped(r.skipped));
  return `${lines.join('\n')}\n`;
}

export function registerIngest(program: Command, state: CliState): void {
  const ingest = program.command('ingest').description('load data into the store');

  ingest
    .command('police')
    .description('load data.police.uk street, outcomes and stop-and-search files (files, folders or monthly zips)')
    .argument('<paths...>', 'files, folders or archive zips')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--config <file>', 'area configuration, for its crimeTypeMapping')
    .option('--data-dir <dir>', 'data directory the configuration paths are relative to')
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (paths: string[], opts: { db: string; json?: boolean; config?: string; dataDir?: string }) => {
        const [{ loadAreaConfig }, { runIngestPolice }] = await Promise.all([import('../../config/area-config.ts'), import('../../pipelines/ingest.ts')]);
        const mapping = opts.config ? loadAreaConfig(opts.config, opts.dataDir ?? '').config.crimeTypeMapping : {};
        const bar = progress(state.io, 'ingest');
        const result = await runIngestPolice(paths, { db: opts.db, mapping, onProgress: bar.update });
        bar.end();
        if (opts.json) printJson(state.io, result);
        else state.io.stdout(formatIngestSummary(result));
      }),
    );

  ingest
    .command('geography')
    .description('load the boundaries, lookups, localities and population an area configuration describes')
    .requiredOption('--config <file>', 'area configuration (YAML or JSON)')
    .option('--data-dir <dir>', 'data directory (default: CSP_ASSESS_DATA)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (opts: { config: string; dataDir?: string; db: string; json?: boolean }) => {
        const [{ loadAreaConfig }, { runIngestGeography }] = await Promise.all([import('../../config/area-config.ts'), import('../../pipelines/ingest.ts')]);
        const cfg = loadAreaConfig(opts.config, dataDirOption(opts.dataDir));
        const summary = await runIngestGeography(cfg, { db: opts.db });
        if (opts.json) printJson(state.io, summary);
        else
          state.io.stdout(
            `Loaded ${summary.lsoas} LSOAs (${summary.lsoasInArea} in ${cfg.config.area.name}), ${summary.districts} districts, ` +
              `${summary.localities.length} localities: ${summary.localities.map((l) => l.name).join(', ')}.\n`,
          );
      }),
    );
  for (const register of ingestRegistrars) register(ingest, state);
}

/** Further `ingest <kind>` subcommands (incident extracts, partner datasets). */
const ingestRegistrars: ((ingest: Command, state: CliState) => void)[] = [registerIngestPartner, registerIngestIncidents, registerIngestWorkshops];
