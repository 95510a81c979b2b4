import { geoCentroid } from 'd3-geo';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { cspError } from '../errors.ts';
import { quotedIdentifier as q, quotedString } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { loadDeprivation, loadPopulation, readLookupCsv, readText } from './area-tables.ts';
import { readBoundaries, type AreaFeature } from './boundaries-read.ts';
import { dissolveAreas } from './locality-boundaries.ts';
import { buildAreaIndex } from './point-in-area.ts';

export interface GeographySummary {
  lsoas: number;
  lsoasInArea: number;
  localities: { name: string; lsoas: number; population: number }[];
  districts: number;
  populationYear: number;
}

function loadBoundaryFile(cfg: LoadedAreaConfig, b: { file: string; codeProperty: string; nameProperty: string; object?: string | undefined }, keep: readonly string[] = []): AreaFeature[] {
  const file = cfg.resolvePath(b.file);
  return readBoundaries(readText(file), { file, codeProperty: b.codeProperty, nameProperty: b.nameProperty, object: b.object, keep });
}

async function insertBoundaries(store: Store, level: string, features: readonly AreaFeature[], vintage: number | null): Promise<void> {
  await store.append(
    'boundaries',
    features.map((f) => [level, f.code, f.name, vintage, JSON.stringify(f.geometry)]),
  );
}

/**
 * Loads the geography an area configuration describes, replacing what the store held: boundaries,
 * the LSOA -> ward -> district lookup, the ward -> locality table, population, and locality boundaries
 * dissolved from their LSOAs. Then gives every incident with coordinates but no LSOA code its LSOA
 * by point-in-polygon. One transaction.
 */
export async function loadGeography(store: Store, cfg: LoadedAreaConfig): Promise<GeographySummary> {
  const g = cfg.config.geography;
  return store.transaction(async () => {
    await store.run('DELETE FROM boundaries; DELETE FROM lsoa_geo; DELETE FROM population; DELETE FROM deprivation;');

    const lsoaSets = g.lsoa.map((b) => ({ vintage: b.vintage ?? null, features: loadBoundaryFile(cfg, b) }));
    const seen = new Set<string>();
    for (const set of lsoaSets) {
      const fresh = set.features.filter((f) => !seen.has(f.code));
      fresh.forEach((f) => seen.add(f.code));
      await insertBoundaries(store, 'lsoa', fresh, set.vintage);
    }
    const fa = g.districts?.forceArea;
    const districts = g.districts ? loadBoundaryFile(cfg, g.districts, fa ? [fa.property] : []) : [];
    await insertBoundaries(store, 'district', districts, g.districts?.vintage ?? null);
    await storeForceArea(store, cfg, districts);
    if (g.wards) await insertBoundaries(store, 'ward', loadBoundaryFile(cfg, g.wards), g.wards.vintage ?? null);

    // LSOA -> ward -> district; an LSOA code in two vintages keeps the first lookup's row.
    for (const l of g.lsoaLookups) {
      const file = cfg.resolvePath(l.file);
      await readLookupCsv(store, file, [l.lsoa, l.ward, l.wardName, l.district, l.districtName]);
      await store.run(
        `INSERT INTO lsoa_geo SELECT DISTINCT ON (${q(l.lsoa)}) ${q(l.lsoa)}, ${l.lsoaName ? q(l.lsoaName) : 'NULL'}, $1,
           ${q(l.ward)}, ${q(l.wardName)}, NULL, ${q(l.district)}, ${q(l.districtName)}
         FROM read_csv(${quotedString(file)}, header = true, all_varchar = true) WHERE ${q(l.lsoa)} IS NOT NULL
         ON CONFLICT DO NOTHING`,
        [l.vintage],
      );
    }
    await store.run(`UPDATE lsoa_geo SET lsoa_name = b.name FROM boundaries b WHERE b.level = 'lsoa' AND b.code = lsoa_geo.lsoa_code AND lsoa_geo.lsoa_name IS NULL`);

    // Ward -> locality.
    if (g.localities) {
      const locFile = cfg.resolvePath(g.localities.file);
      await readLookupCsv(store, locFile, [g.localities.ward, g.localities.locality]);
      await store.run(
        `UPDATE lsoa_geo SET locality = l.loc FROM (
           SELECT ${q(g.localities.ward)} AS ward, ${q(g.localities.locality)} AS loc FROM read_csv(${quotedString(locFile)}, header = true, all_varchar = true)
         ) l WHERE lsoa_geo.ward_code = l.ward`,
      );
    }
    await assignLocalitiesByCentroid(store, lsoaSets.flatMap((s) => s.features), cfg.config.area.code);
    await loadPopulation(store, cfg);
    await loadDeprivation(store, cfg);

    // Locality boundaries, dissolved from the LSOAs of one vintage (the first configured); none without LSOA boundaries.
    const first = lsoaSets[0] ?? { vintage: null, features: [] };
    const lsoaLocality = new Map(
      (await store.all<{ lsoa_code: string; locality: string }>(`SELECT lsoa_code, locality FROM lsoa_geo WHERE locality IS NOT NULL`)).map((r) => [
        r.lsoa_code,
        r.locality,
      ]),
    );
    const grouped = first.features
      .filter((f) => lsoaLocality.has(f.code))
      .map((f) => ({ code: f.code, group: lsoaLocality.get(f.code)!, geometry: f.geometry }));
    const dissolved = dissolveAreas(grouped);
    await store.append(
      'boundaries',
      [...dissolved].map(([name, geometry]) => ['locality', name, name, first.vintage, JSON.stringify(geometry)]),
    );

    await assignIncidentLsoas(store);
    return summarise(store, cfg, districts.length);
  });
}

/** The configured force area (a list of codes, or a property of the district layer) into `force_area`. */
async function storeForceArea(store: Store, cfg: LoadedAreaConfig, districts: readonly AreaFeature[]): Promise<void> {
  await store.run('DELETE FROM force_area');
  const list = cfg.config.area.forceAreaDistricts;
  const fa = cfg.config.geography.districts?.forceArea;
  if (list?.length) {
    await store.append('force_area', [...new Set(list)].map((code) => [code, 'list']));
  } else if (fa) {
    const codes = districts.filter((d) => d.properties?.[fa.property] === fa.value).map((d) => d.code);
    if (codes.length === 0) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `no district has ${fa.property} = "${fa.value}" (geography.districts.forceArea)`, { file: cfg.resolvePath(cfg.config.geography.districts!.file) });
    }
    await store.append('force_area', codes.map((code) => [code, 'property']));
  }
}

/**
 * LSOAs of a newer vintage can sit in wards the locality table does not list (ward codes change too).
 * Such an LSOA takes the locality of the older-vintage LSOA its centroid falls in.
 */
async function assignLocalitiesByCentroid(store: Store, features: readonly AreaFeature[], areaCode: string): Promise<void> {
  const missing = await store.all<{ lsoa_code: string }>(`SELECT lsoa_code FROM lsoa_geo WHERE locality IS NULL AND district_code = $1`, [areaCode]);
  if (missing.length === 0) return;
  const withLocality = new Map(
    (await store.all<{ lsoa_code: string; locality: string }>(`SELECT lsoa_code, locality FROM lsoa_geo WHERE locality IS NOT NULL`)).map((r) => [
      r.lsoa_code,
      r.locality,
    ]),
  );
  const byCode = new Map(features.map((f) => [f.code, f]));
  const hosts = features.filter((f) => withLocality.has(f.code));
  // No locality table, or no LSOA boundaries: nothing to place by centroid.
  if (hosts.length === 0) return;
  const index = buildAreaIndex(hosts);
  for (const { lsoa_code } of missing) {
    const f = byCode.get(lsoa_code);
    if (!f) continue;
    const [lon, lat] = geoCentroid(f.geometry);
    const host = index.locate(lon, lat);
    if (host) await store.run(`UPDATE lsoa_geo SET locality = $1 WHERE lsoa_code = $2`, [withLocality.get(host)!, lsoa_code]);
  }
}

/**
 * Point-in-polygon for incidents that came with coordinates and no LSOA code, against the store's
 * first-vintage LSOA boundaries. Cheap when nothing is pending; safe to call after every load.
 */
export async function assignIncidentLsoas(store: Store): Promise<number> {
  const rows = await store.all<{ rid: number; lon: number; lat: number }>(
    `SELECT rowid AS rid, lon, lat FROM incidents WHERE lsoa_code IS NULL AND lon IS NOT NULL AND lsoa_assigned IS NULL`,
  );
  if (rows.length === 0) return 0;
  const lsoas = await store.all<{ code: string; name: string; geometry: string }>(
    `SELECT code, name, geometry FROM boundaries WHERE level = 'lsoa' AND vintage IS NOT DISTINCT FROM (SELECT min(vintage) FROM boundaries WHERE level = 'lsoa')`,
  );
  if (lsoas.length === 0) return 0;
  const index = buildAreaIndex(lsoas.map((b) => ({ code: b.code, name: b.name, geometry: JSON.parse(b.geometry) })));
  const found = index.locateManyCodes(
    Float64Array.from(rows, (r) => r.lon),
    Float64Array.from(rows, (r) => r.lat),
  );
  const fixes: [bigint, string][] = [];
  rows.forEach((r, i) => {
    const code = found[i];
    if (code) fixes.push([BigInt(r.rid), code]);
  });
  await store.run('CREATE OR REPLACE TEMP TABLE lsoa_fix (rid BIGINT, lsoa TEXT)');
  await store.append('lsoa_fix', fixes);
  await store.run('UPDATE incidents SET lsoa_assigned = f.lsoa FROM lsoa_fix f WHERE incidents.rowid = f.rid');
  await store.run('DROP TABLE lsoa_fix');
  return fixes.length;
}

async function summarise(store: Store, cfg: LoadedAreaConfig, districts: number): Promise<GeographySummary> {
  const code = cfg.config.area.code;
  const popYear = cfg.config.geography.population[0]!.year;
  const lsoas = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM boundaries WHERE level = 'lsoa'`))!.n;
  const inArea = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM lsoa_geo WHERE district_code = $1`, [code]))!.n;
  const localities = await store.all<{ name: string; lsoas: number; population: number }>(
    `SELECT g.locality AS name, count(*) AS lsoas, coalesce(sum(p.population), 0) AS population
     FROM lsoa_geo g LEFT JOIN population p ON p.code = g.lsoa_code AND p.year = $1
     WHERE g.locality IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [popYear],
  );
  return { lsoas, lsoasInArea: inArea, localities, districts, populationYear: popYear };
}
