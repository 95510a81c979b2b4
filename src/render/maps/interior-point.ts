/**
 * A label point well inside a projected polygon: the grid point farthest from any edge (an
 * approximate pole of inaccessibility, refined twice). Centroids fall outside concave or crescent
 * shapes; this never does. Coordinates are screen pixels.
 */
export type Ring = [number, number][];

function inside(x: number, y: number, rings: Ring[]): boolean {
  let c = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

function edgeDistance(x: number, y: number, rings: Ring[]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j] as [number, number];
      const [bx, by] = ring[i] as [number, number];
      const dx = bx - ax;
      const dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
      best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return best;
}

/** Returns the chosen point and its distance to the nearest edge (room for a label). */
export function interiorPoint(rings: Ring[]): { x: number; y: number; room: number } {
  const pts = rings.flat();
  let x0 = Math.min(...pts.map((p) => p[0]));
  let x1 = Math.max(...pts.map((p) => p[0]));
  let y0 = Math.min(...pts.map((p) => p[1]));
  let y1 = Math.max(...pts.map((p) => p[1]));
  let best = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, room: -1 };
  for (let pass = 0; pass < 3; pass++) {
    const n = 16;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const x = x0 + ((x1 - x0) * i) / n;
        const y = y0 + ((y1 - y0) * j) / n;
        if (!inside(x, y, rings)) continue;
        const room = edgeDistance(x, y, rings);
        if (room > best.room) best = { x, y, room };
      }
    }
    // Zoom into the cell around the best point found so far.
    const w = (x1 - x0) / 8;
    const h = (y1 - y0) / 8;
    [x0, x1, y0, y1] = [best.x - w, best.x + w, best.y - h, best.y + h];
  }
  return best;
}
