import type { DomesticAbuseDetail } from './types.ts';
import { type DispersionFit, bump, share, yearChange } from './common.ts';
import { peerComparison, type PeerCount } from './peer-comparison.ts';

export interface DomesticAbuseInput {
  /** The area's records per year and type. */
  counts: readonly { year: number; recordType: 'incident' | 'crime'; count: number }[];
  /** The area's records in the last full year: victim pseudonym and the source's repeat flag. */
  lastYearRecords: readonly { victim: string; repeatFlag: boolean | null }[];
  /** Every district's records in the last full year, with residents. */
  peers: readonly PeerCount[];
  populationYear: number | null;
  area: string;
  years: readonly number[];
  /** Of the area's monthly records: all, incidents, crimes. */
  dispersion?: { all?: DispersionFit; incident?: DispersionFit; crime?: DispersionFit };
}

/**
 * Domestic abuse: incidents and crimes per year and the share recorded as crimes, tested changes,
 * repeat victims in the last full year (2+ records, counted on pseudonyms) and the rate per 1,000
 * residents against the other districts of the force area.
 */
export function domesticAbuse(input: DomesticAbuseInput, options: { significance: number }): DomesticAbuseDetail {
  const get = (year: number, type?: 'incident' | 'crime') =>
    input.counts.filter((c) => c.year === year && (type === undefined || c.recordType === type)).reduce((a, c) => a + c.count, 0);
  const perVictim = new Map<string, number>();
  for (const r of input.lastYearRecords) bump(perVictim, r.victim);
  const repeatRecords = input.lastYearRecords.filter((r) => (perVictim.get(r.victim) ?? 0) >= 2).length;
  const flagged = input.lastYearRecords.filter((r) => r.repeatFlag !== null);
  const last = input.years[input.years.length - 1];
  return {
    kind: 'domestic-abuse',
    byYear: input.years.map((year) => {
      const incidents = get(year, 'incident');
      const crimes = get(year, 'crime');
      return { year, incidents, crimes, total: incidents + crimes, crimeShare: share(crimes, incidents + crimes) };
    }),
    change: yearChange((y) => get(y), input.years, options.significance, input.dispersion?.all ?? null),
    incidentChange: yearChange((y) => get(y, 'incident'), input.years, options.significance, input.dispersion?.incident ?? null),
    crimeChange: yearChange((y) => get(y, 'crime'), input.years, options.significance, input.dispersion?.crime ?? null),
    victims: perVictim.size,
    repeatVictims: [...perVictim.values()].filter((n) => n >= 2).length,
    repeatRecordShare: share(repeatRecords, input.lastYearRecords.length),
    flaggedRepeatShare: flagged.length === 0 ? null : share(flagged.filter((r) => r.repeatFlag).length, flagged.length),
    peers: last === undefined ? null : peerComparison({ year: last, populationYear: input.populationYear, area: input.area, peers: input.peers }),
  };
}
