import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { kdeCells } from '../../analysis/spatial/kde.ts';
import type { AnalysisSections } from '../../assessment/analysis-model.ts';
import { buildAssessment } from '../../assessment/build.ts';
import type { Assessment } from '../../assessment/model.ts';
import { loadAreaConfig } from '../../config/area-config.ts';
import { ensureGeography } from '../../geography/ensure-geography.ts';
import { renderReportHtml } from '../../render/report-html.ts';
import { incidentMappingFromFlags } from '../../sources/incident-csv/mapping.ts';
import { withStore } from '../../store/store.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import type { CliIo } from '../output.ts';
import { printJson } from '../output.ts';
import { asOfOption } from './assess.ts';
import { runIngestIncidents } from './ingest-incidents.ts';

export const GM_BURGLARY_FILE = 'police/gmp-burglary-points-2016-02-to-2019-01.csv';
const CONFIG = resolve(import.meta.dirname, '../../../config/examples/gm-burglary.yaml');
const LABEL = 'Real data: every Greater Manchester Police burglary published on data.police.uk, February 2016 to January 2019';

export interface ExampleRun {
  files: Record<string, string>;
  assessment: Assessment & { analysis: AnalysisSections };
}

function realDataBanner(html: string): string {
  const banner = `<div class="govuk-phase-banner" role="region" aria-label="Data provenance"><div class="govuk-width-container"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-tag--green govuk-phase-banner__content__tag">Real data</strong><span class="govuk-phase-banner__text">${LABEL}. Contains public sector information licensed under the Open Government Licence v3.0.</span></p></div></div>`;
  return html.replace('</header>', `</header>\n${banner}`);
}

/**
 * The real-data example: loads the GMP burglary points through `ingest incidents`, the GM geography
 * and ONS mid-2017 population, builds the assessment with its analysis sections and writes
 * assessment.json, report.html and the hotspot GeoJSON into `out`.
 */
export async function runGmBurglaryExample(io: CliIo, opts: { dataDir: string; db: string; out: string; asOf: string; config?: string }): Promise<ExampleRun> {
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
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const files: Record<string, string> = {
    json: join(out, 'assessment.json'),
    html: join(out, 'report.html'),
    hotspots: join(out, 'hotspots-lsoa.geojson'),
    kde: join(out, 'kde-cells.geojson'),
  };
  writeFileSync(files.json!, `${JSON.stringify(assessment, null, 2)}\n`);
  writeFileSync(files.html!, realDataBanner(renderReportHtml(assessment)));
  writeFileSync(files.hotspots!, JSON.stringify(analysis.hotspots?.giMap ?? { type: 'FeatureCollection', features: [] }));
  const layer = analysis.hotspots?.kde[0];
  const cells = layer ? kdeCells({ ...layer, values: Float64Array.from(layer.values), totalWeight: layer.points, pointsOutside: 0, pointsSkipped: 0 }) : null;
  writeFileSync(files.kde!, JSON.stringify(cells ?? { type: 'FeatureCollection', features: [] }));
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
          state.io.stdout(`${LABEL}.\n`);
          if (summary.area) state.io.stdout(`${summary.area.name}: ${summary.area.count} burglaries in the latest 12 months, ${summary.area.ratePer1000?.toFixed(2)} per 1,000 residents, rank ${summary.area.rank} of ${summary.area.of}; ${summary.versusForceArea}.\n`);
          for (const [k, f] of Object.entries(run.files)) state.io.stdout(`${k.padEnd(9)} ${f}\n`);
        }
      }),
    );
}
