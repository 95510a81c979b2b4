/**
 * The run's one synthetic police store: geography of the configured area plus generated data.police.uk
 * street files, ingested. Built by the first test file that asks, in the run's shared folder
 * (./global-setup.ts); files running at the same time in other workers wait for it. A tenth of the
 * demonstration's volume: the checks count rows independently and need every category and locality,
 * not 1.34 M rows (the demo command's own end-to-end test still generates the full set).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadAreaConfig } from '../../src/config/area-config.ts';
import { ensureGeography } from '../../src/geography/ensure-geography.ts';
import { ingestPolice } from '../../src/sources/police-csv/ingest.ts';
import { withStore } from '../../src/store/store.ts';
import { generateSyntheticStreet } from '../../src/synthetic/police-street.ts';
import { dataDir, repoRoot } from './paths.ts';

export interface SyntheticStore {
  /** The DuckDB file; open it read-only, as other files may be reading it too. */
  db: string;
  /** The generated street files, YYYY-MM/YYYY-MM-<force>-street.csv. */
  policeDir: string;
  seed: number;
  scale: number;
  rows: number;
}

const WAIT_MS = 170_000;

export async function syntheticStore(): Promise<SyntheticStore> {
  const dir = join(inject('sharedDir'), 'synthetic');
  const ready = join(dir, 'store.json');
  const failed = join(dir, 'failed.txt');
  try {
    mkdirSync(dir); // Atomic: exactly one file builds.
  } catch {
    for (const until = Date.now() + WAIT_MS; !existsSync(ready); await sleep(200)) {
      if (existsSync(failed)) throw new Error(`the shared synthetic store failed to build: ${readFileSync(failed, 'utf8')}`);
      if (Date.now() > until) throw new Error(`the shared synthetic store was not ready after ${WAIT_MS / 1000} s`);
    }
    return JSON.parse(readFileSync(ready, 'utf8')) as SyntheticStore;
  }
  try {
    const shared: SyntheticStore = { db: join(dir, 'synthetic.duckdb'), policeDir: join(dir, 'police'), seed: 7, scale: 0.1, rows: 0 };
    const cfg = loadAreaConfig(join(repoRoot, 'config/stockport.yaml'), dataDir);
    await withStore(shared.db, async (store) => {
      await ensureGeography(store, cfg);
      shared.rows = (await generateSyntheticStreet(store, cfg, { outDir: shared.policeDir, seed: shared.seed, scale: shared.scale })).rows;
      await ingestPolice(store, [shared.policeDir], { synthetic: true });
    });
    writeFileSync(`${ready}.tmp`, JSON.stringify(shared));
    renameSync(`${ready}.tmp`, ready);
    return shared;
  } catch (e) {
    writeFileSync(failed, String((e as Error).stack ?? e));
    throw e;
  }
}
