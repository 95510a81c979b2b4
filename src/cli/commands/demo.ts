import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { dataDirOption } from '../options.ts';
import { printJson, progress } from '../output.ts';
import { asOfOption, formatsOption, runAssess } from './assess.ts';

/** Real open partner data in the data directory that the demo loads beside the synthetic extracts. */
const realPartnerFiles: [string, string][] = [
  ['youth-justice', 'youth-justice/children-cautioned-or-sentenced.csv'],
  ['statistical-neighbours', 'youth-justice/cipfa-2021-trafford-nearest-neighbours.csv'],
];

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
    .option('--scale <x>', 'volume of the synthetic police data as a multiple of the full set (0.1 for a quick run)', '1')
    .option('--format <list>', 'outputs: json, html, pdf, geojson', 'json,html,geojson')
    .option('--as-of <iso>', 'timestamp to record as the build time', '2017-07-31T00:00:00Z')
    .option('--json', 'print a JSON summary')
    .action(
      action(state, async (opts: { dataDir?: string; config: string; out: string; seed: string; scale: string; format: string; asOf: string; json?: boolean }) => {
        const scale = Number(opts.scale);
        if (!(Number.isFinite(scale) && scale > 0)) throw cspError('CSP_ERR_USAGE', `--scale must be a positive number, got "${opts.scale}"`);
        const { loadAreaConfig } = await import('../../config/area-config.ts');
        const { ensureGeography } = await import('../../geography/ensure-geography.ts');
        const { assignIncidentLsoas } = await import('../../geography/load-geography.ts');
        const { ingestPartner } = await import('../../sources/partnership/ingest.ts');
        const { ingestPolice } = await import('../../sources/police-csv/ingest.ts');
        const { withStore } = await import('../../store/store.ts');
        const { generatePartnershipDemo } = await import('../../synthetic/partnership/generate.ts');
        const { generateSyntheticStreet } = await import('../../synthetic/police-street.ts');
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
          const generated = await generateSyntheticStreet(store, cfg, { outDir: join(out, 'data', 'police'), seed: Number(opts.seed), scale });
          bar.update(2, 5, 'ingest police');
          const loaded = await ingestPolice(store, [join(out, 'data', 'police')], { synthetic: true, crimeTypeMapping: cfg.config.crimeTypeMapping });
          await assignIncidentLsoas(store);
          bar.update(3, 5, 'partnership extracts');
          // Person ids in the synthetic extracts are pseudonymised like real ones, with a key used once.
          const key = randomBytes(32);
          const partner = await generatePartnershipDemo({ dataDir: cfg.dataDir, outDir: join(out, 'data', 'partnership'), seed: Number(opts.seed) });
          for (const f of partner) await ingestPartner(store, f.dataset, f.file, { key, synthetic: true });
          // The real youth-justice indicator is open data: loaded as real, and labelled so in its section.
          for (const [dataset, file] of realPartnerFiles) await ingestPartner(store, dataset, join(cfg.dataDir, file), { key });
          return { generated, loaded, partner };
        });
        bar.update(4, 5, 'assessment');
        const run = await runAssess(cfg, { db, out, formats: formatsOption(opts.format), asOf: asOfOption(opts.asOf) });
        bar.end();
        const summary = {
          syntheticRows: police.loaded.rows,
          files: run.outputs.files,
          report: run.outputs.files.html ?? null,
          findings: run.assessment.findings.map((f) => f.statement),
        };
        if (opts.json) printJson(state.io, summary);
        else {
          state.io.stdout(`Synthetic demonstration data: ${police.loaded.rows.toLocaleString('en-GB')} police rows in ${police.generated.files.length} monthly files (not real crimes).\n`);
          state.io.stdout(`Synthetic partnership extracts: ${police.partner.map((p) => `${p.dataset} ${p.rows.toLocaleString('en-GB')}`).join(', ')}.\n`);
          for (const f of summary.findings) state.io.stdout(`  - ${f}\n`);
          state.io.stdout(`Report: ${summary.report}\n`);
        }
      }),
    );
}
