import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { dirname, resolve } from 'node:path';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { DEFAULT_PRIORITIES, loadPrioritiesConfig } from '../config/priorities-config.ts';
import { buildPriorities } from './sections/priorities.ts';
import { buildChanges } from './sections/changes.ts';
import { loadNarrative } from './narrative.ts';
import { cspError } from '../errors.ts';
import { ASB_CATEGORY } from '../sources/police-csv/kinds.ts';
import { fullYears, monthsInRange } from '../analysis/months.ts';
import { periodRange } from '../analysis/period-change.ts';
import {
  queryAreaCounts,
  queryDataProvenance,
  queryDistrictPopulation,
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
import { type Assessment, type LocalityFeatureProperties, type PlaceConcentration, SCHEMA_VERSION } from './model.ts';
import { buildAnalysis } from './build-analysis.ts';
import { buildThemes } from './build-themes.ts';
import { buildFindings } from './sections/findings.ts';
import { buildCategories, buildLocalities, buildMeasure, buildMonthly, buildOverview, type PoliceOverviewInput } from './sections/police-overview.ts';

export interface BuildOptions {
  /** When the assessment is built, ISO 8601; passed in so output is reproducible. */
  asOf: string;
  /**
   * The previous assessment's model (`assess --previous`), for the changes section and any other
   * section that compares with last time; absent for a first assessment.
   */
  previous?: Assessment;
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
export async function buildAssessment(store: Store, cfg: LoadedAreaConfig, options: BuildOptions): Promise<Assessment> {
  const c = cfg.config;
  const { from, to } = c.periods;
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
  if (boundaries.length === 0) throw cspError('CSP_ERR_STORE_EMPTY', 'no geography in the store: run `csp-assess ingest geography --config ...` first');
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
    localityNames: boundaries.map((b) => b.name),
    unlocated,
    significance: c.thresholds.significance,
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
  const synthetic = provenance.synthetic > 0;
  const mixed = synthetic && provenance.real > 0;
  const allMonths = monthsInRange(from, to);
  const withData = new Set(monthsWithData);
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
        `data.police.uk street-level crime and ASB, ${c.area.force}${synthetic ? ' (synthetic, in the same format)' : ''}`,
        `Population: ${popSource.file} (${popSource.year})`,
        'Boundaries and lookups: ONS Open Geography',
      ],
      attribution: ATTRIBUTION,
    },
    period: { ...periodRange(from, to), fullYears: fullYears(from, to) },
    measure: buildMeasure(rows),
    coverage: { expectedMonths: allMonths.length, missingMonths: allMonths.filter((m) => !withData.has(m)) },
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
  const themes = await buildThemes(store, c, { asOf: options.asOf, significance: c.thresholds.significance, events: c.events });
  const analysis = await buildAnalysis(store, cfg, { asOf: options.asOf });
  const document = { protectiveMarking: c.report.protectiveMarking, suppressBelow: c.thresholds.suppressBelow, significance: c.thresholds.significance };
  const localityReports = buildLocalityReports({
    rows,
    lsoas: lsoaProfiles,
    localityNames: localities.map((l) => l.name),
    from,
    to,
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
  const built: Assessment = { ...partial, findings: buildFindings({ ...partial, analysis }, themes), themes, analysis, document, localityReports, priorities, workshops, dataQuality: { lsoaVintages, resuppliedMonths } };
  if (options.previous) built.changes = buildChanges(built, options.previous, c.thresholds.significance);
  if (c.report.narrative) built.narrative = loadNarrative(resolve(dirname(cfg.file), c.report.narrative), built);
  return built;
}
