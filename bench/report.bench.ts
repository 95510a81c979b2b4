/**
 * Report bench: a plain script, prints figures (not a timed test).
 *   TZ=Europe/London node --import tsx bench/report.bench.ts
 * Generates and loads the demo store once (not timed), then times the assessment build alone and the
 * full report in every format (HTML, PDF, XLSX, GeoJSON, JSON) from the built model. Target: the full
 * report under 30 s on a 2-core machine.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAssessment } from '../src/assessment/build.ts';
import { ALL_FORMATS, writeOutputs } from '../src/assessment/write-outputs.ts';
import { loadAreaConfig } from '../src/config/area-config.ts';
import { EMBEDDED_CONFIG } from '../src/config/embedded.ts';
import { runDemo } from '../src/pipelines/demo.ts';
import { withStore } from '../src/store/store.ts';

const dataDir = resolve(process.env.CSP_ASSESS_DATA ?? '../shared/data');
const out = mkdtempSync(join(tmpdir(), 'csp-report-bench-'));
const asOf = '2017-07-31T00:00:00.000Z';
try {
  const cfg = loadAreaConfig(EMBEDDED_CONFIG, dataDir);
  let t = performance.now();
  const demo = await runDemo(cfg, { out: join(out, 'demo'), seed: 1, formats: ['json'], asOf });
  console.log(`demo store (generate, load, first build): ${((performance.now() - t) / 1000).toFixed(1)} s, ${demo.policeRows.toLocaleString('en-GB')} police rows`);
  t = performance.now();
  const assessment = await withStore(demo.db, (store) => buildAssessment(store, cfg, { asOf }));
  const buildS = (performance.now() - t) / 1000;
  console.log(`assessment build alone: ${buildS.toFixed(1)} s`);
  t = performance.now();
  const written = await writeOutputs(assessment, join(out, 'report'), ALL_FORMATS);
  const reportS = (performance.now() - t) / 1000;
  console.log(`full report, every format (${ALL_FORMATS.join(', ')}): ${reportS.toFixed(1)} s${reportS < 30 ? ' (under the 30 s target)' : ' (OVER the 30 s target)'}`);
  for (const [kind, file] of Object.entries(written.files)) console.log(`  ${kind.padEnd(9)} ${(statSync(file).size / 1024).toFixed(0).padStart(6)} KiB`);
  t = performance.now();
  await writeOutputs(assessment, join(out, 'public'), ALL_FORMATS.filter((f) => f !== 'json'), { public: true });
  console.log(`published edition, every format: ${((performance.now() - t) / 1000).toFixed(1)} s`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
