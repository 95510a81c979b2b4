import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { mulberry32 } from '../analysis/spatial/random.ts';
import { gammaPoissonDraw } from './draws.ts';
import { buildAreaIndex } from '../geography/point-in-area.ts';
import { monthsInRange } from '../analysis/months.ts';
import type { Store } from '../store/store.ts';
import { policeKinds } from '../sources/police-csv/kinds.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import type { UndatedIncident } from './dated-incidents.ts';
import { type CategoryProfile, MONTHLY_RATE_CV, referenceShapedProfile, syntheticOutcomes, syntheticStreetNames } from './street-profile.ts';

export interface SyntheticStreetOptions {
  outDir: string;
  seed?: number;
  /** First and last month, 'YYYY-MM'; default the configuration's period. */
  from?: string;
  to?: string;
  profile?: Readonly<Record<string, CategoryProfile>>;
  /** Force name written in "Reported by" and "Falls within"; default the configuration's force. */
  force?: string;
  /**
   * 'force-area' (default) writes every district of the configured district boundaries, as a real
   * force file holds them, so peer comparison works; 'area' writes the partnership's district only.
   */
  scope?: 'force-area' | 'area';
  /** Multiplies every expected monthly count (default 1); tests use a fraction of the full demonstration. */
  scale?: number;
  /**
   * Located incidents of this category in the area are left out of the street files and returned as
   * `dated` instead, for a local extract with days (near repeat needs days; data.police.uk has months).
   */
  datedCategory?: string;
}

export interface SyntheticStreetResult {
  files: string[];
  rows: number;
  lsoas: number;
  /** The incidents diverted by `datedCategory` (none without it). */
  dated: UndatedIncident[];
}

interface SyntheticLsoa {
  code: string;
  name: string;
  weight: number;
  inArea: boolean;
  inPlace: boolean;
  /** Anonymous map points with their street label, as data.police.uk snaps to. */
  points: { lon: number; lat: number; street: string }[];
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function pick<T>(items: readonly (readonly [T, number])[], u: number): T {
  let acc = 0;
  for (const [item, w] of items) {
    acc += w;
    if (u < acc) return item;
  }
  return items[items.length - 1]![0];
}

/** Cumulative weights for fast weighted sampling by bisection. */
function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (c[i] = s += w));
  return c.map((v) => v / s);
}

function sampleIndex(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) for (const [x, y] of ring) [x0, y0, x1, y1] = [Math.min(x0, x!), Math.min(y0, y!), Math.max(x1, x!), Math.max(y1, y!)];
  return [x0, y0, x1, y1];
}

/** A district's crime level relative to the area's: drawn once per district from its code, the area itself 1. */
function districtFactor(code: string, area: string, seed: number): number {
  if (code === area) return 1;
  const u = mulberry32(seed ^ Number.parseInt(createHash('sha256').update(code).digest('hex').slice(0, 8), 16))();
  return 0.85 + 0.75 * u;
}

/** LSOAs from the store (geography loaded), weighted by residents, deprivation and district, with map points inside each. */
async function syntheticLsoas(store: Store, cfg: LoadedAreaConfig, rand: () => number, scope: 'force-area' | 'area', seed: number): Promise<SyntheticLsoa[]> {
  const popYear = cfg.config.geography.population[0]!.year;
  const area = cfg.config.area.code;
  const rows = await store.all<{ code: string; name: string; district: string; population: number | null; decile: number | null; geometry: string }>(
    `SELECT g.lsoa_code AS code, b.name, g.district_code AS district, p.population, d.imd_decile AS decile, b.geometry
     FROM lsoa_geo g JOIN boundaries b ON b.level = 'lsoa' AND b.code = g.lsoa_code
     LEFT JOIN population p ON p.code = g.lsoa_code AND p.year = $2
     LEFT JOIN deprivation d ON d.lsoa_code = g.lsoa_code
     WHERE (g.district_code = $1 OR ($3 AND g.district_code IN (SELECT code FROM boundaries WHERE level = 'district')))
       AND b.vintage = (SELECT min(vintage) FROM boundaries WHERE level = 'lsoa')
     ORDER BY g.lsoa_code`,
    [area, popYear, scope === 'force-area'],
  );
  const placeLsoas = new Set(cfg.config.geography.places.flatMap((p) => p.lsoas));
  const features = rows.map((r) => ({ code: r.code, name: r.name, geometry: JSON.parse(r.geometry) as Polygon | MultiPolygon }));
  const index = buildAreaIndex(features);
  return features.map((f, i) => {
    const [x0, y0, x1, y1] = bbox(f.geometry);
    const points: SyntheticLsoa['points'] = [];
    for (let tries = 0; points.length < 12 && tries < 5000; tries++) {
      const lon = x0 + (x1 - x0) * rand();
      const lat = y0 + (y1 - y0) * rand();
      if (index.locate(lon, lat) === f.code) {
        points.push({ lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, street: syntheticStreetNames[Math.floor(rand() * syntheticStreetNames.length)]! });
      }
    }
    // Recorded crime is higher where deprivation is: the most deprived decile weighs about 2.8 times the least.
    const row = rows[i]!;
    const decile = row.decile ?? 5;
    const weight = (row.population ?? 1500) * (1 + (10 - decile) * 0.2) * districtFactor(row.district, area, seed);
    return { code: f.code, name: f.name, weight, inArea: row.district === area, inPlace: placeLsoas.has(f.code), points };
  });
}

function monthFactor(p: CategoryProfile, monthIndex: number, totalMonths: number, calendarMonth: number): number {
  // Linear growth reaching `growth` at the start of the final six months, then the recent multiplier.
  const trendMonths = Math.max(1, totalMonths - 6);
  const t = Math.min(monthIndex, trendMonths) / trendMonths;
  const trend = 1 + (p.growth - 1) * t;
  const recent = monthIndex >= totalMonths - 6 ? p.recent : 1;
  const season = 1 + p.seasonality * Math.cos(((calendarMonth - p.peakMonth) / 12) * 2 * Math.PI);
  return trend * recent * season;
}

/**
 * Writes a deterministic synthetic street-level dataset for the configured area, in the exact
 * data.police.uk street format, one file per month in `YYYY-MM/YYYY-MM-<force>-street.csv` as the
 * archives hold them, with a README.txt saying the files are synthetic. Needs the area's geography
 * in the store (LSOAs, population, places).
 */
export async function generateSyntheticStreet(store: Store, cfg: LoadedAreaConfig, options: SyntheticStreetOptions): Promise<SyntheticStreetResult> {
  const seed = options.seed ?? 20170630;
  const rand = mulberry32(seed);
  const profile = options.profile ?? referenceShapedProfile;
  const force = options.force ?? cfg.config.area.force;
  const forceSlug = force.toLowerCase().replace(/ police$/, '').replace(/[^a-z0-9]+/g, '-');
  const months = monthsInRange(options.from ?? cfg.config.periods.from, options.to ?? cfg.config.periods.to);
  const lsoas = await syntheticLsoas(store, cfg, rand, options.scope ?? 'force-area', seed);
  const header = policeKinds.street.join(',');
  const files: string[] = [];
  let rows = 0;
  const dated: UndatedIncident[] = [];
  mkdirSync(options.outDir, { recursive: true });
  // Per category: sampling weights over every LSOA, and how much larger the whole is than the area, so
  // the area's own volumes follow the profile whatever else is generated around it.
  const categoryCums = new Map<string, Float64Array>();
  const categoryScale = new Map<string, number>();
  for (const [category, p] of Object.entries(profile)) {
    const weights = lsoas.map((l) => l.weight * (l.inPlace ? p.placeWeight : 1));
    const inArea = weights.reduce((sum, w, i) => sum + (lsoas[i]!.inArea ? w : 0), 0);
    categoryCums.set(category, cumulative(weights));
    categoryScale.set(category, inArea > 0 ? weights.reduce((a, b) => a + b, 0) / inArea : 1);
  }
  months.forEach((month, mi) => {
    const lines = [header];
    const calendarMonth = Number(month.slice(5));
    for (const [category, p] of Object.entries(profile)) {
      // Overdispersed as real counts are: a gamma-Poisson mix whose rate varies month to month with the
      // coefficient of variation fitted to the real force-wide burglary series (see street-profile.ts).
      const mean = p.monthly * (options.scale ?? 1) * categoryScale.get(category)! * monthFactor(p, mi, months.length, calendarMonth);
      const n = gammaPoissonDraw(mean, 1 + mean * MONTHLY_RATE_CV ** 2, rand);
      const cum = categoryCums.get(category)!;
      for (let k = 0; k < n; k++) {
        const isAsb = category === ASB_CATEGORY;
        const id = isAsb ? '' : createHash('sha256').update(`${seed}:${month}:${category}:${k}`).digest('hex');
        const outcome = isAsb ? '' : pick(syntheticOutcomes, rand() * syntheticOutcomes.reduce((s, [, w]) => s + w, 0));
        if (rand() < p.unlocated) {
          lines.push([id, month, force, force, '', '', 'No Location', '', '', category, outcome, ''].map(csvField).join(','));
          continue;
        }
        const l = lsoas[sampleIndex(cum, rand())]!;
        const pt = l.points[Math.floor(rand() * l.points.length)]!;
        if (category === options.datedCategory && l.inArea) {
          dated.push({ id, month, lon: Number(pt.lon.toFixed(6)), lat: Number(pt.lat.toFixed(6)), lsoa: l.code, category });
          continue;
        }
        lines.push([id, month, force, force, pt.lon.toFixed(6), pt.lat.toFixed(6), `On or near ${pt.street}`, l.code, l.name, category, outcome, ''].map(csvField).join(','));
      }
    }
    const dir = join(options.outDir, month);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${month}-${forceSlug}-street.csv`);
    // data.police.uk files use CRLF line endings.
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    files.push(file);
    rows += lines.length - 1;
  });
  writeFileSync(
    join(options.outDir, 'README.txt'),
    `SYNTHETIC DEMONSTRATION DATA generated by csp-assess (seed ${seed}).\n` +
      `These files have the exact data.police.uk street format but describe no real crimes.\n` +
      `Locations are random points inside real LSOAs of ${options.scope === 'area' ? cfg.config.area.name : `${cfg.config.area.forceAreaName}`}, weighted by resident population and deprivation.\n`,
  );
  return { files, rows, lsoas: lsoas.length, dated };
}
