import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import type { Store } from '../store/store.ts';
import { assignIncidentLsoas, type GeographySummary, loadGeography } from './load-geography.ts';

/** A fingerprint of the configuration and the files it names (path, size, modification time). */
function geographyFingerprint(cfg: LoadedAreaConfig): string {
  const hash = createHash('sha256').update(readFileSync(cfg.file));
  const g = cfg.config.geography;
  const files = [...g.lsoa.map((b) => b.file), g.districts?.file, g.wards?.file, ...g.lsoaLookups.map((l) => l.file), g.localities?.file, ...g.population.map((p) => p.file), g.deprivation?.file];
  for (const f of files) {
    if (!f) continue;
    const path = cfg.resolvePath(f);
    const st = statSync(path, { throwIfNoEntry: false });
    hash.update(`${path}:${st?.size ?? -1}:${st?.mtimeMs ?? -1}`);
  }
  return hash.digest('hex');
}

/**
 * Loads the configured geography unless the store already holds exactly this one (or `force`).
 * Returns the summary when it loaded, null when the store was already current.
 */
export async function ensureGeography(store: Store, cfg: LoadedAreaConfig, options: { force?: boolean } = {}): Promise<GeographySummary | null> {
  const fingerprint = geographyFingerprint(cfg);
  const current = await store.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'geography'`);
  if (current?.value === fingerprint && !options.force) {
    // Incidents loaded since still need their LSOA where only coordinates were given.
    await assignIncidentLsoas(store);
    return null;
  }
  const summary = await loadGeography(store, cfg);
  await store.run(`INSERT OR REPLACE INTO meta VALUES ('geography', $1)`, [fingerprint]);
  return summary;
}
