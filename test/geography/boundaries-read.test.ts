import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundariesRead, readBoundaries } from '../../src/geography/boundaries-read.ts';

const dataDir = path.resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');
const boundaries = (f: string): string => path.join(dataDir, 'boundaries', f);

const square = (x: number, y: number): number[][][] => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];

describe('boundariesRead', () => {
  it('reads the 1,673 GM 2011 LSOAs from GeoJSON, 190 of them in Stockport', () => {
    const file = boundaries('gm-lsoa-2011.geojson');
    const areas = readBoundaries(fs.readFileSync(file, 'utf8'), { file, codeProperty: 'area_code', nameProperty: 'area_name' });
    expect(areas).toHaveLength(1673);
    expect(areas.filter((a) => a.name.startsWith('Stockport ')).length).toBe(190);
    expect(areas[0]?.code).toMatch(/^E01\d{6}$/);
    expect(['Polygon', 'MultiPolygon']).toContain(areas[0]?.geometry.type);
  });

  it('reads TopoJSON, defaulting to the first object, and by object name', () => {
    const file = boundaries('england-local-authorities.topo.json');
    const text = fs.readFileSync(file, 'utf8');
    const a = boundariesRead(text, { file, codeProperty: 'LAD13CD', nameProperty: 'LAD13NM' });
    const b = boundariesRead(text, { file, codeProperty: 'LAD13CD', nameProperty: 'LAD13NM', object: 'lad' });
    expect(a).toHaveLength(326);
    expect(b.map((x) => x.code)).toEqual(a.map((x) => x.code));
    expect(a.find((x) => x.code === 'E08000007')?.name).toBe('Stockport');
  });

  it('names the file and the problem when the input is wrong', () => {
    const opts = { file: 'areas.geojson', codeProperty: 'code', nameProperty: 'name' };
    const fc = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
    expect(() => boundariesRead('{not json', opts)).toThrow(/areas\.geojson is not valid JSON at line 1, column 2 \(unexpected "n"\)$/);
    expect(() => boundariesRead('[1,2]', opts)).toThrow(/not a GeoJSON FeatureCollection or a TopoJSON Topology/);
    expect(() => boundariesRead(fc([{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } }]), opts)).toThrow(
      /areas\.geojson: feature 1 has no code property "code"/,
    );
    expect(() => boundariesRead(fc([{ type: 'Feature', properties: { code: 'A', name: 'A' }, geometry: { type: 'Point', coordinates: [0, 0] } }]), opts)).toThrow(
      /not a Polygon or MultiPolygon \(geometry is Point\)/,
    );
    expect(() =>
      boundariesRead(
        fc([
          { type: 'Feature', properties: { code: 'A', name: 'A' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
          { type: 'Feature', properties: { code: 'A', name: 'B' }, geometry: { type: 'Polygon', coordinates: square(1, 0) } },
        ]),
        opts,
      ),
    ).toThrow(/repeats code A/);
    expect(() => boundariesRead(JSON.stringify({ type: 'Topology', objects: { x: { type: 'GeometryCollection', geometries: [] } }, arcs: [] }), { ...opts, object: 'y' })).toThrow(
      /no TopoJSON object "y"/,
    );
    try {
      boundariesRead('{', opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'CSP_ERR_GEOGRAPHY_INPUT', location: { file: 'areas.geojson' } });
    }
  });

  it('accepts numeric codes and MultiPolygons', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: 7, name: 'Seven' }, geometry: { type: 'MultiPolygon', coordinates: [square(0, 0), square(2, 0)] } }],
    });
    const [a] = boundariesRead(text, { file: 'x', codeProperty: 'code', nameProperty: 'name' });
    expect(a).toMatchObject({ code: '7', name: 'Seven' });
    expect(a?.geometry.type).toBe('MultiPolygon');
  });
});
