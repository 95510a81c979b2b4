import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import type { IngestIncidentsResult } from '../../sources/incident-csv/ingest.ts';
import type { IncidentMapping, IncidentMappingFlags } from '../../sources/incident-csv/mapping.ts';
import { action, type CliState } from '../main.ts';
import { formatSkipped } from './ingest.ts';
import { DEFAULT_DB } from '../options.ts';
import { printJson, progress } from '../output.ts';

interface IngestIncidentsFlags extends IncidentMappingFlags {
  source: string;
  force?: string;
  mapping?: string;
  db: string;
  config?: string;
  dataDir?: string;
  json?: boolean;
}

function formatSummary(r: IngestIncidentsResult): string {
  const unchanged = r.files.filter((f) => f.unchanged).length;
  const lines = [`Loaded ${r.rows.toLocaleString('en-GB')} ${r.source} rows from ${r.files.length - unchanged} file(s).`];
  if (unchanged > 0) lines.push(`${unchanged} file(s) unchanged: the same bytes are already loaded.`);
  lines.push('month    rows      no location');
  for (const m of r.byMonth) lines.push(`${m.month.padEnd(8)} ${String(m.rows).padStart(9)} ${String(m.withoutLocation).padStart(11)}`);
  lines.push(`Rows without location: ${r.byMonth.reduce((s, m) => s + m.withoutLocation, 0).toLocaleString('en-GB')} (kept and counted; they belong to no area).`);
  if (r.lsoasAssigned > 0) lines.push(`${r.lsoasAssigned.toLocaleString('en-GB')} rows placed in an LSOA from their coordinates.`);
  lines.push(...formatSkipped(r.skipped));
  return `${lines.join('\n')}\n`;
}

async function mappingOf(opts: IngestIncidentsFlags): Promise<IncidentMapping> {
  const { incidentMappingFromFlags, readIncidentMapping } = await import('../../sources/incident-csv/mapping.ts');
  const flagged = [opts.monthCol, opts.dateCol, opts.categoryCol, opts.lonCol, opts.latCol, opts.lsoaCol, opts.idCol].some((v) => v !== undefined);
  if (opts.mapping && flagged) throw cspError('CSP_ERR_USAGE', 'give the column mapping either as --mapping FILE or as --*-col flags, not both');
  return opts.mapping ? readIncidentMapping(opts.mapping) : incidentMappingFromFlags(opts);
}

export function registerIngestIncidents(ingest: Command, state: CliState): void {
  ingest
    .command('incidents')
    .description('load a local police or partner incident extract whose columns differ from data.police.uk, under a column mapping')
    .argument('<paths...>', 'CSV files, folders or zips')
    .requiredOption('--source <name>', 'name of the import: stored with every row; a month it supplies again replaces the old one')
    .option('--force <name>', 'force (or partner) the rows belong to (default: the source name)')
    .option('--mapping <file>', 'column mapping as YAML or JSON: {month|date, dateFormat, category, longitude, latitude, lsoa, id}')
    .option('--month-col <column>', 'column with the month as YYYY-MM')
    .option('--date-col <column>', 'column with the date (read with --date-format)')
    .option('--date-format <format>', "strptime format of the date column, e.g. '%d/%m/%Y' (default '%Y-%m-%d')")
    .option('--category-col <column>', 'column with the category')
    .option('--lon-col <column>', 'column with the WGS84 longitude')
    .option('--lat-col <column>', 'column with the WGS84 latitude')
    .option('--lsoa-col <column>', 'column with the LSOA code')
    .option('--id-col <column>', "column with the extract's incident id")
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--config <file>', 'area configuration, for its crimeTypeMapping')
    .option('--data-dir <dir>', 'data directory the configuration paths are relative to')
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (paths: string[], opts: IngestIncidentsFlags) => {
        const mapping = await mappingOf(opts);
        const [{ loadAreaConfig }, { runIngestIncidents }] = await Promise.all([import('../../config/area-config.ts'), import('../../pipelines/ingest.ts')]);
        const crimeTypeMapping = opts.config ? loadAreaConfig(opts.config, opts.dataDir ?? '').config.crimeTypeMapping : {};
        const bar = progress(state.io, 'ingest');
        const result = await runIngestIncidents(paths, { db: opts.db, source: opts.source, force: opts.force, mapping, crimeTypeMapping, onProgress: bar.update });
        bar.end();
        if (opts.json) printJson(state.io, result);
        else state.io.stdout(formatSummary(result));
      }),
    );
}
