import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadAreaConfig } from '../../config/area-config.ts';
import { ensureGeography } from '../../geography/ensure-geography.ts';
import { assignIncidentLsoas } from '../../geography/load-geography.ts';
import { ingestPartner } from '../../sources/partnership/ingest.ts';
import { ingestPolice } from '../../sources/police-csv/ingest.ts';
import { withStore } from '../../store/store.ts';
import { generatePartnershipDemo } from '../../synthetic/partnership/generate.ts';
import { DATED_EXTRACT_MAPPING, writeDatedExtract } from '../../synthetic/dated-incidents.ts';
import { generateSyntheticStreet } from '../../synthetic/police-street.ts';
import { ingestIncidents } from '../../sources/incident-csv/ingest.ts';
import { action, type CliState } from '../main.ts';
import { dataDirOption } from '../options.ts';
import { printJson, progress } from '../output.ts';
import { asOfOption, formatsOption, runAssess } from './assess.ts';

/** Real open partner data in the data directory that the demo loads beside the synthetic extracts. */
const realPartnerFiles: [string, string][] = [
  ['youth-justice', 'youth-justice/children-cautioned-or-sentenced.csv'],
  ['statistical-neighbours', 'youth-justice/cipfa-2021-trafford-nearest-neighbours.csv'],
];

/**
 * The category whose area incidents come as a dated local police extract rather than in the street
 * files: near repeat needs days, and burglary is where near repeats are best known.
 */
const DATED_CATEGORY = 'Burglary';

/** The configuration the demo runs on, shipped with the package. */
export const EMBEDDED_CONFIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../config/stockport.yaml');

export function registerDemo(program: Command, state: CliState): void {
  program
    .command('demo')
    .description('generate a synthetic dataset for the embedded Stockport-shaped configuration, load it, and build the assessment')
    .option('--data-dir <dir>', 'real boundaries, lookups and population (default: CSP_ASSESS_DATA)')
    .option('--config <file>', 'area configuration', EMBEDDED_CONFIG)
    .option('--out <dir>', 'output folder (replaced)', 'demo-output')
    .option('--seed <n>', 'seed of the synthetic data', '20170630')
    .option('--format <list>', 'outputs: json, html, pdf, geojson', 'json,html,geojson')
    .option('--as-of <iso>', 'timestamp to record as the build time', '2017-07-31T00:00:00Z')
    .option('--json', 'print a JSON summary')
    .action(
      action(state, async (opts: { dataDir?: string; config: string; out: string; seed: string; format: string; asOf: string; json?: boolean }) => {
        const cfg = loadAreaConfig(opts.config, dataDirOption(opts.dataDir));
        const out = resolve(opts.out);
        rmSync(out, { recursive: true, force: true });
        mkdirSync(out, { recursive: true });
        const db = join(out, 'demo.duckdb');
        const bar = progress(state.io, 'demo');
        bar.update(0, 5, 'geography');
        const police = await withStore(db, async (store) => {
          await ensureGeography(store, cfg);
          bar.update(1, 5, 'synthetic police data');
          const generated = await generateSyntheticStreet(store, cfg, { outDir: join(out, 'data', 'police'), seed: Number(opts.seed), datedCategory: DATED_CATEGORY });
          bar.update(2, 5, 'ingest police');
          const loaded = await ingestPolice(store, [join(out, 'data', 'police')], { synthetic: true, crimeTypeMapping: cfg.config.crimeTypeMapping });
          // The area's burglaries as a local extract with days and a planted near-repeat pattern.
          mkdirSync(join(out, 'data', 'local'), { recursive: true });
          const dated = writeDatedExtract(generated.dated, { file: join(out, 'data', 'local', 'local-burglary.csv'), seed: Number(opts.seed) + 1 });
          const local = await ingestIncidents(store, [dated.file], {
            source: 'local-police',
            force: cfg.config.area.force,
            mapping: DATED_EXTRACT_MAPPING,
            crimeTypeMapping: cfg.config.crimeTypeMapping,
            synthetic: true,
          });
          await assignIncidentLsoas(store);
          bar.update(3, 5, 'partnership extracts');
          // Person ids in the synthetic extracts are pseudonymised like real ones, with a key used once.
          const key = randomBytes(32);
          const partner = await generatePartnershipDemo({ dataDir: cfg.dataDir, outDir: join(out, 'data', 'partnership'), seed: Number(opts.seed) });
          for (const f of partner) await ingestPartner(store, f.dataset, f.file, { key, synthetic: true });
          // The real youth-justice indicator is open data: loaded as real, and labelled so in its section.
          for (const [dataset, file] of realPartnerFiles) await ingestPartner(store, dataset, join(cfg.dataDir, file), { key });
          return { generated, loaded, local: { ...local, planted: dated.planted }, partner };
        });
        bar.update(4, 5, 'assessment');
        const run = await runAssess(cfg, { db, out, formats: formatsOption(opts.format), asOf: asOfOption(opts.asOf) });
        bar.end();
        const summary = {
          syntheticRows: police.loaded.rows + police.local.rows,
          files: run.outputs.files,
          report: run.outputs.files.html ?? null,
          findings: run.assessment.findings.map((f) => f.statement),
        };
        if (opts.json) printJson(state.io, summary);
        else {
          state.io.stdout(`Synthetic demonstration data: ${police.loaded.rows.toLocaleString('en-GB')} police rows in ${police.generated.files.length} monthly files (not real crimes).\n`);
          state.io.stdout(`Synthetic local police extract with days: ${police.local.rows.toLocaleString('en-GB')} ${DATED_CATEGORY.toLowerCase()} rows in ${cfg.config.area.name}, ${police.local.planted.toLocaleString('en-GB')} of them planted near repeats.\n`);
          state.io.stdout(`Synthetic partnership extracts: ${police.partner.map((p) => `${p.dataset} ${p.rows.toLocaleString('en-GB')}`).join(', ')}.\n`);
          for (const f of summary.findings) state.io.stdout(`  - ${f}\n`);
          state.io.stdout(`Report: ${summary.report}\n`);
        }
      }),
    );
}
