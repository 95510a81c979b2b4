import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AnalysisSections } from '../../assessment/analysis-model.ts';
import type { Assessment } from '../../assessment/model.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import type { CliIo } from '../output.ts';
import { printJson } from '../output.ts';
import { asOfOption } from './assess.ts';
import { runIngestIncidents } from './ingest-incidents.ts';

export const GM_BURGLARY_FILE = 'police/gmp-burglary-points-2016-02-to-2019-01.csv';
const CONFIG = resolve(import.meta.dirname, '../../../config/examples/gm-burglary.yaml');
const LABEL = 'Every Greater Manchester Police burglary published on data.police.uk, February 2016 to January 2019. Contains public sector information licensed under the Open Government Licence v3.0';

export interface ExampleRun {
  files: Record<string, string>;
  assessment: Assessment & { analysis: AnalysisSections };
}


/**
 * The real-data example: loads the GMP burglary points through `ingest incidents`, the GM geography
 * and ONS mid-2017 population, builds the assessment with its analysis sections and writes
 * assessment.json, report.html and the hotspot GeoJSON into `out`.
 */
export async function runGmBurglaryExample(io: CliIo, opts: { dataDir: string; db: string; out: string; asOf: string; config?: string }): Promise<ExampleRun> {
  const { loadAreaConfig } = await import('../../config/area-config.ts');
  const { incidentMappingFromFlags } = await import('../../sources/incident-csv/mapping.ts');
  const { withStore } = await import('../../store/store.ts');
  const { ensureGeography } = await import('../../geography/ensure-geography.ts');
  const { buildAssessment } = await import('../../assessment/build.ts');
  const { writeOutputs } = await import('../../assessment/write-outputs.ts');
  const cfg = loadAreaConfig(opts.config ?? CONFIG, opts.dataDir);
  const mapping = incidentMappingFromFlags({ monthCol: 'Month', categoryCol: 'Crime.type', lonCol: 'Longitude', latCol: 'Latitude' });
  await runIngestIncidents(io, [join(opts.dataDir, GM_BURGLARY_FILE)], { db: opts.db, source: 'gmp-burglary', force: cfg.config.area.force, mapping });
  const base = await withStore(opts.db, async (store) => {
    await ensureGeography(store, cfg);
    return buildAssessment(store, cfg, { asOf: opts.asOf });
  });
  const analysis = base.analysis!;
  const assessment = {
    ...base,
    title: `Burglary in ${cfg.config.area.name} against ${cfg.config.area.forceAreaName} (real data)`,
    data: {
      ...base.data,
      synthetic: false,
      label: LABEL,
      sources: [`data.police.uk street-level crime, ${cfg.config.area.force}: burglary points (${GM_BURGLARY_FILE})`, ...base.data.sources.slice(1)],
    },
    analysis,
  };
  const written = await writeOutputs(assessment, opts.out, ['json', 'html', 'geojson']);
  const files = written.files;
  return { files, assessment };
}

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
        const run = await runGmBurglaryExample(state.io, { dataDir: dataDirOption(o.dataDir), db: o.db, out: o.out, asOf: asOfOption(o.asOf), config: o.config });
        const force = run.assessment.analysis.peers?.groups[0];
        const area = force?.rows.find((r) => r.isArea);
        const summary = {
          files: run.files,
          area: area && { name: area.name, count: area.count, ratePer1000: area.ratePer1000, rank: area.rank, of: force!.of },
          versusForceArea: run.assessment.analysis.peers?.versusForceArea?.verdict ?? null,
        };
        if (o.json) printJson(state.io, summary);
        else {
          state.io.stdout(`Real data: ${LABEL}.\n`);
          if (summary.area) state.io.stdout(`${summary.area.name}: ${summary.area.count} burglaries in the latest 12 months, ${summary.area.ratePer1000?.toFixed(2)} per 1,000 residents, rank ${summary.area.rank} of ${summary.area.of}; ${summary.versusForceArea}.\n`);
          for (const [k, f] of Object.entries(run.files)) state.io.stdout(`${k.padEnd(9)} ${f}\n`);
        }
      }),
    );
}
