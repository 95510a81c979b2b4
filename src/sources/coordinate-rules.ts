import { quotedIdentifier as q } from '../store/sql.ts';
import type { RowRule } from '../store/stage-csv.ts';

/** The UK, generously: Northern Ireland's west coast to Lowestoft, the Scillies to Shetland. */
export const UK_BOUNDS = { lonMin: -8.7, lonMax: 2.0, latMin: 49.8, latMax: 61.0 } as const;

/** Longitude and latitude columns: both or neither, and numbers inside the UK (a swapped pair fails here). */
export function coordinateRules(lonColumn: string, latColumn: string): RowRule[] {
  const lon = q(lonColumn);
  const lat = q(latColumn);
  return [
    {
      column: lonColumn,
      violated: `(${lon} IS NULL) <> (${lat} IS NULL)`,
      message: () => 'longitude and latitude must both be given or both be empty',
    },
    {
      column: lonColumn,
      violated: `${lon} IS NOT NULL AND NOT coalesce(TRY_CAST(${lon} AS DOUBLE) BETWEEN ${UK_BOUNDS.lonMin} AND ${UK_BOUNDS.lonMax}, false)`,
      message: (v) => `longitude "${v}" is not a number within the UK (${UK_BOUNDS.lonMin} to ${UK_BOUNDS.lonMax})`,
    },
    {
      column: latColumn,
      violated: `${lat} IS NOT NULL AND NOT coalesce(TRY_CAST(${lat} AS DOUBLE) BETWEEN ${UK_BOUNDS.latMin} AND ${UK_BOUNDS.latMax}, false)`,
      message: (v) => `latitude "${v}" is not a number within the UK (${UK_BOUNDS.latMin} to ${UK_BOUNDS.latMax})`,
    },
  ];
}
