import fs from 'node:fs';
import path from 'node:path';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { contiguity, distanceBand, gridContiguity } from '../../../src/analysis/spatial/contiguity.ts';
import { boundariesRead } from '../../../src/geography/boundaries-read.ts';

const dataDir = path.resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');

/** 3 x 3 squares of 100 m in planar metres, index = row * 3 + col; `jitter` moves one copy of each vertex. */
function squares(jitter = 0): { code: string; geometry: { type: 'Polygon'; coordinates: Position[][] } }[] {
  const out = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const j = (r * 3 + c) % 2 ? jitter : 0;
      const x = c * 100, y = r * 100;
      out.push({
        code: `${r}${c}`,
        geometry: { type: 'Polygon' as const, coordinates: [[[x + j, y], [x + 100, y + j], [x + 100 - j, y + 100], [x, y + 100 - j], [x + j, y]]] },
      });
    }
  }
  return out;
}

describe('contiguity', () => {
  it('gives queen (8) and rook (4) neighbours for the centre of a 3 x 3 block', () => {
    const q = contiguity({ features: squares() }, { coordinates: 'metres' });
    const r = contiguity({ features: squares() }, { coordinates: 'metres', rule: 'rook' });
    expect(q.neighbours[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(r.neighbours[4]).toEqual([1, 3, 5, 7]);
    expect(q.neighbours[0]).toEqual([1, 3, 4]);
    expect(r.neighbours[0]).toEqual([1, 3]);
    expect(q.links).toBe(40);
    expect(r.links).toBe(24);
  });

  it('matches vertices within the tolerance and not beyond it', () => {
    expect(contiguity({ features: squares(0.5) }, { coordinates: 'metres', tolerance: 1 }).neighbours[4]).toHaveLength(8);
    const strict = contiguity({ features: squares(0.5) }, { coordinates: 'metres', tolerance: 0.1 });
    expect(strict.links).toBeLessThan(40);
  });

  it('builds symmetric queen weights for the GM LSOAs, rook a subset of queen, no islands', () => {
    const file = path.join(dataDir, 'boundaries', 'gm-lsoa-2011.geojson');
    const areas = boundariesRead(fs.readFileSync(file, 'utf8'), { file, codeProperty: 'area_code', nameProperty: 'area_name' });
    const q = contiguity({ features: areas });
    const r = contiguity({ features: areas }, { rule: 'rook' });
    expect(q.islands).toEqual([]);
    q.neighbours.forEach((l, i) => {
      for (const j of l) expect(q.neighbours[j]).toContain(i);
      expect(l).not.toContain(i);
    });
    r.neighbours.forEach((l, i) => { for (const j of l) expect(q.neighbours[i]).toContain(j); });
    const mean = q.links / areas.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(8);
    expect(r.links).toBeLessThan(q.links);
  });

  it('builds grid contiguity', () => {
    const g = gridContiguity(3, 3);
    expect(g.neighbours[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(g.neighbours[0]).toEqual([1, 3, 4]);
    expect(gridContiguity(3, 2, { rule: 'rook' }).neighbours[1]).toEqual([0, 2, 4]);
    expect(gridContiguity(1, 1).islands).toEqual([0]);
    expect(() => gridContiguity(0, 3)).toThrow(/width must be a positive integer/);
  });

  it('builds distance-band weights', () => {
    const d = distanceBand({ xs: [0, 100, 250, 1000], ys: [0, 0, 0, 0] }, { threshold: 150 });
    expect(d.neighbours).toEqual([[1], [0, 2], [1], []]);
    expect(d.islands).toEqual([3]);
    expect(() => distanceBand({ xs: [0], ys: [0] }, { threshold: 0 })).toThrow(/options.threshold/);
  });

  it('rejects bad options naming them', () => {
    expect(() => contiguity({ features: squares() }, { rule: 'bishop' as never })).toThrow(/options.rule/);
    expect(() => contiguity({ features: squares() }, { tolerance: 0 })).toThrow(/options.tolerance/);
  });
});
