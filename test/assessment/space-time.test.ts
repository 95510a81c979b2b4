/**
 * The space-and-time part of the assessment on the real GM burglary points: built for Stockport for
 * February 2016 to July 2018 (the "previous edition"), then to January 2019 with that edition given,
 * so its six-month forecast is scored against what happened. Figures are checked against counts made
 * here from the store, and the serialised model against its schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessment } from '../../src/assessment/build.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { AssessmentSchema } from '../../src/assessment/schema.ts';
import { writeOutputs } from '../../src/assessment/write-outputs.ts';
import { nearRepeat } from '../../src/analysis/near-repeat.ts';
import { mulberry32 } from '../../src/analysis/spatial/random.ts';
import { loadAreaConfig } from '../../src/config/area-config.ts';
import { nearRepeatTable, nearRepeatWindowSection } from '../../src/pipelines/space-time.ts';
import { renderSpaceTime } from '../../src/render/sections/space-time/render.ts';
import { fmtMean } from '../../src/render/html/format.ts';
import { cellValue } from '../../src/render/xlsx/cell-value.ts';
import { reportTables } from '../../src/render/xlsx/report-tables.ts';
import { withStore } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

describe('spaceTime on real GM burglary', () => {
  let dir: string, db: string;
  let previous: Assessment, current: Assessment;
  let monthly: Map<string, number>;
  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'gm.duckdb');
    const file = join(repoRoot, 'config/examples/gm-burglary.yaml');
    await runCli('ingest', 'incidents', join(dataDir, 'police/gmp-burglary-points-2016-02-to-2019-01.csv'), '--source', 'gmp-burglary', '--force', 'Greater Manchester Police', '--month-col', 'Month', '--category-col', 'Crime.type', '--lon-col', 'Longitude', '--lat-col', 'Latitude', '--db', db);
    await runCli('ingest', 'geography', '--config', file, '--data-dir', dataDir, '--db', db);
    const cfg = loadAreaConfig(file, dataDir);
    const earlier = { ...cfg, config: { ...cfg.config, periods: { ...cfg.config.periods, to: '2018-07' } } };
    previous = await withStore(db, (s) => buildAssessment(s, earlier, { asOf: '2018-08-01T00:00:00Z' }));
    current = await withStore(db, (s) => buildAssessment(s, cfg, { asOf: '2019-02-01T00:00:00Z', previous }));
    const c = await runCli('stats', 'counts', '--db', db, '--by', 'month', '--json');
    expect(c.code).toBe(0);
    const r = await runCli('stats', 'counts', '--db', db, '--by', 'month,district', '--json');
    monthly = new Map((JSON.parse(r.stdout) as { month: string; district: string | null; count: number }[]).filter((x) => x.district === 'Stockport').map((x) => [x.month, x.count]));
  }, 180_000);

  it('holds emerging hot spots for every Stockport LSOA, with a category summary per locality', () => {
    const e = current.spaceTime!.emerging!;
    expect(e.locations).toHaveLength(190);
    expect(e.steps).toHaveLength(36);
    expect(e.summary.reduce((s, x) => s + x.locations, 0)).toBe(190);
    expect(e.byLocality.map((l) => l.locality)).toEqual(['Bramhall', 'Central', 'Cheadle', 'Edgeley', 'Hazel Grove', 'Heatons', 'Marple', 'Reddish', 'Werneth']);
    expect(e.map.features).toHaveLength(190);
    expect(e.locations.reduce((s, l) => s + l.count, 0)).toBe([...monthly.values()].reduce((a, b) => a + b, 0));
  });

  it('models the area and each locality over the whole period, observed counts as the store has them', () => {
    const s = current.spaceTime!;
    expect(s.expectedSpan).toEqual({ from: '2016-02', to: '2019-01', months: 36 });
    expect(s.expected.map((x) => `${x.kind}:${x.name}`)).toEqual(['area:Stockport', ...['Bramhall', 'Central', 'Cheadle', 'Edgeley', 'Hazel Grove', 'Heatons', 'Marple', 'Reddish', 'Werneth'].map((l) => `locality:${l}`)]);
    const area = s.expected[0]!;
    expect(area.months.map((m) => m.observed)).toEqual(area.months.map((m) => monthly.get(m.month) ?? 0));
    expect(area.months.filter((m) => m.expected !== null)).toHaveLength(12);
    // Overdispersed, but not wildly after trend and season (1.6 to 5.6 for GM districts).
    expect(area.dispersion!).toBeGreaterThan(1);
    expect(area.dispersion!).toBeLessThan(6);
    expect(area.forecast.map((f) => f.month)).toEqual(['2019-02', '2019-03', '2019-04', '2019-05', '2019-06', '2019-07']);
    for (const f of area.forecast) expect(f.lower! <= f.expected! && f.expected! <= f.upper!).toBe(true);
  });

  it("scores the previous edition's forecast against the months since", () => {
    const prev = previous.spaceTime!.expected.find((x) => x.kind === 'area')!;
    expect(prev.forecast[0]!.month).toBe('2018-08');
    const scored = current.spaceTime!.previous!.scores.find((x) => x.kind === 'area')!.score;
    expect(scored.scored).toBe(6);
    expect(scored.rows.map((r) => r.actual)).toEqual(['2018-08', '2018-09', '2018-10', '2018-11', '2018-12', '2019-01'].map((m) => monthly.get(m)));
    const within = scored.rows.filter((r) => r.actual >= r.lower && r.actual <= r.upper).length;
    expect(scored.coverage).toBeCloseTo(within / 6, 12);
    const mae = scored.rows.reduce((s, r) => s + Math.abs(r.actual - r.expected), 0) / 6;
    expect(scored.meanAbsoluteError).toBeCloseTo(mae, 9);
    expect(current.spaceTime!.previous!.generatedAt).toBe('2018-08-01T00:00:00Z');
  });

  it('has no near-repeat table without dated incidents', () => {
    expect(current.spaceTime!.nearRepeat).toEqual([]);
  });

  it('serialises to a model the schema accepts, with the emerging hot spots GeoJSON layer and report section', async () => {
    const parsed = AssessmentSchema.safeParse(JSON.parse(JSON.stringify(current)));
    expect(parsed.success).toBe(true);
    const out = await writeOutputs(current, join(dir, 'out'), ['json', 'html', 'geojson']);
    const layer = JSON.parse(readFileSync(out.files.emerging!, 'utf8')) as { features: { properties: { category: string } }[] };
    expect(layer.features).toHaveLength(190);
    const html = readFileSync(out.files.html!, 'utf8');
    expect(html).toContain('id="space-time"');
    expect(html.match(/id="map-emerging(-\d+)?"/g)).toHaveLength(10);
    expect(html).toContain('id="chart-expected"');
    expect(html).toMatch(/The previous edition(&#39;|')s forecast \(built 2018-08-01\)/);
  });

  it('renders a near-repeat table with distance rows, day columns and the significant cells in bold', () => {
    const rand = mulberry32(3);
    const xs: number[] = [], ys: number[] = [], days: number[] = [];
    for (let i = 0; i < 300; i++) { xs.push(rand() * 3000); ys.push(rand() * 3000); days.push(Math.floor(rand() * 200)); }
    for (let i = 0; i < 80; i++) { xs.push(xs[i]! + 30); ys.push(ys[i]!); days.push(days[i]! + 2); }
    const table = nearRepeatTable(nearRepeat({ xs, ys, days }, { permutations: 199 }), 3);
    const window = nearRepeatWindowSection(table, 0.05, 1.2);
    expect(window).toMatchObject({ found: true, cells: [{ distance: '0-200 m', time: '0-7 days' }], reach: { metres: 200, days: 7 } });
    const withTable: Assessment = { ...current, spaceTime: { ...current.spaceTime!, nearRepeat: [{ ...table, category: 'Burglary', period: current.period, window }] } };
    const html = renderSpaceTime(withTable);
    const ratio = table.rows[0]!.knoxRatio!.toFixed(2);
    expect(html).toContain(`Near repeats: pairs of burglary incidents within 200 m and 7 days of each other were ${ratio} times as many as chance would give (p = 0.005).`);
    expect(html).toContain('No band beyond reaches 1.20 times or more with p below 0.05: the raised risk after an incident is confined to 200 m and 7 days.');
    // Without a pattern the report says so, and what a pattern needs.
    const none = { ...window, found: false, cells: [], reach: null };
    const plain = renderSpaceTime({ ...withTable, spaceTime: { ...withTable.spaceTime!, nearRepeat: [{ ...withTable.spaceTime!.nearRepeat[0]!, window: none }] } });
    expect(plain).toContain(`No near-repeat pattern is called: pairs within 200 m and 7 days of each other were ${ratio} times as many as chance would give (p = 0.005); a pattern needs 1.20 times or more with p below 0.05.`);
    expect(html).toContain('Near repeat: burglary');
    expect(html).toMatch(/<th scope="col"[^>]*>0-7 days<\/th><th scope="col"[^>]*>8-14 days<\/th>/);
    expect(html).toMatch(/<th scope="row" class="govuk-table__header">0-200 m<\/th><td[^>]*><strong>/);
    expect(html).toContain('3 dated incidents without coordinates were left out');
    expect(html).not.toContain('of the dated incidents. That is what');
    // A default location given to unmatched addresses is flagged, without its coordinates.
    const stacked = { ...withTable.spaceTime!.nearRepeat[0]!, stacked: [{ easting: 389000, northing: 390500, incidents: 60, pairs: 1770 }] };
    const flagged = renderSpaceTime({ ...withTable, spaceTime: { ...withTable.spaceTime!, nearRepeat: [stacked] } });
    expect(flagged).toContain('One point holds 60 of the dated incidents. That is what a default location for unmatched addresses would look like, though a place of genuine repeats can too: check the extract. If it is a default, its 1,770 pairs at 0 m have unrelated dates and pull the nearest Knox ratios towards 1.');
    expect(flagged).not.toContain('389000');
    // The spreadsheet reads the matrix's cells with their parts apart, and the cell-by-cell table as numbers.
    const tables = reportTables(html);
    const matrix = tables.find((t) => t.caption.startsWith('Knox ratios for burglary')), long = tables.find((t) => t.caption === 'Knox test for burglary, cell by cell');
    expect(matrix!.rows[0]![1]).toBe(`${ratio} ${table.rows[0]!.observed.toLocaleString('en-GB')} vs ${fmtMean(table.rows[0]!.expected)}; p 0.005`);
    expect(long!.header).toEqual(['Distance apart', 'Days apart', 'Pairs observed', 'Pairs expected', 'Knox ratio', 'p-value', 'Permutations drawn']);
    expect(long!.rows).toHaveLength(20);
    expect(long!.rows[0]!.slice(2).map((v) => cellValue(v).value)).toEqual([table.rows[0]!.observed, Number(table.rows[0]!.expected.toFixed(1)), Number(ratio), 0.005, 199]);
  });
});
