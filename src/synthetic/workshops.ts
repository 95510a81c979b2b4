/**
 * Synthetic locality workshop records for the demonstration: a few practitioners per locality each
 * raising and ranking issues from the configured categories. Deterministic for a seed, and written to
 * a file whose name says it is synthetic, so the report labels the section as such.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../analysis/spatial/random.ts';
import { WORKSHOP_COLUMNS } from '../sources/workshops/read.ts';

export const SYNTHETIC_WORKSHOP_FILE = 'synthetic-workshops.csv';

const ORGANISATIONS = ['Police', 'Council: community safety', 'Housing provider', 'Youth service', 'Fire and rescue', 'Health', 'Voluntary sector'];

/** Writes the file and returns its path. Each locality leans to its own few issues, as workshops do. */
export function writeSyntheticWorkshops(outDir: string, localities: readonly string[], categories: readonly string[], seed: number): string {
  const rand = mulberry32(seed ^ 0x5eed);
  const pool = categories.filter((c) => c !== 'Other');
  const rows: string[][] = [];
  localities.forEach((locality, li) => {
    const id = `${locality.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-workshop`;
    const day = String(1 + li * 2).padStart(2, '0');
    // A locality's leaning: three categories it raises most, shared issues otherwise.
    const leaning = [0, 1, 2].map(() => pool[Math.floor(rand() * pool.length)]!);
    for (let p = 0; p < 5; p++) {
      const organisation = ORGANISATIONS[(li + p) % ORGANISATIONS.length]!;
      const chosen = new Set<string>();
      while (chosen.size < 3) chosen.add(rand() < 0.6 ? leaning[Math.floor(rand() * leaning.length)]! : pool[Math.floor(rand() * Math.min(pool.length, 8))]!);
      [...chosen].forEach((category, rank) => rows.push([id, locality, `2017-02-${day}`, organisation, category, `Synthetic example issue: ${category.toLowerCase()}`, String(rank + 1), '', `${locality} locality workshop (synthetic)`]));
    }
  });
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const file = join(outDir, SYNTHETIC_WORKSHOP_FILE);
  writeFileSync(file, [WORKSHOP_COLUMNS.map((c) => c.name), ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
  return file;
}
