import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { choroplethSvg, localityChoroplethSvg, MAP_ATTRIBUTION } from '../../src/render/maps/choropleth.ts';
import { classBreaks, classOf } from '../../src/render/maps/class-breaks.ts';
import { interiorPoint } from '../../src/render/maps/interior-point.ts';
import { rewindForD3, signedArea } from '../../src/render/maps/rewind.ts';
import { exampleAssessment as a } from '../../src/render/sections/examples.ts';
import { compareSvgSnapshot } from './svg-snapshot.ts';

type P = { name: string; v: number | null };
const square = (name: string, x: number, y: number, v: number | null): Feature<Polygon, P> => ({
  type: 'Feature',
  properties: { name, v },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.03], [x, y + 0.03], [x, y]]] },
});
/** A U shape, whose centroid lies outside it. */
const horseshoe: Feature<Polygon, P> = {
  type: 'Feature',
  properties: { name: 'Horseshoe', v: 3 },
  geometry: { type: 'Polygon', coordinates: [[[-2.3, 53.3], [-2.2, 53.3], [-2.2, 53.36], [-2.23, 53.36], [-2.23, 53.32], [-2.27, 53.32], [-2.27, 53.36], [-2.3, 53.36], [-2.3, 53.3]]] },
};

const generic = (): string =>
  choroplethSvg<P>({
    features: [square('North', -2.2, 53.36, 1), square('South', -2.15, 53.3, 7), square('Empty', -2.15, 53.36, null), horseshoe],
    value: (f) => f.properties.v,
    label: (f) => f.properties.name,
    legendTitle: 'Example value',
    width: 480,
    height: 480,
    id: 'map-generic',
  });

describe('map snapshots', () => {
  it('locality-crime', () => expect(compareSvgSnapshot('maps', 'locality-crime', localityChoroplethSvg(a))).toBeNull());
  it('locality-asb', () => expect(compareSvgSnapshot('maps', 'locality-asb', localityChoroplethSvg(a, { measure: 'asb' }))).toBeNull());
  it('generic-no-data-concave', () => expect(compareSvgSnapshot('maps', 'generic-no-data-concave', generic())).toBeNull());
});

describe('choropleth', () => {
  it('is a labelled image with a title per area and the attribution line', () => {
    const svg = localityChoroplethSvg(a);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toContain('<title>Central: ');
    expect(svg).toContain(MAP_ATTRIBUTION);
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThanOrEqual(a.localityMap.features.length);
  });

  it('draws the same map whichever way the rings wind', () => {
    const reversed = { ...a, localityMap: { ...a.localityMap, features: a.localityMap.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: (f.geometry as Polygon).coordinates.map((r) => [...r].reverse()) } as Polygon })) } };
    expect(localityChoroplethSvg(reversed)).toBe(localityChoroplethSvg(a));
  });

  it('shows a no-data class', () => expect(generic()).toContain('No data'));

  it('rewinds exteriors clockwise for d3', () => {
    const g = rewindForD3(horseshoe.geometry);
    expect(signedArea(g.coordinates[0] ?? [])).toBeLessThan(0);
  });

  it('puts labels inside concave shapes', () => {
    // Screen coordinates of a U: the bounding-box centre (50, 50) is in the notch.
    const u: [number, number][] = [[0, 0], [30, 0], [30, 70], [70, 70], [70, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
    const p = interiorPoint([u]);
    expect(p.room).toBeGreaterThan(5);
    expect(p.x > 30 && p.x < 70 && p.y < 70).toBe(false);
  });

  it('classes values at most five ways, thresholds as printed', () => {
    const b = classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.classes).toBe(5);
    expect(classOf(b, 1)).toBe(0);
    expect(classOf(b, 10)).toBe(4);
    expect(classBreaks([4, 4, 4]).classes).toBe(1);
  });
});
