import type { LoadedAreaConfig } from '../config/area-config.ts';
import { ensureGeography } from '../geography/ensure-geography.ts';
import { assignIncidentLsoas } from '../geography/load-geography.ts';
import { ingestIncidents, type IngestIncidentsResult } from '../sources/incident-csv/ingest.ts';
import type { IncidentMapping } from '../sources/incident-csv/mapping.ts';
import { findDataset, personIdColumns } from '../sources/partnership/datasets.ts';
import { ingestPartner } from '../sources/partnership/ingest.ts';
import { resolvePseudonymKey } from '../sources/partnership/pseudonymise.ts';
import { ingestPolice, type IngestPoliceResult } from '../sources/police-csv/ingest.ts';
import { inputLimits } from '../sources/input-limits.ts';
import { withStore } from '../store/store.ts';
import { noProgress, type OnProgress } from './progress.ts';

/** `ingest police`: files, folders or zips in one transaction, then LSOAs for rows that only have coordinates. */
export async function runIngestPolice(
  paths: string[],
  opts: { db: string; mapping?: Record<string, string>; onProgress?: OnProgress },
): Promise<IngestPoliceResult> {
  const limits = inputLimits();
  return withStore(
    opts.db,
    async (store) => {
      const r = await ingestPolice(store, paths, { crimeTypeMapping: opts.mapping ?? {}, onFile: opts.onProgress ?? noProgress, limits });
      // Rows with coordinates but no LSOA code get theirs now if boundaries are loaded (else at `assess`).
      await assignIncidentLsoas(store);
      return r;
    },
    { memoryBytes: limits.memoryBytes },
  );
}

/** `ingest incidents`: a local extract under a column mapping. */
export async function runIngestIncidents(
  paths: string[],
  opts: { db: string; source: string; force?: string | undefined; mapping: IncidentMapping; crimeTypeMapping?: Record<string, string>; onProgress?: OnProgress },
): Promise<IngestIncidentsResult> {
  const limits = inputLimits();
  return withStore(
    opts.db,
    (store) =>
      ingestIncidents(store, paths, {
        source: opts.source,
        force: opts.force,
        mapping: opts.mapping,
        crimeTypeMapping: opts.crimeTypeMapping ?? {},
        onFile: opts.onProgress ?? noProgress,
        limits,
      }),
    { memoryBytes: limits.memoryBytes },
  );
}

/** `ingest partner`: one partnership extract; only datasets holding person identifiers need (and insist on) a key. */
export async function runIngestPartner(name: string, file: string, opts: { db: string; keyFile?: string | undefined }) {
  const spec = findDataset(name);
  const key = personIdColumns(spec).length > 0 ? resolvePseudonymKey({ keyFile: opts.keyFile }) : Buffer.alloc(0);
  const result = await withStore(opts.db, (store) => ingestPartner(store, name, file, { key }), { memoryBytes: inputLimits().memoryBytes });
  return { spec, result };
}

/** `ingest geography`: boundaries, lookups, localities and population, reloaded. */
export async function runIngestGeography(cfg: LoadedAreaConfig, opts: { db: string }) {
  return (await withStore(opts.db, (store) => ensureGeography(store, cfg, { force: true })))!;
}
