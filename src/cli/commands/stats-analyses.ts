import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { parseDimensions, type IncidentFilter } from '../../store/queries/build-counts-sql.ts';
import { parseRateDimension } from '../../store/queries/build-rates-sql.ts';
import type { Store } from '../../store/store.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, monthOption, periodOption } from '../options.ts';
import { printJson } from '../output.ts';

interface CommonFlags {
  db: string;
  crimeType?: string;
  district?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

function filterOf(o: CommonFlags): IncidentFilter {
  return {
    categories: o.crimeType ? [o.crimeType] : undefined,
    district: o.district,
    from: monthOption(o.from, '--from'),
    to: monthOption(o.to, '--to'),
  };
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw cspError('CSP_ERR_USAGE', `${name} must be a positive number, got "${value}"`);
  return n;
}

/** Prints rows as JSON, or as a tab-separated table of their scalar fields. */
function print(state: CliState, value: unknown, json: boolean | undefined): void {
  if (json || !Array.isArray(value)) return printJson(state.io, value);
  const rows = value as Record<string, unknown>[];
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v));
  state.io.stdout(`${cols.join('\t')}\n${rows.map((r) => cols.map((c) => cell(r[c])).join('\t')).join('\n')}\n`);
}

const read = async <T>(db: string, fn: (s: Store) => Promise<T>): Promise<T> => (await import('../../store/store.ts')).withStore(db, fn, { readOnly: true });
const pipelines = () => import('../../pipelines/stats.ts');

function common(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--crime-type <type>', 'only this crime type')
    .option('--district <name>', 'only this district (by name, e.g. Stockport)')
    .option('--json', 'print JSON');
}

export function registerStatsAnalyses(stats: Command, state: CliState): void {
  common(stats.command('change').description('counts in two periods per group: percent change, rate ratio, 95% CI, quasi-Poisson test with each group\'s dispersion, exact Poisson p beside it, Benjamini-Hochberg across groups'))
    .requiredOption('--by <dim>', 'month, year, crime_type, lsoa, ward, locality, district, force or source')
    .requiredOption('--a <YYYY-MM:YYYY-MM>', 'the earlier period')
    .requiredOption('--b <YYYY-MM:YYYY-MM>', 'the later period')
    .action(
      action(state, async (o: CommonFlags & { by: string; a: string; b: string }) => {
        const dims = parseDimensions(o.by);
        if (dims.length !== 1) throw cspError('CSP_ERR_USAGE', '--by takes one dimension for change');
        const { statsChange } = await pipelines();
        const rows = await read(o.db, (s) => statsChange(s, dims[0]!, periodOption(o.a, '--a'), periodOption(o.b, '--b'), filterOf(o)));
        print(state, rows, o.json);
      }),
    );

  common(stats.command('rates').description('rates per 1,000 residents (and households where loaded) by area, ranked 1 = highest'))
    .requiredOption('--by <dim>', 'district, locality, ward or lsoa')
    .option('--from <YYYY-MM>', 'first month (default: the first in the store)')
    .option('--to <YYYY-MM>', 'last month (default: the last in the store)')
    .option('--population-year <year>', 'population base year (default: the latest loaded, not after the period)')
    .action(
      action(state, async (o: CommonFlags & { by: string; populationYear?: string }) => {
        const dim = parseRateDimension(o.by);
        const { statsRates } = await pipelines();
        const rows = await read(o.db, (s) => statsRates(s, dim, filterOf(o), numberOption(o.populationYear, '--population-year')));
        print(state, rows, o.json);
      }),
    );

  common(stats.command('hotspots').description('kernel density (BNG grid) or Getis-Ord Gi* hot spots (LSOAs or grid, BH-corrected)'))
    .requiredOption('--method <method>', 'kde or gi')
    .option('--level <level>', 'lsoa or grid (Gi*)', 'lsoa')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--bandwidth <metres>', 'KDE bandwidth (default: normal-reference rule)')
    .option('--cell-size <metres>', 'KDE cell (default 100) or Gi* grid cell (default 250)')
    .option('--geojson <file>', 'also write the result as GeoJSON (WGS84)')
    .action(
      action(state, async (o: CommonFlags & { method: string; level: string; bandwidth?: string; cellSize?: string; geojson?: string }) => {
        if (o.method !== 'kde' && o.method !== 'gi') throw cspError('CSP_ERR_USAGE', `--method must be kde or gi, got "${o.method}"`);
        if (o.level !== 'lsoa' && o.level !== 'grid') throw cspError('CSP_ERR_USAGE', `--level must be lsoa or grid, got "${o.level}"`);
        const { statsHotspots } = await pipelines();
        const r = await read(o.db, (s) =>
          statsHotspots(s, filterOf(o), {
            method: o.method as 'kde' | 'gi',
            level: o.level as 'lsoa' | 'grid',
            bandwidth: numberOption(o.bandwidth, '--bandwidth'),
            cellSize: numberOption(o.cellSize, '--cell-size'),
          }),
        );
        if (o.geojson && r.geojson) writeFileSync(o.geojson, JSON.stringify(r.geojson));
        print(state, r.json, o.json);
      }),
    );

  common(stats.command('concentration').description("share of incidents in the top 5% and 10% of a district's LSOAs, each locality and named places"))
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--place <name=LSOA,LSOA>', 'a named place as a list of LSOA codes (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--place-geojson <file>', 'a named place as GeoJSON polygon(s) with a "name" property')
    .action(
      action(state, async (o: CommonFlags & { place: string[]; placeGeojson?: string }) => {
        if (!o.district) throw cspError('CSP_ERR_USAGE', 'concentration needs --district NAME');
        const places = o.place.map((p) => {
          const [name, list] = p.split('=');
          if (!name || !list) throw cspError('CSP_ERR_USAGE', `--place must be NAME=LSOA,LSOA, got "${p}"`);
          return { name, lsoas: list.split(',').map((c) => c.trim()) };
        });
        const { statsConcentration } = await pipelines();
        const r = await read(o.db, (s) => statsConcentration(s, { ...filterOf(o), district: o.district! }, places, o.placeGeojson));
        printJson(state.io, r);
      }),
    );

  common(stats.command('harm').description('harm-weighted counts by category and year (category-level weights, an approximation)'))
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--config <file>', 'area configuration, for its harmWeights')
    .action(
      action(state, async (o: CommonFlags & { config?: string }) => {
        const [{ statsHarm }, { loadAreaConfig }] = await Promise.all([pipelines(), import('../../config/area-config.ts')]);
        const weights = o.config ? loadAreaConfig(o.config, '').config.harmWeights : undefined;
        const r = await read(o.db, (s) => statsHarm(s, filterOf(o), weights));
        printJson(state.io, r);
      }),
    );
}
