import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaShape } from '../../src/render/maps/area-outline.ts';

const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });

describe('areaShape', () => {
  // Two unit squares side by side, the second wound the other way: one shared edge.
  const lsoas: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: square(0, 0) },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...square(1, 0).coordinates[0]!].reverse()] } },
    ],
  };
  const { shape, outline } = areaShape(lsoas, 'Two');

  it('keeps every polygon to fill and clip', () => {
    expect(shape.properties.name).toBe('Two');
    expect(shape.geometry.coordinates).toHaveLength(2);
  });

  it('strokes the six outer edges and not the shared one, whichever way the rings run', () => {
    expect(outline.coordinates).toHaveLength(6);
    const shared = outline.coordinates.filter(([a, b]) => a![0] === 1 && b![0] === 1);
    expect(shared).toEqual([]);
  });
});
