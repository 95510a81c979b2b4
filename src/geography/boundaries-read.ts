import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import { describeJsonError } from '../config/area-config.ts';
import type { Topology, GeometryObject } from 'topojson-specification';
import { cspError } from '../errors.ts';

/** One boundary area: its code, its name and its polygon(s) in the file's coordinates (WGS84 lon/lat for ONS files). */
export interface AreaFeature {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  /** The properties named in `options.keep`, as text (null when absent). */
  properties?: Record<string, string | null>;
}

export type BoundariesReadInput = string;

export interface BoundariesReadOptions {
  /** File name or path, used only in error messages. Required. */
  file: string;
  /** Feature property holding the area code, e.g. `'area_code'` or `'LAD13CD'`. Required. */
  codeProperty: string;
  /** Feature property holding the area name, e.g. `'area_name'`. Required. */
  nameProperty: string;
  /** TopoJSON object to read. Default: the first object in `topology.objects`. Ignored for GeoJSON. */
  object?: string;
  /** Further properties to keep on each feature (e.g. a police force area name). */
  keep?: readonly string[];
}

export type BoundariesReadResult = AreaFeature[];

interface NormalisedBoundariesReadOptions {
  file: string;
  codeProperty: string;
  nameProperty: string;
  object: string | null;
  keep: readonly string[];
}

const defaults = { object: null } as const;

function normaliseBoundariesReadOptions(options: BoundariesReadOptions | undefined): NormalisedBoundariesReadOptions {
  if (!options || typeof options !== 'object') {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'options is required: {file, codeProperty, nameProperty}');
  }
  const file = typeof options.file === 'string' && options.file !== '' ? options.file : '(unnamed boundary file)';
  for (const key of ['codeProperty', 'nameProperty'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `options.${key} must be a non-empty string`, { file });
    }
  }
  return {
    file,
    codeProperty: options.codeProperty,
    nameProperty: options.nameProperty,
    object: options.object ?? defaults.object,
    keep: options.keep ?? [],
  };
}

/**
 * Reads area boundaries from GeoJSON (FeatureCollection, Feature or bare Polygon/MultiPolygon is
 * not accepted: codes come from feature properties) or TopoJSON text.
 *
 * Method: parse JSON; a `"type": "Topology"` document is converted with topojson-client's `feature`
 * for the named object (default the first); every feature must carry a Polygon or MultiPolygon
 * geometry and string-or-number values for the code and name properties. Codes must be unique.
 * Rings are checked to have at least four positions of finite numbers.
 *
 * Assumptions: coordinates are returned as stored (ONS files are WGS84 lon/lat, CRS84). No
 * reprojection, no ring-orientation repair (point-in-area uses an even-odd rule that ignores
 * orientation).
 *
 * Bibliography: Butler H. et al. (2016) The GeoJSON Format, RFC 7946, doi:10.17487/RFC7946;
 * Bostock M. TopoJSON Format Specification, https://github.com/topojson/topojson-specification.
 *
 * @param text the file's text.
 * @param options `{file, codeProperty, nameProperty, object?}`.
 * @returns one {@link AreaFeature} per feature, in file order.
 * @throws CSP_ERR_GEOGRAPHY_INPUT naming the file: not JSON, not a FeatureCollection/Topology,
 *   unknown TopoJSON object, missing property, non-polygon geometry, duplicate code.
 * @example
 * const areas = boundariesRead(fs.readFileSync(path, 'utf8'),
 *   { file: path, codeProperty: 'area_code', nameProperty: 'area_name' });
 */
export function boundariesRead(text: BoundariesReadInput, options: BoundariesReadOptions): BoundariesReadResult {
  const o = normaliseBoundariesReadOptions(options);
  const where = { file: o.file };
  if (typeof text !== 'string') throw cspError('CSP_ERR_GEOGRAPHY_INPUT', 'text must be a string', where);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} is ${describeJsonError(text, e)}`, where, e);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} is not a GeoJSON FeatureCollection or a TopoJSON Topology`, where);
  }
  const type = (doc as { type?: unknown }).type;
  let features: Feature[];
  if (type === 'Topology') {
    const topology = doc as Topology;
    const objects = topology.objects;
    if (!objects || typeof objects !== 'object') {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} is a Topology with no objects`, where);
    }
    const names = Object.keys(objects);
    const name = o.object ?? names[0];
    if (name === undefined) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} is a Topology with no objects`, where);
    const obj = objects[name] as GeometryObject | undefined;
    if (!obj) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} has no TopoJSON object "${name}" (objects: ${names.join(', ')})`, where);
    }
    let converted: Feature | FeatureCollection;
    try {
      converted = topoFeature(topology, obj) as Feature | FeatureCollection;
    } catch (e) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file}: TopoJSON object "${name}" cannot be decoded: ${(e as Error).message}`, where, e);
    }
    features = converted.type === 'FeatureCollection' ? converted.features : [converted];
  } else if (type === 'FeatureCollection') {
    const fs = (doc as { features?: unknown }).features;
    if (!Array.isArray(fs)) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file}: FeatureCollection has no features array`, where);
    features = fs as Feature[];
  } else {
    throw cspError(
      'CSP_ERR_GEOGRAPHY_INPUT',
      `${o.file} is not a GeoJSON FeatureCollection or a TopoJSON Topology (type is ${JSON.stringify(type) ?? 'missing'})`,
      where,
    );
  }
  if (features.length === 0) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${o.file} holds no features`, where);

  const out: AreaFeature[] = [];
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    const label = `${o.file}: feature ${i + 1}`;
    if (!f || typeof f !== 'object') throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} is not an object`, where);
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const code = propertyText(props[o.codeProperty]);
    if (code === null) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} has no code property "${o.codeProperty}" (properties: ${Object.keys(props).join(', ') || 'none'})`, where);
    }
    const name = propertyText(props[o.nameProperty]);
    if (name === null) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} (${code}) has no name property "${o.nameProperty}"`, where);
    }
    const geometry = f.geometry as Geometry | null;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} (${code}) is not a Polygon or MultiPolygon (geometry is ${geometry ? geometry.type : 'null'})`, where);
    }
    checkGeometry(geometry, `${label} (${code})`, where);
    const previous = seen.get(code);
    if (previous !== undefined) {
      throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} repeats code ${code} of feature ${previous + 1}`, where);
    }
    seen.set(code, i);
    out.push(o.keep.length ? { code, name, geometry, properties: Object.fromEntries(o.keep.map((k) => [k, propertyText(props[k])])) } : { code, name, geometry });
  });
  return out;
}

/** Alias named for what it does, as the brief for callers names it. */
export const readBoundaries = boundariesRead;

function propertyText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function checkGeometry(g: Polygon | MultiPolygon, label: string, where: { file: string }): void {
  const polygons: unknown = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} has empty coordinates`, where);
  }
  for (const rings of polygons as unknown[]) {
    if (!Array.isArray(rings) || rings.length === 0) throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} has a polygon with no rings`, where);
    for (const ring of rings as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) {
        throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} has a ring with fewer than 4 positions`, where);
      }
      for (const p of ring as Position[]) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          throw cspError('CSP_ERR_GEOGRAPHY_INPUT', `${label} has a position that is not two finite numbers`, where);
        }
      }
    }
  }
}
