import type { PeerComparison } from './types.ts';
import { rankAmong, rates } from '../stats/rates.ts';

export interface PeerCount {
  code: string;
  name: string;
  count: number;
  /** Residents; null when unknown (then areas are ranked on counts). */
  population: number | null;
}

/**
 * Rates per 1,000 residents and ranks (1 = highest) of the districts of the force area in one year.
 * Ranks use rates when every district has a population, else counts.
 */
export function peerComparison(input: { year: number; populationYear: number | null; area: string; peers: readonly PeerCount[] }): PeerComparison | null {
  if (input.peers.length === 0) return null;
  const withRates = input.peers.every((p) => p.population !== null && p.population > 0);
  const r = withRates ? rates({ areas: input.peers.map((p) => ({ key: p.code, count: p.count, population: p.population! })) }) : null;
  const values = new Map(input.peers.map((p, i) => [p.code, r ? r.areas[i]!.rate : p.count]));
  const rows = input.peers.map((p, i) => ({
    code: p.code,
    name: p.name,
    count: p.count,
    ratePer1000: r ? r.areas[i]!.rate : null,
    rank: rankAmong(values, p.code).rank,
    isArea: p.code === input.area,
  }));
  rows.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return { year: input.year, populationYear: withRates ? input.populationYear : null, rows, areaRank: rows.find((x) => x.isArea)?.rank ?? null };
}
