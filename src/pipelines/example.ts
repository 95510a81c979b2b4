import { join, resolve } from 'node:path';
import type { AnalysisSections } from '../assessment/analysis-model.ts';
import { buildAssessment } from '../assessment/build.ts';
import type { Assessment } from '../assessment/model.ts';
import { writeOutputs } from '../assessment/write-outputs.ts';
import { loadAreaConfig } from '../config/area-config.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { incidentMappingFromFlags } from '../sources/incident-csv/mapping.ts';
import { withStore } from '../store/store.ts';
import { runIngestIncidents } from './ingest.ts';
import type { OnProgress } from './progress.ts';

export const GM_BURGLARY_FILE = 'police/gmp-burglary-points-2016-02-to-2019-01.csv';
const CONFIG = resolve(import.meta.dirname, '../../config/examples/gm-burglary.yaml');
export const GM_BURGLARY_LABEL =
  'Every Greater Manchester Police burglary published on data.police.uk, February 2016 to January 2019. Contains public sector information licensed under the Open Government Licence v3.0';

export interface ExampleRun {
  files: Record<string, string>;
  assessment: Assessment & { analysis: AnalysisSections };
}

/**
 * The real-data example: loads the GMP burglary points through `ingest incidents`, the GM geography
 * and ONS mid-2017 population, builds the assessment with its analysis sections and writes
 * assessment.json, report.html and the hotspot GeoJSON into `out`.
 */
export async function runGmBurglaryExample(opts: { dataDir: string; db: string; out: string; asOf: string; config?: string | undefined; onProgress?: OnProgress }): Promise<ExampleRun> {
  const cfg = loadAreaConfig(opts.config ?? CONFIG, opts.dataDir);
  const mapping = incidentMappingFromFlags({ monthCol: 'Month', categoryCol: 'Crime.type', lonCol: 'Longitude', latCol: 'Latitude' });
  await runIngestIncidents([join(opts.dataDir, GM_BURGLARY_FILE)], { db: opts.db, source: 'gmp-burglary', force: cfg.config.area.force, mapping, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
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
      label: GM_BURGLARY_LABEL,
      sources: [`data.police.uk street-level crime, ${cfg.config.area.force}: burglary points (${GM_BURGLARY_FILE})`, ...base.data.sources.slice(1)],
    },
    analysis,
  };
  const written = await writeOutputs(assessment, opts.out, ['json', 'html', 'geojson']);
  return { files: written.files, assessment };
}
