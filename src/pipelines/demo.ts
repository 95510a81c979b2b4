import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputFormat } from '../assessment/write-outputs.ts';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { assignIncidentLsoas } from '../geography/load-geography.ts';
import { ingestPartner } from '../sources/partnership/ingest.ts';
import { ingestPolice } from '../sources/police-csv/ingest.ts';
import { queryLocalityBoundaries } from '../store/queries/area-counts.ts';
import { insertWorkshops } from '../store/queries/workshops.ts';
import { withStore } from '../store/store.ts';
import { readWorkshopFile } from '../sources/workshops/read.ts';
import { writeSyntheticWorkshops } from '../synthetic/workshops.ts';
import { generatePartnershipDemo } from '../synthetic/partnership/generate.ts';
import { generateSyntheticStreet } from '../synthetic/police-street.ts';
import { type AssessRun, runAssess } from './assess.ts';
import { noProgress, type OnProgress } from './progress.ts';

/** Real open partner data in the data directory that the demo loads beside the synthetic extracts. */
const realPartnerFiles: [string, string][] = [
  ['youth-justice', 'youth-justice/children-cautioned-or-sentenced.csv'],
  ['statistical-neighbours', 'youth-justice/cipfa-2021-trafford-nearest-neighbours.csv'],
];

/** The configuration the demo runs on, shipped with the package. */
export const EMBEDDED_CONFIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../config/stockport.yaml');

export interface DemoOptions {
  out: string;
  seed: number;
  formats: OutputFormat[];
  asOf: string;
  onProgress?: OnProgress;
}

export interface DemoRun extends AssessRun {
  db: string;
  policeRows: number;
  policeFiles: number;
  partner: { dataset: string; rows: number }[];
}

/** Generates the synthetic police and partnership data, loads it with the real geography, and assesses it. */
export async function runDemo(cfg: LoadedAreaConfig, opts: DemoOptions): Promise<DemoRun> {
  const step = opts.onProgress ?? noProgress;
  const out = resolve(opts.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const db = join(out, 'demo.duckdb');
  step(0, 5, 'geography');
  const loaded = await withStore(db, async (store) => {
    await ensureGeography(store, cfg);
    step(1, 5, 'synthetic police data');
    const generated = await generateSyntheticStreet(store, cfg, { outDir: join(out, 'data', 'police'), seed: opts.seed });
    step(2, 5, 'ingest police');
    const police = await ingestPolice(store, [join(out, 'data', 'police')], { synthetic: true, crimeTypeMapping: cfg.config.crimeTypeMapping });
    await assignIncidentLsoas(store);
    step(3, 5, 'partnership extracts');
    // Person ids in the synthetic extracts are pseudonymised like real ones, with a key used once.
    const key = randomBytes(32);
    const partner = await generatePartnershipDemo({ dataDir: cfg.dataDir, outDir: join(out, 'data', 'partnership'), seed: opts.seed });
    for (const f of partner) await ingestPartner(store, f.dataset, f.file, { key, synthetic: true });
    // The real youth-justice indicator is open data: loaded as real, and labelled so in its section.
    for (const [dataset, file] of realPartnerFiles) await ingestPartner(store, dataset, join(cfg.dataDir, file), { key });
    // Synthetic locality workshops, loaded through the same reader as an analyst's template.
    const categories = cfg.config.workshops.issueCategories;
    const localities = (await queryLocalityBoundaries(store)).map((b) => b.name);
    const workshopFile = writeSyntheticWorkshops(join(out, 'data', 'partnership'), localities, categories, opts.seed);
    await insertWorkshops(store, `import:${basename(workshopFile)}`, await readWorkshopFile(workshopFile, categories));
    return { policeRows: police.rows, policeFiles: generated.files.length, partner: partner.map((p) => ({ dataset: p.dataset, rows: p.rows })) };
  });
  step(4, 5, 'assessment');
  const run = await runAssess(cfg, { db, out, formats: opts.formats, asOf: opts.asOf });
  return { ...run, ...loaded, db };
}
