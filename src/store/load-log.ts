import type { Store } from './store.ts';

/** Tables whose rows carry a `load_id`: a load is current while any of them still holds its rows. */
const LOADED_TABLES = ['incidents', 'outcomes', 'stop_search'] as const;

/** A new load id from the shared sequence. */
export async function nextLoadId(store: Store): Promise<number> {
  return (await store.one<{ id: number }>(`SELECT nextval('load_seq') AS id`))!.id;
}

/**
 * The earlier load of exactly these bytes for `source`, if its rows are still the current ones (a
 * later load of the same months has not replaced them). Idempotence: such a file is skipped.
 */
export async function currentLoadOf(
  store: Store,
  sha: string,
  source: string,
): Promise<{ loadId: number; kind: string; rows: number; encoding: string } | undefined> {
  const live = LOADED_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t} x WHERE x.load_id = l.load_id)`).join(' OR ');
  return store.one(`SELECT load_id AS "loadId", kind, rows, encoding FROM loads l WHERE sha256 = $1 AND source = $2 AND (${live}) LIMIT 1`, [sha, source]);
}

export interface LoadRecord {
  loadId: number;
  source: string;
  kind: string;
  file: string;
  sha256: string;
  rows: number;
  encoding: string;
  synthetic: boolean;
}

/** Records a file load for provenance and idempotence. */
export async function recordLoad(store: Store, r: LoadRecord): Promise<void> {
  await store.run(`INSERT INTO loads (load_id, source, kind, file, sha256, rows, encoding, synthetic) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    r.loadId,
    r.source,
    r.kind,
    r.file,
    r.sha256,
    r.rows,
    r.encoding,
    r.synthetic,
  ]);
}
