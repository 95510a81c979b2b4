/**
 * Spatial analysis bench: a plain script, prints figures (not a timed test).
 *   TZ=Europe/London node --import tsx bench/analysis.bench.ts
 * BENCH=emerging,near-repeat (a comma list of pip, kde, gi, emerging, near-repeat) runs only those parts.
 *
 * Last run of part 4 (2026-12-03, 2 cores, load average about 1.7):
 *   emerging, 1,673 LSOAs x 36 months: 251 ms best of 3 (336 ms CPU); reference 159 ms; 0 categories differ
 *   emerging, 250 m grid (20,420 cells) x 36 months: 1,044 ms best of 3 (1,055 ms CPU); reference 1,189 ms; 0 differ
 *   (under load average 10 the grid took 2,358 ms of wall time for 1,216 ms of CPU)
 * Last runs of part 5 (2026-12-03, 2 cores, load average 1 to 1.5; CPU counts all threads):
 *   near repeat, 100,000 points over 3 years, up to 999 permutations on 2 worker threads: 2.5-3.3 s
 *   (4.0-5.3 s CPU; it was 14.0 s before the pair list counted sixteen permutations at once in
 *   WebAssembly SIMD, 28-44 s at the start of the issue); simple reference extrapolated 138-162 s;
 *   observed counts identical. The 600-800 m, 15-21 days cell stays undecided (p 0.001), so every
 *   round counts out to 800 m: 11.8 million listed pairs, about 1.3 ms of CPU a permutation in the
 *   loop, 0.5 ms shuffling and writing days; listing the 17.5 million pairs within 1 km and the
 *   observed counts take 0.6-1.0 s before the first permutation.
 *   10,000 points over a year: 0.20-0.25 s (2,972 of 19,980 cell-permutations drawn).
 *   Real GM burglary places (92,666; 26.6 million pairs within 1 km), a seeded day in each month:
 *   4.0-4.6 s (6.3-7.3 s CPU), every cell drawing all 999 permutations; listing the pairs takes
 *   1.1-1.4 s of it on one thread (5.1 s once, under load average 3).
 * Data: seeded synthetic points (bench/data-gen.ts), the real GM 2011 LSOA boundaries and GMP burglary points from
 * $CSP_ASSESS_DATA (default ../shared/data).
 */
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { gridContiguity } from '../src/analysis/spatial/contiguity.ts';
import { getisOrd } from '../src/analysis/spatial/getis-ord.ts';
import { kde, kdeExact } from '../src/analysis/spatial/kde.ts';
import { boundariesRead } from '../src/geography/boundaries-read.ts';
import { buildAreaIndex } from '../src/geography/point-in-area.ts';
import { toBngMany } from '../src/geography/projection.ts';
import { emergingArea, spaceTimeCube } from '../src/analysis/emerging.ts';
import { nearRepeatThreaded } from '../src/analysis/near-repeat-threads.ts';
import { mulberry32, randomClusteredPoints, randomDatedPoints, randomPointsInBbox } from './data-gen.ts';
import { closePairs, knoxByPairs, referenceEmerging } from './reference-space-time.ts';

const dataDir = path.resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');
/** Whether a part runs: every part unless BENCH names some. */
const only = (part: string): boolean => !process.env.BENCH || process.env.BENCH.split(',').includes(part);
const ms = (t: number): string => `${(performance.now() - t).toFixed(1)} ms`;
/** CPU milliseconds (user + system) of this process while f runs: on a shared machine, wall time also counts waiting. */
const cpuOf = <T>(f: () => T): [T, number] => { const c = process.cpuUsage(); const r = f(); const d = process.cpuUsage(c); return [r, (d.user + d.system) / 1000]; };
const time = <T>(f: () => T): [T, number] => { const t = performance.now(); const r = f(); return [r, performance.now() - t]; };
const best = <T>(runs: number, f: () => T): [T, number] => {
  let out: [T, number] = time(f);
  for (let i = 1; i < runs; i++) { const r = time(f); if (r[1] < out[1]) out = r; }
  return out;
};

// --- 1. Point in polygon -------------------------------------------------------------------------
if (only('pip')) {
  const file = path.join(dataDir, 'boundaries', 'gm-lsoa-2011.geojson');
  let t = performance.now();
  const areas = boundariesRead(fs.readFileSync(file, 'utf8'), { file, codeProperty: 'area_code', nameProperty: 'area_name' });
  console.log(`read ${areas.length} GM LSOAs: ${ms(t)}`);
  const [index, buildMs] = time(() => buildAreaIndex(areas));
  console.log(`build area index: ${buildMs.toFixed(1)} ms`);
  let bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = areas.map((a) => (a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat()));
  const boxes = rings.map((rs) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of rs) for (const p of r) {
      b[0] = Math.min(b[0] as number, p[0] as number); b[1] = Math.min(b[1] as number, p[1] as number);
      b[2] = Math.max(b[2] as number, p[0] as number); b[3] = Math.max(b[3] as number, p[1] as number);
    }
    bbox = [Math.min(bbox[0], b[0] as number), Math.min(bbox[1], b[1] as number), Math.max(bbox[2], b[2] as number), Math.max(bbox[3], b[3] as number)];
    return b as [number, number, number, number];
  });
  const n = 1_000_000;
  const pts = randomPointsInBbox(n, bbox, 42);
  const [found, locateMs] = best(3, () => index.locateMany(pts.xs, pts.ys));
  let matched = 0;
  for (const v of found) if (v >= 0) matched++;
  console.log(`point-in-area, 1,000,000 points in the GM bbox into 1,673 LSOAs: ${locateMs.toFixed(1)} ms (best of 3), ${matched} located`);

  // Naive reference: every polygon's bbox, then an even-odd ray cast of all its rings; no index.
  const naive = (g: Polygon | MultiPolygon, x: number, y: number): boolean => {
    const rs = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    let inside = false;
    for (const r of rs) {
      for (let k = 0; k < r.length - 1; k++) {
        let [x1, y1] = r[k] as [number, number];
        let [x2, y2] = r[k + 1] as [number, number];
        if (y1 === y2) continue;
        if (y1 > y2) [x1, y1, x2, y2] = [x2, y2, x1, y1];
        if (y >= y1 && y < y2 && x < x1 + (y - y1) * ((x2 - x1) / (y2 - y1))) inside = !inside;
      }
    }
    return inside;
  };
  const m = 20_000;
  t = performance.now();
  let disagree = 0;
  for (let i = 0; i < m; i++) {
    const x = pts.xs[i] as number, y = pts.ys[i] as number;
    let hit = -1;
    for (let k = 0; k < areas.length; k++) {
      const b = boxes[k] as [number, number, number, number];
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
      if (naive((areas[k] as { geometry: Polygon | MultiPolygon }).geometry, x, y)) { hit = k; break; }
    }
    if (hit !== found[i]) disagree++;
  }
  const naiveMs = performance.now() - t;
  console.log(
    `  naive reference (bbox + ray cast, no index) on ${m.toLocaleString()} points: ${naiveMs.toFixed(1)} ms, ` +
      `extrapolated to 1,000,000: ${((naiveMs * n) / m / 1000).toFixed(1)} s (x${((naiveMs * n) / m / locateMs).toFixed(0)}); disagreements: ${disagree}`,
  );
  const [, projMs] = time(() => toBngMany(pts.xs, pts.ys));
  console.log(`projection WGS84 -> BNG of 1,000,000 points (proj4): ${projMs.toFixed(1)} ms`);
}

// --- 2. KDE -----------------------------------------------------------------------------------------
if (only('kde')) {
  const n = 1_000_000;
  const extent = [370000, 380000, 421200, 431200] as const; // 51.2 km square: 512 x 512 cells of 100 m
  const pts = randomClusteredPoints(n, extent, { seed: 7, clusters: 40, clusterSd: 300, clusteredShare: 0.5 });
  for (const bandwidth of [250, 500, 1000]) {
    const [res, kdeMs] = best(3, () => kde(pts, { cellSize: 100, bandwidth, extent }));
    // Exact direct sum on a 20 x 20 subgrid around the maximum (points beyond 10 bandwidths skipped: e^-50).
    let iMax = 0;
    for (let i = 1; i < res.values.length; i++) if ((res.values[i] as number) > (res.values[iMax] as number)) iMax = i;
    const col0 = Math.max(0, Math.min(res.width - 20, (iMax % res.width) - 10));
    const row0 = Math.max(0, Math.min(res.height - 20, Math.floor(iMax / res.width) - 10));
    const cx = res.x0 + (col0 + 10) * res.cellSize, cy = res.y0 + (row0 + 10) * res.cellSize;
    const near: number[] = [], nearY: number[] = [];
    const reach = 10 * bandwidth + 15 * res.cellSize;
    for (let i = 0; i < n; i++) {
      if (Math.abs((pts.xs[i] as number) - cx) < reach && Math.abs((pts.ys[i] as number) - cy) < reach) { near.push(pts.xs[i] as number); nearY.push(pts.ys[i] as number); }
    }
    const t = performance.now();
    const exact = kdeExact({ xs: near, ys: nearY }, res, { col0, row0, cols: 20, rows: 20 });
    const exactMs = performance.now() - t;
    let maxErr = 0, maxV = 0;
    for (let r = 0; r < 20; r++) for (let c = 0; c < 20; c++) {
      const e = exact[r * 20 + c] as number, v = res.values[(row0 + r) * res.width + col0 + c] as number;
      maxV = Math.max(maxV, e);
      maxErr = Math.max(maxErr, Math.abs(e - v));
    }
    console.log(
      `KDE, 1,000,000 points, 512 x 512 grid of 100 m, bandwidth ${bandwidth} m: ${kdeMs.toFixed(1)} ms (best of 3); ` +
        `exact direct sum on a 20 x 20 subgrid at the peak (${near.length.toLocaleString()} points in reach): ${exactMs.toFixed(0)} ms; ` +
        `max |error| / max = ${((maxErr / maxV) * 100).toFixed(3)}%`,
    );
  }
  const [auto, autoMs] = best(3, () => kde(pts, { cellSize: 100, extent }));
  console.log(`KDE with the normal-reference bandwidth (${auto.bandwidth.toFixed(0)} m), same grid: ${autoMs.toFixed(1)} ms (best of 3)`);
}

// --- 3. Getis-Ord Gi* -----------------------------------------------------------------------------
if (only('gi')) {
  const w = 175, h = 200, n = w * h;
  const rand = mulberry32(3);
  const values = Float64Array.from({ length: n }, (_, i) => {
    const c = i % w, r = Math.floor(i / w);
    const hot = (c - 50) ** 2 + (r - 60) ** 2 < 100;
    return Math.floor(rand() * (hot ? 20 : 8));
  });
  const [{ neighbours }, wMs] = time(() => gridContiguity(w, h));
  console.log(`queen contiguity of a ${w} x ${h} grid (${n.toLocaleString()} areas): ${wMs.toFixed(1)} ms`);
  const [gi, giMs] = best(3, () => getisOrd({ values, neighbours }));
  console.log(`Gi* (normal p, BH) on ${n.toLocaleString()} areas: ${giMs.toFixed(1)} ms (best of 3); hot ${gi.classes.filter((c) => c === 'hot').length}, cold ${gi.classes.filter((c) => c === 'cold').length}`);
  // Simple reference: the textbook formula, plain arrays, no CSR, no validation.
  const t = performance.now();
  const xs = Array.from(values);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  const zRef = xs.map((xi, i) => {
    const nb = neighbours[i] as number[];
    const W = nb.length + 1;
    const sum = nb.reduce((a, j) => a + (xs[j] as number), xi);
    return (sum - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
  });
  const refMs = performance.now() - t;
  let maxDiff = 0;
  zRef.forEach((z, i) => { maxDiff = Math.max(maxDiff, Math.abs(z - (gi.z[i] as number))); });
  console.log(`  simple reference (z only, no p-values): ${refMs.toFixed(1)} ms; max |z - z_ref| = ${maxDiff.toExponential(2)}`);
  const [perm, permMs] = time(() => getisOrd({ values, neighbours }, { permutations: 99, seed: 1 }));
  console.log(`Gi* with 99 conditional permutations on ${n.toLocaleString()} areas: ${permMs.toFixed(0)} ms; hot ${perm.classes.filter((c) => c === 'hot').length} (a pseudo p cannot go below 1/100, too coarse to survive BH over 35,000 tests: use 999+)`);
}

// --- 4. Emerging hot spots: real GM burglary, 36 months -----------------------------------------
if (only('emerging')) {
  const file = path.join(dataDir, 'boundaries', 'gm-lsoa-2011.geojson');
  const areas = boundariesRead(fs.readFileSync(file, 'utf8'), { file, codeProperty: 'area_code', nameProperty: 'area_name' });
  const lsoas = areas.map((a) => ({ code: a.code, name: a.name, locality: null, geometry: a.geometry }));
  const csv = fs.readFileSync(path.join(dataDir, 'police', 'gmp-burglary-points-2016-02-to-2019-01.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = csv.map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
  const lon = Float64Array.from(rows, (r) => (r[2] ? Number(r[2]) : NaN)), lat = Float64Array.from(rows, (r) => (r[3] ? Number(r[3]) : NaN));
  const [located, locateMs] = time(() => buildAreaIndex(areas).locateMany(lon, lat));
  const points = rows.map((r, i) => ({ lon: lon[i] as number, lat: lat[i] as number, lsoa: (located[i] as number) >= 0 ? (areas[located[i] as number] as { code: string }).code : null, month: r[0] as string }));
  console.log(`GM burglary: ${points.length.toLocaleString()} points placed in ${areas.length.toLocaleString()} LSOAs: ${locateMs.toFixed(0)} ms`);
  for (const level of ['lsoa', 'grid'] as const) {
    const run = (): ReturnType<typeof emergingArea> => emergingArea({ lsoas, points, from: '2016-02', to: '2019-01' }, { level, step: 'month', cellSize: 250 });
    const [r, ms] = best(3, run);
    const [, cpuMs] = cpuOf(run);
    const shown = r.summary.filter((s) => s.locations > 0 && s.category !== 'none').map((s) => `${s.category} ${s.locations}`).join(', ');
    console.log(`emerging hot spots, ${level === 'lsoa' ? '1,673 LSOAs' : `250 m grid (${r.locations.length.toLocaleString()} cells)`} x 36 months (cube, weights, Gi* + BH per month, Mann-Kendall, classes): ${ms.toFixed(0)} ms (best of 3), ${cpuMs.toFixed(0)} ms CPU; ${shown}`);
    // Simple reference from the same cube: textbook Gi*, BH by sorting, O(n²) Mann-Kendall, the rules as plain ifs.
    const { counts, neighbours } = spaceTimeCube({ lsoas, points, from: '2016-02', to: '2019-01' }, { level, step: 'month', cellSize: 250 });
    const t = performance.now();
    const ref = referenceEmerging(counts, neighbours);
    const refMs = performance.now() - t;
    const disagree = ref.filter((c, i) => c !== r.locations[i]!.category).length;
    console.log(`  simple reference on the same cube: ${refMs.toFixed(0)} ms; categories that differ: ${disagree}`);
  }
}

// --- 5. Near repeat (Knox): 100,000 generated dated points, 999 permutations --------------------
if (only('near-repeat')) {
  const n = 100_000;
  const bbox = [350000, 380000, 400000, 415000] as const; // 50 km x 35 km: about Greater Manchester's extent
  const pts = randomDatedPoints(n, bbox, { seed: 5, span: 1095, nearRepeatShare: 0.1 });
  const t0w = performance.now();
  const c0w = process.cpuUsage();
  // Worker threads: process.cpuUsage counts every thread of the process.
  const r = await nearRepeatThreaded(pts, { permutations: 999, seed: 1 });
  const cw = process.cpuUsage(c0w), cpuMs = (cw.user + cw.system) / 1000;
  const ms = performance.now() - t0w;
  const c = r.cells[0]![0]!;
  console.log(`near repeat, ${n.toLocaleString()} points over 3 years, 5 x 4 bands, 999 permutations on ${availableParallelism()} threads: ${(ms / 1000).toFixed(2)} s (${(cpuMs / 1000).toFixed(2)} s CPU); 0-200 m, 0-7 days: observed ${c.observed}, expected ${c.expected.toFixed(1)}, Knox ratio ${c.knoxRatio!.toFixed(2)}, p ${c.p}`);
  // A partnership's year of dated burglaries: the same pattern at a tenth of the volume.
  const small = randomDatedPoints(n / 10, bbox, { seed: 6, span: 365, nearRepeatShare: 0.1 });
  const t0s = performance.now();
  const rs = await nearRepeatThreaded(small, { permutations: 999, seed: 1 });
  const drawn = rs.cells.flat().reduce((s, cell) => s + cell.permutations, 0);
  console.log(`near repeat, ${(n / 10).toLocaleString()} points over a year: ${((performance.now() - t0s) / 1000).toFixed(2)} s; ${drawn.toLocaleString()} cell-permutations drawn of ${(999 * rs.cells.flat().length).toLocaleString()}`);
  // Real density: GM burglary places (month only), each given a seeded day within its month.
  const csv = fs.readFileSync(path.join(dataDir, 'police', 'gmp-burglary-points-2016-02-to-2019-01.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = csv.map((l) => l.split(','));
  const dayRand = mulberry32(3);
  const bng = toBngMany(rows.map((r) => Number(r[2])), rows.map((r) => Number(r[3])));
  const gmDays = rows.map((r) => Math.floor(Date.parse(`${r[0]}-01T00:00:00Z`) / 864e5) + Math.floor(dayRand() * 28));
  const t0g = performance.now();
  const c0g = process.cpuUsage();
  const rg = await nearRepeatThreaded({ xs: bng.xs, ys: bng.ys, days: gmDays }, { permutations: 999, seed: 1 });
  const cg = process.cpuUsage(c0g);
  const full = rg.cells.flat().filter((cell) => cell.permutations === 999).length;
  console.log(`near repeat, real GM burglary places (${rg.incidents.toLocaleString()}, a seeded day in each month): ${((performance.now() - t0g) / 1000).toFixed(2)} s (${((cg.user + cg.system) / 1e6).toFixed(2)} s CPU); ${full} of ${rg.cells.flat().length} cells drew all 999 permutations`);
  // Simple reference: every pair within 1,000 m listed once (grid), then each permutation checks every listed pair.
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const pairs = closePairs(pts.xs, pts.ys, 1000);
  const listMs = performance.now() - t0;
  const R = 9;
  const t1 = performance.now();
  const refObserved = knoxByPairs(pairs, pts.days);
  const rand = mulberry32(1);
  const days = Int32Array.from(pts.days);
  for (let k = 0; k < R; k++) {
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const v = days[i]!; days[i] = days[j]!; days[j] = v; }
    knoxByPairs(pairs, days);
  }
  const perPerm = (performance.now() - t1) / (R + 1);
  const cpu = process.cpuUsage(c0);
  const same = r.cells.every((row, d) => row.every((cell, k) => cell.observed === refObserved[d]![k]));
  console.log(
    `  simple reference (${(pairs.length / 3).toLocaleString()} pairs within 1,000 m listed in ${listMs.toFixed(0)} ms, each checked per permutation): ${perPerm.toFixed(0)} ms a permutation, ` +
      `extrapolated to 1,000: ${((listMs + perPerm * 1000) / 1000).toFixed(1)} s (CPU for the list and ${R + 1} runs: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); observed counts identical: ${same}`,
  );
}
