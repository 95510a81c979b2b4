import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { OutputFormat } from '../assessment/write-outputs.ts';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { cspError } from '../errors.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { assignIncidentLsoas } from '../geography/load-geography.ts';
import { ingestPartner } from '../sources/partnership/ingest.ts';
import { ingestPolice } from '../sources/police-csv/ingest.ts';
import { ingestIncidents } from '../sources/incident-csv/ingest.ts';
import { DATED_EXTRACT_MAPPING, writeDatedExtract } from '../synthetic/dated-incidents.ts';
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

/**
 * The category whose area incidents come as a dated local police extract rather than in the street
 * files: near repeat needs days, and burglary is where near repeats are best known.
 */
const DATED_CATEGORY = 'Burglary';


export interface DemoOptions {
  out: string;
  seed: number;
  /** Volume of the synthetic police data as a multiple of the full set (tests use a tenth). */
  scale?: number;
  formats: OutputFormat[];
  asOf: string;
  onProgress?: OnProgress;
}

export interface DemoRun extends AssessRun {
  db: string;
  policeRows: number;
  policeFiles: number;
  /** Rows of the synthetic local police extract with days (the dated category in the area). */
  datedCategory: string;
  localRows: number;
  plantedNearRepeats: number;
  partner: { dataset: string; rows: number }[];
}

/** The file that marks a folder as made by `demo`, so a later run may empty it. */
export const DEMO_MARKER = '.csp-assess-demo';

/**
 * Makes `out` ready for a demo run: a new or empty folder, or one an earlier run made (emptied).
 * Refuses a file, and a folder with content that `demo` did not make: its files are not ours to delete.
 */
export function prepareDemoFolder(out: string): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw cspError('CSP_ERR_OUTPUT_EXISTS', 'is a file, not a folder: give --out a new or empty folder', { file: out });
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw cspError('CSP_ERR_OUTPUT_EXISTS', `folder is not empty and was not made by csp-assess demo (it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}): give --out a new or empty folder`, {
        file: out,
      });
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, DEMO_MARKER), 'Made by csp-assess demo: the next demo run with this --out replaces everything here.\n');
}

/** Generates the synthetic police and partnership data, loads it with the real geography, and assesses it. */
export async function runDemo(cfg: LoadedAreaConfig, opts: DemoOptions): Promise<DemoRun> {
  const step = opts.onProgress ?? noProgress;
  const out = resolve(opts.out);
  prepareDemoFolder(out);
  const db = join(out, 'demo.duckdb');
  step(0, 5, 'geography');
  const loaded = await withStore(db, async (store) => {
    await ensureGeography(store, cfg);
    step(1, 5, 'synthetic police data');
    const generated = await generateSyntheticStreet(store, cfg, { outDir: join(out, 'data', 'police'), seed: opts.seed, scale: opts.scale ?? 1, datedCategory: DATED_CATEGORY });
    step(2, 5, 'ingest police');
    const police = await ingestPolice(store, [join(out, 'data', 'police')], { synthetic: true, crimeTypeMapping: cfg.config.crimeTypeMapping });
    // The area's burglaries as a local extract with days and a planted near-repeat pattern.
    mkdirSync(join(out, 'data', 'local'), { recursive: true });
    const dated = writeDatedExtract(generated.dated, { file: join(out, 'data', 'local', 'local-burglary.csv'), seed: opts.seed + 1 });
    const local = await ingestIncidents(store, [dated.file], {
      source: 'local-police',
      force: cfg.config.area.force,
      mapping: DATED_EXTRACT_MAPPING,
      crimeTypeMapping: cfg.config.crimeTypeMapping,
      synthetic: true,
    });
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
    return {
      policeRows: police.rows,
      policeFiles: generated.files.length,
      datedCategory: DATED_CATEGORY,
      localRows: local.rows,
      plantedNearRepeats: dated.planted,
      partner: partner.map((p) => ({ dataset: p.dataset, rows: p.rows })),
    };
  });
  step(4, 5, 'assessment');
  const run = await runAssess(cfg, { db, out, formats: opts.formats, asOf: opts.asOf });
  return { ...run, ...loaded, db };
}
