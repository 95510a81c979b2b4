import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import type { NearRepeatTable, NearRepeatWindowSection } from '../../pipelines/space-time.ts';
import type { IncidentFilter } from '../../store/queries/build-counts-sql.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, monthOption } from '../options.ts';
import { printJson } from '../output.ts';

interface Flags {
  db: string;
  crimeType?: string;
  district?: string;
  json?: boolean;
}

const filterOf = (o: Flags & { from?: string; to?: string }): IncidentFilter => ({
  categories: o.crimeType ? [o.crimeType] : undefined,
  district: o.district,
  from: monthOption(o.from, '--from'),
  to: monthOption(o.to, '--to'),
});

function choice<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw cspError('CSP_ERR_USAGE', `${name} must be ${allowed.join(' or ')}, got "${value}"`);
  return value as T;
}

function positive(value: string | undefined, name: string, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0) || (integer && !Number.isInteger(n))) throw cspError('CSP_ERR_USAGE', `${name} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
}

function breaks(value: string | undefined, name: string): number[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((v) => !Number.isFinite(v))) throw cspError('CSP_ERR_USAGE', `${name} must be a comma list of numbers from 0, got "${value}"`);
  return list;
}

/** The Knox table as text: rows are distance bands, columns time bands, each cell "ratio (p)", then the near-repeat window. */
function formatNearRepeat(t: NearRepeatTable, w: NearRepeatWindowSection): string {
  const width = 16;
  const head = ['distance \\ time'.padEnd(width), ...t.timeBands.map((b) => b.padStart(width))].join('');
  const lines = t.distanceBands.map((d) => {
    const cells = t.timeBands.map((tb) => {
      const c = t.rows.find((r) => r.distance === d && r.time === tb)!;
      return `${c.knoxRatio === null ? '-' : c.knoxRatio.toFixed(2)} (p ${c.p.toFixed(3)})`.padStart(width);
    });
    return [d.padEnd(width), ...cells].join('');
  });
  return [
    `Knox ratios (observed / expected pairs; p from ${t.permutations} permutations of the dates, seed ${t.seed}) for ${t.incidents.toLocaleString('en-GB')} dated incidents:`,
    head,
    ...lines,
    ...(t.withoutLocation ? [`${t.withoutLocation.toLocaleString('en-GB')} dated incidents without coordinates were left out.`] : []),
    w.reach
      ? `Near-repeat window (p < ${w.alpha}, Knox ratio at least ${w.minRatio}, joined to the nearest cell): out to ${w.reach.distance} and ${w.reach.time}, ${w.cells.length} cell${w.cells.length === 1 ? '' : 's'}.`
      : `No near-repeat window: the nearest cell does not have p < ${w.alpha} and a Knox ratio of at least ${w.minRatio}.`,
    ...(w.elsewhere.length ? [`Significant excesses outside it: ${w.elsewhere.map((c) => `(${c.distance}, ${c.time})`).join(', ')}.`] : []),
    ...(t.stacked ?? []).map((p) => `${p.incidents.toLocaleString('en-GB')} incidents share one point (easting ${p.easting}, northing ${p.northing}): a default location for unmatched addresses? They make ${p.pairs.toLocaleString('en-GB')} pairs at 0 m.`),
  ].join('\n') + '\n';
}

export function registerStatsSpaceTime(stats: Command, state: CliState): void {
  stats
    .command('emerging')
    .description('emerging hot spots: Gi* per month or quarter, Mann-Kendall trend, ArcGIS categories (docs/emerging-hotspots.md)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--district <name>', 'only this district (by name, e.g. Stockport)')
    .option('--crime-type <type>', 'only this crime type (default: recorded crime, ASB left out)')
    .option('--level <level>', 'lsoa or grid', 'lsoa')
    .option('--step <step>', 'month or quarter', 'month')
    .option('--cell-size <metres>', 'grid cell size', '250')
    .option('--from <YYYY-MM>', 'first month (default: the first under the filter)')
    .option('--to <YYYY-MM>', 'last month (default: the last under the filter)')
    .option('--geojson <file>', 'also write the locations as GeoJSON (WGS84)')
    .option('--json', 'print JSON')
    .action(
      action(state, async (o: Flags & { level: string; step: string; cellSize: string; from?: string; to?: string; geojson?: string }) => {
        const level = choice(o.level, ['lsoa', 'grid'] as const, '--level');
        const step = choice(o.step, ['month', 'quarter'] as const, '--step');
        const [{ emergingFromStore }, { withStore }] = await Promise.all([import('../../pipelines/space-time.ts'), import('../../store/store.ts')]);
        const r = await withStore(o.db, (s) => emergingFromStore(s, filterOf(o), { level, step, cellSize: positive(o.cellSize, '--cell-size') }), { readOnly: true });
        if (o.geojson) writeFileSync(o.geojson, JSON.stringify(r.geojson));
        const rows = r.locations.map((l) => ({
          location: l.location,
          locality: l.locality,
          category: l.category,
          trend_z: l.trendZ,
          trend_p: l.trendP,
          hot_steps: l.hotSteps,
          cold_steps: l.coldSteps,
          count: l.count,
        }));
        if (o.json) return printJson(state.io, rows);
        const cols = ['location', 'locality', 'category', 'trend_z', 'trend_p', 'hot_steps', 'cold_steps', 'count'] as const;
        const cell = (v: unknown): string => (v === null ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v));
        state.io.stdout(`${r.steps.length} ${step}s, ${r.steps[0]} to ${r.steps.at(-1)}; ${r.summary.filter((s) => s.locations > 0).map((s) => `${s.category} ${s.locations}`).join(', ')}\n`);
        state.io.stdout(`${cols.join('\t')}\n${rows.map((x) => cols.map((c) => cell(x[c])).join('\t')).join('\n')}\n`);
      }),
    );

  stats
    .command('near-repeat')
    .description('near repeat (Knox test): pairs of dated incidents close in space and time, against permutations of the dates')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--crime-type <type>', 'only this crime type')
    .option('--district <name>', 'only this district (by name)')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--distance-bands <metres>', 'comma list of breaks from 0 (default 0,200,400,600,800,1000)')
    .option('--time-bands <days>', 'comma list of whole-day breaks from 0 (default 0,7,14,21,28)')
    .option('--permutations <n>', 'Monte Carlo permutations of the dates, at most', '999')
    .option('--stop-at <n>', 'a cell stops once this many permuted counts reach its observed count (0: every permutation for every cell)', '10')
    .option('--seed <n>', 'seed of the permutations', '1')
    .option('--alpha <p>', 'significance level of a cell, for the near-repeat window', '0.05')
    .option('--min-ratio <r>', 'smallest Knox ratio of the near-repeat window', '1.2')
    .option('--json', 'print JSON')
    .action(
      action(state, async (o: Flags & { from?: string; to?: string; distanceBands?: string; timeBands?: string; permutations: string; stopAt: string; seed: string; alpha: string; minRatio: string }) => {
        const seed = Number(o.seed), stopAt = Number(o.stopAt), alpha = Number(o.alpha), minRatio = Number(o.minRatio);
        if (!(alpha > 0 && alpha < 1)) throw cspError('CSP_ERR_USAGE', `--alpha must be between 0 and 1, got "${o.alpha}"`);
        if (!(minRatio >= 1)) throw cspError('CSP_ERR_USAGE', `--min-ratio must be a number of at least 1, got "${o.minRatio}"`);
        if (!Number.isInteger(seed)) throw cspError('CSP_ERR_USAGE', `--seed must be a whole number, got "${o.seed}"`);
        if (!(Number.isInteger(stopAt) && stopAt >= 0)) throw cspError('CSP_ERR_USAGE', `--stop-at must be a whole number, got "${o.stopAt}"`);
        const options = {
          distanceBands: breaks(o.distanceBands, '--distance-bands'),
          timeBands: breaks(o.timeBands, '--time-bands'),
          permutations: positive(o.permutations, '--permutations', true),
          stopAt,
          seed,
        };
        const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
        const [{ nearRepeatFromStore, nearRepeatWindowSection }, { withStore }] = await Promise.all([import('../../pipelines/space-time.ts'), import('../../store/store.ts')]);
        const t = await withStore(o.db, (s) => nearRepeatFromStore(s, filterOf(o), defined), { readOnly: true });
        const window = nearRepeatWindowSection(t, alpha, minRatio);
        if (o.json) printJson(state.io, { ...t, window });
        else state.io.stdout(formatNearRepeat(t, window));
      }),
    );
}
