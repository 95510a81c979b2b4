import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { dirname, resolve } from 'node:path';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { DEFAULT_PRIORITIES, loadPrioritiesConfig } from '../config/priorities-config.ts';
import { buildPriorities } from './sections/priorities.ts';
import { buildChanges } from './sections/changes.ts';
import { loadNarrative } from './narrative.ts';
import { cspError } from '../errors.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import { completeYears, forceCoverage, gapIn, latestCompleteWindow, trimToData, type NotComputed } from '../analysis/coverage.ts';
import { fullYears, monthsInRange } from '../analysis/months.ts';
import { latestAndYearBefore, periodRange, yearPeriod } from '../analysis/period-change.ts';
import {
  queryAreaCounts,
  queryDataProvenance,
  queryDistrictPopulation,
  queryForceMonthRows,
  queryLocalityBoundaries,
  queryMonthsWithData,
  queryPopulation,
  queryUnlocated,
  type AreaCountRow,
} from '../store/queries/area-counts.ts';
import { queryLsoaProfiles } from '../store/queries/locality-profile.ts';
import { queryWorkshopIssues } from '../store/queries/workshops.ts';
import { queryLsoaVintages, queryResuppliedMonths } from '../store/queries/data-quality.ts';
import type { Store } from '../store/store.ts';
import { summariseWorkshops } from '../analysis/workshops.ts';
import { buildLocalityReports } from './sections/locality-reports.ts';
import { type Assessment, type LocalityFeatureProperties, type PeriodRange, type PlaceConcentration, SCHEMA_VERSION } from './model.ts';
import { buildAnalysis } from './build-analysis.ts';
import { buildThemes } from './build-themes.ts';
import { buildFindings } from './sections/findings.ts';
import { buildSpaceTime } from './sections/space-time.ts';
import { buildCategories, buildLocalities, buildMeasure, buildMonthly, buildOverview, changePeriods, type PoliceOverviewInput } from './sections/police-overview.ts';

export interface BuildOptions {
  /** When the assessment is built, ISO 8601; passed in so output is reproducible. */
  asOf: string;
  /**
   * The previous assessment's model (`assess --previous`): the changes section compares with it and
   * the space-time section scores its forecasts; absent for a first assessment.
   */
  previous?: Assessment | null;
}

const ATTRIBUTION = [
  'Contains public sector information licensed under the Open Government Licence v3.0.',
  'Contains National Statistics and OS data © Crown copyright and database right.',
];

function buildPlaces(rows: readonly AreaCountRow[], cfg: LoadedAreaConfig, lsoaPopulation: ReadonlyMap<string, number>, total: number): PlaceConcentration[] {
  const located = (asb: boolean) => rows.filter((r) => r.lsoa !== null && (r.category === ASB_CATEGORY) === asb).reduce((s, r) => s + r.count, 0);
  const crimeLocated = located(false);
  const asbLocated = located(true);
  return cfg.config.geography.places.map((p) => {
    const set = new Set(p.lsoas);
    const inPlace = rows.filter((r) => r.lsoa !== null && set.has(r.lsoa));
    const crime = inPlace.filter((r) => r.category !== ASB_CATEGORY).reduce((s, r) => s + r.count, 0);
    const asb = inPlace.filter((r) => r.category === ASB_CATEGORY).reduce((s, r) => s + r.count, 0);
    const residents = p.lsoas.reduce((s, c) => s + (lsoaPopulation.get(c) ?? 0), 0);
    return {
      name: p.name,
      lsoas: [...p.lsoas],
      crime,
      asb,
      crimeShare: crimeLocated ? crime / crimeLocated : 0,
      asbShare: asbLocated ? asb / asbLocated : 0,
      populationShare: total ? residents / total : 0,
    };
  });
}

/**
 * Builds the assessment model for the configured area from the store: police overview, categories,
 * monthly series, localities, places and headline findings. Geography must be loaded.
 */
/**
 * The assessed period and what the data cover: the configured period trimmed to the first and last
 * months with data for the area's force, the rate window (the latest 12 consecutive months with
 * data), and the figures that cannot be computed because a period they need has a gap.
 */
export async function assessedCoverage(store: Store, cfg: LoadedAreaConfig): Promise<{ from: string; to: string; rateWindow: PeriodRange; coverage: Assessment['coverage'] }> {
  const c = cfg.config;
  const configured = { from: c.periods.from, to: c.periods.to };
  const byForce = forceCoverage(await queryForceMonthRows(store, configured.from, configured.to), configured.from, configured.to);
  const own = byForce.find((f) => f.force === c.area.force);
  const withData = new Set(own?.months.map((m) => m.month) ?? []);
  const trimmed = trimToData(configured.from, configured.to, withData);
  if (!trimmed) throw cspError('CSP_ERR_STORE_EMPTY', `no police incidents for ${c.area.name} between ${configured.from} and ${configured.to}: run \`csp-assess ingest police\` first`);
  const rateWindow = latestCompleteWindow(trimmed.from, trimmed.to, 12, withData);
  if (!rateWindow) {
    throw cspError('CSP_ERR_COVERAGE', `${c.area.force} has no 12 consecutive months with data between ${configured.from} and ${configured.to} (months with data: ${withData.size}): rates and changes need a full year`);
  }
  const notComputed: NotComputed[] = [];
  const periods = changePeriods(trimmed.from, trimmed.to, withData);
  const years = fullYears(trimmed.from, trimmed.to);
  if (!periods.year && years.length >= 2) {
    const gap = gapIn('change between the first and last full years', years.map(yearPeriod), byForce, [c.area.force]);
    if (gap) notComputed.push(gap);
  }
  const recent = latestAndYearBefore(trimmed.to, 6);
  if (!periods.recent && recent.before.from >= trimmed.from) {
    const gap = gapIn('latest six months against a year before', [recent.before, recent.after], byForce, [c.area.force]);
    if (gap) notComputed.push(gap);
  }
  const allMonths = monthsInRange(configured.from, configured.to);
  return {
    ...trimmed,
    rateWindow,
    coverage: { expectedMonths: allMonths.length, missingMonths: allMonths.filter((m) => !withData.has(m)), configured, byForce, notComputed },
  };
}

export async function buildAssessment(store: Store, cfg: LoadedAreaConfig, options: BuildOptions): Promise<Assessment> {
  const c = cfg.config;
  const assessed = await assessedCoverage(store, cfg);
  const { from, to } = assessed;
  const popSource = c.geography.population[0]!;
  const [rows, monthsWithData, unlocated, localityPop, districtPop, boundaries, provenance, lsoaPop] = await Promise.all([
    queryAreaCounts(store, c.area.code, from, to),
    queryMonthsWithData(store, c.area.force, from, to),
    queryUnlocated(store, c.area.force, from, to),
    queryPopulation(store, c.area.code, popSource.year),
    queryDistrictPopulation(store, c.area.code, popSource.year),
    queryLocalityBoundaries(store),
    queryDataProvenance(store),
    store.all<{ code: string; population: number }>(`SELECT code, population FROM population WHERE year = $1 AND level = 'lsoa'`, [popSource.year]),
  ]);
  const geo = await store.one<{ lsoas: number; boundaries: number }>(
    `SELECT (SELECT count(*) FROM lsoa_geo WHERE district_code = $1) AS lsoas, (SELECT count(*) FROM boundaries WHERE level = 'lsoa') AS boundaries`,
    [c.area.code],
  );
  if (!geo || Number(geo.lsoas) === 0) throw cspError('CSP_ERR_STORE_EMPTY', `no LSOAs of ${c.area.code} in the store's lookups: run \`csp-assess ingest geography --config ...\` first`);
  // Without locality boundaries the localities still come from the ward -> locality table through the lookups.
  const localityNames = boundaries.length
    ? boundaries.map((b) => b.name)
    : (await store.all<{ name: string }>(`SELECT DISTINCT locality AS name FROM lsoa_geo WHERE district_code = $1 AND locality IS NOT NULL ORDER BY 1`, [c.area.code])).map((r) => r.name);
  if (rows.length === 0) throw cspError('CSP_ERR_STORE_EMPTY', `no police incidents for ${c.area.name} between ${from} and ${to}: run \`csp-assess ingest police\` first`);

  const population = districtPop ?? localityPop.reduce((s, r) => s + r.population, 0);
  const localityPopulation = new Map(localityPop.filter((r) => r.locality !== null).map((r) => [r.locality!, r.population]));
  const input: PoliceOverviewInput = {
    rows,
    from,
    to,
    monthsWithData,
    population,
    localityPopulation,
    localityNames,
    unlocated,
    significance: c.thresholds.significance,
    rateWindow: assessed.rateWindow,
  };
  const localities = buildLocalities(input);
  const byName = new Map(localities.map((l) => [l.name, l]));
  const localityMap: FeatureCollection<Polygon | MultiPolygon, LocalityFeatureProperties> = {
    type: 'FeatureCollection',
    features: boundaries.map((b) => {
      const l = byName.get(b.name)!;
      return {
        type: 'Feature',
        properties: { name: b.name, crime: l.crime, asb: l.asb, crimeRatePer1000: l.crimeRatePer1000, asbRatePer1000: l.asbRatePer1000 },
        geometry: JSON.parse(b.geometry) as MultiPolygon,
      };
    }),
  };
  // Every loaded partnership dataset is named with what it holds, whether or not an issue used it: nothing loaded disappears silently.
  const partnerLoads = await store.all<{ kind: string; rows: number; files: number; synthetic: boolean }>(
    `SELECT kind, sum(rows)::BIGINT AS rows, count(*) AS files, bool_or(synthetic) AS synthetic FROM loads WHERE source = 'partner' GROUP BY kind ORDER BY kind`,
  );
  const synthetic = provenance.synthetic > 0;
  const mixed = synthetic && provenance.real > 0;
  const partial: Omit<Assessment, 'findings'> = {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: options.asOf,
    title: `${c.area.partnership}: Community Safety Strategic Assessment`,
    area: { ...c.area },
    data: {
      synthetic,
      label: mixed
        ? 'Synthetic demonstration data mixed with real data: figures describe no real area'
        : synthetic
          ? 'Synthetic demonstration data: not real crimes, people or places'
          : 'Police recorded crime and ASB from data.police.uk open data',
      sources: [
        `data.police.uk street-level crime and ASB, ${c.area.force}${synthetic ? ' (synthetic, in the same format)' : ''}: ${assessed.coverage.expectedMonths - assessed.coverage.missingMonths.length} of ${assessed.coverage.expectedMonths} months with data`,
        `Population: ${popSource.file} (${popSource.year})`,
        'Boundaries and lookups: ONS Open Geography',
        ...partnerLoads.map((l) => `Partnership extract ${l.kind}: ${Number(l.rows).toLocaleString('en-GB')} rows from ${Number(l.files)} file${Number(l.files) === 1 ? '' : 's'}${l.synthetic ? ' (synthetic)' : ''}`),
      ],
      attribution: ATTRIBUTION,
    },
    period: { ...periodRange(from, to), fullYears: fullYears(from, to) },
    measure: buildMeasure(rows),
    coverage: assessed.coverage,
    geometry: { lsoaBoundaries: Number(geo.boundaries), mapsOmitted: Number(geo.boundaries) === 0 },
    population: { total: population, year: popSource.year, source: popSource.file },
    overview: buildOverview(input),
    categories: buildCategories(input),
    monthly: buildMonthly(input),
    localities,
    places: buildPlaces(rows, cfg, new Map(lsoaPop.map((r) => [r.code, r.population])), population),
    localityMap,
  };
  const [lsoaProfiles, workshopRows, lsoaVintages, resuppliedMonths] = await Promise.all([
    queryLsoaProfiles(store, c.area.code, popSource.year),
    queryWorkshopIssues(store),
    queryLsoaVintages(store, c.area.code, from, to),
    queryResuppliedMonths(store),
  ]);
  const workshops = summariseWorkshops(workshopRows);
  const years = completeYears(fullYears(from, to), new Set(monthsWithData));
  const themes = await buildThemes(store, c, { asOf: options.asOf, significance: c.thresholds.significance, events: c.events, years, period: { from, to }, monthsWithData });
  const analysis = await buildAnalysis(store, cfg, { asOf: options.asOf, period: { from, to }, rateWindow: assessed.rateWindow, coverage: assessed.coverage.byForce ?? [] });
  partial.coverage.notComputed!.push(...(analysis.peers?.notComputed ?? []));
  const spaceTime = await buildSpaceTime(store, cfg, { previous: options.previous ?? null, period: { from, to } });
  const document = { protectiveMarking: c.report.protectiveMarking, suppressBelow: c.thresholds.suppressBelow, significance: c.thresholds.significance };
  const localityReports = buildLocalityReports({
    rows,
    lsoas: lsoaProfiles,
    localityNames: localities.map((l) => l.name),
    from,
    to,
    monthsWithData,
    significance: c.thresholds.significance,
    gi: analysis.hotspots?.gi ?? [],
    workshops: workshops?.byLocality ?? [],
  });
  const prioritiesFile = c.report.priorities ? resolve(dirname(cfg.file), c.report.priorities) : null;
  const priorities = buildPriorities({
    themes,
    workshops,
    coverage: partial.coverage,
    harmWeights: c.harmWeights,
    config: prioritiesFile ? loadPrioritiesConfig(prioritiesFile) : DEFAULT_PRIORITIES,
  });
  const built: Assessment = { ...partial, findings: buildFindings({ ...partial, analysis, spaceTime }, themes), themes, analysis, spaceTime, document, localityReports, priorities, workshops, dataQuality: { lsoaVintages, resuppliedMonths } };
  if (options.previous) built.changes = buildChanges(built, options.previous, c.thresholds.significance);
  if (c.report.narrative) built.narrative = loadNarrative(resolve(dirname(cfg.file), c.report.narrative), built);
  return built;
}
