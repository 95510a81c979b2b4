import fs from 'node:fs';
import path from 'node:path';
import { geoCentroid, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundariesRead, type AreaFeature } from '../../src/geography/boundaries-read.ts';
import { buildAreaIndex, pointInArea } from '../../src/geography/point-in-area.ts';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';

const dataDir = path.resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');

const rect = (code: string, x0: number, y0: number, x1: number, y1: number, reverse = false): AreaFeature => {
  const ring: Position[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  return { code, name: code, geometry: { type: 'Polygon', coordinates: [reverse ? ring.reverse() : ring] } };
};

/** Naive reference: every feature's rings, plain even-odd ray casting with the half-open rule. */
function naiveContains(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let inside = false;
  for (const ring of rings) {
    for (let k = 0; k < ring.length - 1; k++) {
      let [x1, y1] = ring[k] as [number, number];
      let [x2, y2] = ring[k + 1] as [number, number];
      if (y1 === y2) continue;
      if (y1 > y2) [x1, y1, x2, y2] = [x2, y2, x1, y1];
      if (y >= y1 && y < y2 && x < x1 + (y - y1) * ((x2 - x1) / (y2 - y1))) inside = !inside;
    }
  }
  return inside;
}

/** A point inside the polygon by a scanline through the bbox middle: midpoint of the widest interior run. */
function interiorPoint(g: Polygon | MultiPolygon): [number, number] {
  const c = geoCentroid(g) as [number, number];
  if (geoContains(g, c)) return c;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let minY = Infinity, maxY = -Infinity;
  for (const r of rings) for (const p of r) { minY = Math.min(minY, p[1] as number); maxY = Math.max(maxY, p[1] as number); }
  let best: [number, number] = c, bestW = -1;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const r of rings) {
      for (let k = 0; k < r.length - 1; k++) {
        const [x1, y1] = r[k] as [number, number], [x2, y2] = r[k + 1] as [number, number];
        if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      if (w > bestW) { bestW = w; best = [((xs[k] as number) + (xs[k + 1] as number)) / 2, y]; }
    }
  }
  return best;
}

describe('point-in-area: synthetic cases', () => {
  // Four unit squares meeting at (1, 1); 'b' and 'd' drawn clockwise so shared edges run opposite ways.
  const squares = [rect('a', 0, 0, 1, 1), rect('b', 1, 0, 2, 1, true), rect('c', 0, 1, 1, 2), rect('d', 1, 1, 2, 2, true)];
  const index = buildAreaIndex(squares);

  it('locates interior points', () => {
    expect(index.locate(0.5, 0.5)).toBe('a');
    expect(index.locate(1.5, 0.5)).toBe('b');
    expect(index.locate(0.5, 1.5)).toBe('c');
    expect(index.locate(1.5, 1.5)).toBe('d');
    expect(index.locate(2.5, 0.5)).toBeNull();
    expect(index.locate(NaN, 0.5)).toBeNull();
  });

  it('puts a point on a shared edge or a shared corner in exactly one area', () => {
    for (const [x, y] of [[1, 0.5], [1, 1.5], [0.5, 1], [1.5, 1], [1, 1], [1, 0.3333333333333333], [0.1 + 0.2, 1]] as const) {
      const containing = squares.filter((_, i) => index.contains(i, x, y));
      expect(containing.length, `point ${x},${y}`).toBe(1);
      expect(index.locate(x, y)).toBe(containing[0]?.code);
    }
  });

  it('handles holes and multipolygons, and gives overlaps to the lowest index', () => {
    const donut: AreaFeature = {
      code: 'donut', name: 'donut',
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]]] },
    };
    const islands: AreaFeature = {
      code: 'islands', name: 'islands',
      geometry: { type: 'MultiPolygon', coordinates: [[[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]], [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]] },
    };
    const big = rect('big', -100, -100, 100, 100);
    const idx = buildAreaIndex([donut, islands, big]);
    expect(idx.locate(1, 1)).toBe('donut');
    expect(idx.locate(5, 5)).toBe('islands'); // in the hole, on an island
    expect(idx.locate(3.5, 3.5)).toBe('big'); // in the hole, not on the island
    expect(idx.locate(20.5, 20.5)).toBe('islands');
    expect(idx.locate(50, 50)).toBe('big');
    expect(idx.locate(150, 50)).toBeNull();
  });

  it('returns indices and codes for many points and rejects bad input', () => {
    const r = pointInArea({ features: squares, xs: [0.5, 1.5, 9], ys: [0.5, 1.5, 9] });
    expect(Array.from(r.indices)).toEqual([0, 3, -1]);
    expect(r.codes).toEqual(['a', 'd', null]);
    expect(r.unmatched).toBe(1);
    expect(() => buildAreaIndex([])).toThrow(/features must be a non-empty array/);
    expect(() => index.locateMany([1, 2], [1])).toThrow(/xs and ys/);
  });
});

describe('point-in-area: Greater Manchester 2011 LSOAs', () => {
  let areas: AreaFeature[] = [];
  let index: ReturnType<typeof buildAreaIndex>;
  beforeAll(() => {
    const file = path.join(dataDir, 'boundaries', 'gm-lsoa-2011.geojson');
    areas = boundariesRead(fs.readFileSync(file, 'utf8'), { file, codeProperty: 'area_code', nameProperty: 'area_name' });
    index = buildAreaIndex(areas);
  });

  it('locates an interior point of each of the 190 Stockport LSOAs in its own LSOA', () => {
    const stockport = areas.filter((a) => a.name.startsWith('Stockport '));
    expect(stockport).toHaveLength(190);
    const xs: number[] = [], ys: number[] = [];
    for (const a of stockport) {
      const [x, y] = interiorPoint(a.geometry);
      expect(geoContains(a.geometry, [x, y]), a.code).toBe(true);
      xs.push(x); ys.push(y);
    }
    expect(index.locateManyCodes(xs, ys)).toEqual(stockport.map((a) => a.code));
  });

  it('puts each vertex shared by Stockport LSOAs in at most one LSOA, nearly always exactly one', () => {
    const owners = new Map<string, Set<number>>();
    areas.forEach((a, i) => {
      if (!a.name.startsWith('Stockport ')) return;
      const rings = a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat();
      for (const r of rings) for (const p of r) {
        const k = `${p[0]},${p[1]}`;
        const s = owners.get(k) ?? new Set<number>();
        s.add(i);
        owners.set(k, s);
      }
    });
    let shared = 0, exactlyOne = 0;
    for (const [k, s] of owners) {
      if (s.size < 2) continue;
      shared++;
      const [x, y] = k.split(',').map(Number) as [number, number];
      const containing = areas.map((_, i) => i).filter((i) => index.contains(i, x, y));
      expect(containing.length, k).toBeLessThanOrEqual(1);
      if (containing.length === 1) exactlyOne++;
      expect(index.locateIndex(x, y)).toBe(containing.length ? containing[0] : -1);
    }
    expect(shared).toBeGreaterThan(500);
    expect(exactlyOne / shared).toBeGreaterThan(0.9); // the rest lie on the GM outer boundary
  });

  it('agrees with a naive all-polygons ray cast on 5,000 random points in the GM bbox', () => {
    const rand = mulberry32(2024);
    const n = 5000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let i = 0; i < n; i++) { xs[i] = -2.73 + rand() * 0.83; ys[i] = 53.32 + rand() * 0.37; }
    const got = index.locateMany(xs, ys);
    const boxes = areas.map((a) => {
      const pts = (a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat()).flat();
      const lx = pts.map((p) => p[0] as number), ly = pts.map((p) => p[1] as number);
      return [Math.min(...lx), Math.min(...ly), Math.max(...lx), Math.max(...ly)] as const;
    });
    let matched = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number, y = ys[i] as number;
      const want = areas.findIndex((a, k) => {
        const b = boxes[k] as readonly number[];
        return x >= (b[0] as number) && x <= (b[2] as number) && y >= (b[1] as number) && y <= (b[3] as number) && naiveContains(a.geometry, x, y);
      });
      expect(got[i]).toBe(want);
      if (want >= 0) matched++;
    }
    expect(matched).toBeGreaterThan(2000);
  });
});
