/**
 * Result types of the area analyses (peers, concentration, hotspots, harm), beside the analyses that
 * produce them; the assessment composes them as `assessment.analysis`. Every figure states its unit.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ChangeResult, PeriodRange } from './change-types.ts';

/** Which incidents a figure counts: a label and the categories (empty = every category but ASB). */
export interface Measure {
  /** e.g. "Recorded crime", "Burglary", "Anti-social behaviour". */
  label: string;
  categories: string[];
}

/** A test of whether an area's change differs from a comparator's (ratio of rate ratios). */
export interface DifferenceInChange {
  comparator: string;
  /** Comparator's counts in the earlier and later periods. */
  comparatorBefore: number;
  comparatorAfter: number;
  /** Area's rate ratio / comparator's rate ratio; null when undefined. */
  ratioOfRatios: number | null;
  ciLow: number;
  ciHigh: number | null;
  /** Two-sided p-value, allowing for the overdispersion of both series. */
  pValue: number;
  /** The same test assuming Poisson counts. */
  pValuePoisson?: number;
  /** Dispersions of the area's and the comparator's monthly series (null when not estimated). */
  dispersionArea?: number | null;
  dispersionComparator?: number | null;
  /** True when the difference is not significant: "in line with" the comparator. */
  inLine: boolean;
  /** The area's change against the comparator's: 'similar' when the interval of the ratio of rate ratios contains 1, else 'more' (a higher ratio) or 'less'. */
  comparison?: 'similar' | 'more' | 'less';
  /** Which way the area's own count went (its rate ratio above, below or at 1); null when undefined. Words: src/render/words/peers.ts. */
  areaDirection: 'rose' | 'fell' | 'unchanged' | null;
}

export interface PeerRow {
  code: string;
  name: string;
  /** Incidents in the rate window. */
  count: number | null;
  /** Residents in the population year. */
  population: number | null;
  /** Incidents per 1,000 residents in the rate window; null without count or population. */
  ratePer1000: number | null;
  /** Exact Poisson 95% interval of the rate, per 1,000 residents. */
  rateCiLow: number | null;
  rateCiHigh: number | null;
  /** Households where configured, and incidents per 1,000 households (burglary). */
  households: number | null;
  ratePer1000Households: number | null;
  /** 1 = highest rate among the rows with a rate. */
  rank: number | null;
  /** Baseline period against rate window: quasi-Poisson test (exact Poisson p beside it), BH-adjusted across the table. */
  change: ChangeResult | null;
  /**
   * The district's rate against the force area's (all districts with a rate pooled): 'similar' when the
   * rate's 95% interval contains it, else 'higher' or 'lower'; null without a rate.
   */
  versusForceAreaRate?: 'similar' | 'higher' | 'lower' | null;
  isArea: boolean;
}

export interface PeerGroup {
  /** 'force-area' (districts of the force area), 'statistical-neighbours' or 'national'. */
  kind: 'force-area' | 'statistical-neighbours' | 'national';
  title: string;
  rows: PeerRow[];
  /** The area's rank and how many rows have a rate. */
  areaRank: number | null;
  of: number;
  /** Codes configured whose figures are not loaded. */
  missing: string[];
}

/** One row of the partnership's England and Wales comparators extract (dataset `national-comparators`). */
export interface NationalComparatorRow {
  measure: string;
  /** "YYYY-MM to YYYY-MM" or a calendar year "YYYY". */
  period: string;
  areaCode: string;
  areaName: string;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
}

/** The area's rate against England and Wales over the same window (src/analysis/national.ts). */
export interface NationalComparison {
  areaCode: string;
  areaName: string;
  /** National rate per 1,000 residents in the rate window. */
  ratePer1000: number;
  /** 'similar' when the area's 95% interval contains the national rate, else 'higher' or 'lower'; null without an area rate. */
  areaVersusNational: 'similar' | 'higher' | 'lower' | null;
  /** National rate in the baseline and its change to the window; null when the extract has no baseline row. */
  baselineRatePer1000: number | null;
  changePct: number | null;
}

export interface PeersSection {
  measure: Measure;
  /** Rates are for this window; the change compares `baseline` with it. */
  window: PeriodRange;
  baseline: PeriodRange;
  populationYear: number | null;
  groups: PeerGroup[];
  /** The area's change against the rest of the force area (sum of the other districts). */
  versusForceArea: DifferenceInChange | null;
  /** Why there is no England and Wales comparison: no comparators loaded, or none for this measure over the window; null when there is one. */
  nationalGap: 'not-loaded' | 'no-row' | null;
  /** The area against England and Wales, when the comparators extract has the measure over the window. */
  national?: NationalComparison | null;
  /**
   * Anti-social behaviour against the force area's districts (rate, rank, tested change, change against
   * the rest of the force area) and England and Wales where the comparators have it, when the assessment's
   * measure is crime and ASB is loaded; null otherwise. No statistical-neighbour group.
   */
  asb?: Omit<PeersSection, 'asb'> | null;
  /** How the force area's districts were chosen: a configured list, a property of the district layer, or where the force's incidents fall (each district with at least 0.5%). */
  forceAreaBasis?: 'list' | 'property' | 'incidents';
  /** Analysis figures not computed for lack of data: peers (a district compared lacks data in the window or baseline), and yearly windows of hotspot persistence and harm with a gap. */
  notComputed?: import('./coverage.ts').NotComputed[];
}

export interface ConcentrationBlock {
  measure: Measure;
  period: PeriodRange;
  /** LSOAs in the area (zeros included). */
  lsoas: number;
  /** Incidents located to an LSOA of the area. */
  total: number;
  /** Share (0-1) of incidents in the top 5% and 10% of LSOAs, and how many LSOAs that is. */
  top: { fraction: number; lsoas: number; count: number; share: number | null; codes: string[] }[];
  /** Gini coefficient across LSOAs, 0-1. */
  gini: number | null;
  /** Share (0-1) of located incidents in each locality, with residents' share (0-1) for comparison. */
  localities: { name: string; count: number; share: number | null; populationShare: number | null }[];
  /** Configured places (e.g. a town centre as LSOAs). */
  places: { name: string; lsoas: number; count: number; share: number | null; areaShare: number }[];
}

export interface KdeLayer {
  measure: Measure;
  period: PeriodRange;
  /** Grid origin (south-west corner) in BNG metres (EPSG:27700). */
  x0: number;
  y0: number;
  /** Cell size, metres. */
  cellSize: number;
  width: number;
  height: number;
  /** Gaussian kernel standard deviation, metres. */
  bandwidth: number;
  /** 'minimum': the points had too little spread for the normal-reference rule, so two cells were used. */
  bandwidthRule: 'given' | 'normal-reference' | 'minimum';
  /** Incidents per km² at each cell centre, row-major from the south-west, rounded to 2 dp. */
  values: number[];
  points: number;
  /** The highest local peaks, incidents per km², with their WGS84 position and locality. */
  peaks: { lon: number; lat: number; density: number; locality: string | null }[];
}

export interface GiRow {
  lsoa: string;
  name: string | null;
  locality: string | null;
  /** Incidents in the LSOA over the period. */
  count: number;
  z: number;
  pValue: number;
  /** Benjamini-Hochberg adjusted p-value. */
  pAdjusted: number;
  class: 'hot' | 'cold' | 'none';
  /** Across the yearly windows: persistent, emerging, intermittent or none. */
  persistence: 'persistent' | 'emerging' | 'intermittent' | 'none';
  hotYears: number;
}

export interface GridGiSummary {
  /** Cell size, metres. */
  cellSize: number;
  cells: number;
  hot: number;
  cold: number;
  /** Hot cells, highest z first (at most 20): BNG centre, metres. */
  hotCells: { id: string; easting: number; northing: number; count: number; z: number; pAdjusted: number }[];
}

export interface HotspotsSection {
  measure: Measure;
  period: PeriodRange;
  /** KDE surfaces: one for the measure, and one for ASB where ASB is loaded. */
  kde: KdeLayer[];
  /** Gi* on the area's LSOAs, queen contiguity, BH correction at `alpha`. */
  gi: GiRow[];
  alpha: number;
  /** The yearly windows persistence was assessed over. */
  years: PeriodRange[];
  grid: GridGiSummary | null;
  /** LSOA Gi* classes as GeoJSON (WGS84), for maps and export. */
  giMap: FeatureCollection<Polygon | MultiPolygon, { lsoa: string; class: string; z: number; count: number }>;
}

export interface HarmSection {
  /** Label saying what the weights are and that they are a category-level approximation. */
  label: string;
  source: string;
  /** Weight per category (approximate average sentence days per offence, ONS CSS style). */
  weights: Record<string, number>;
  /** Counts and harm by category over the whole period, harm descending. */
  categories: { category: string; count: number; weight: number | null; harm: number; harmShare: number }[];
  /** Yearly windows with counts and harm (weight × count). */
  byYear: { period: PeriodRange; count: number; harm: number }[];
  /** Percent change in harm, latest window against the one before; not a significance test. */
  harmChangePct: number | null;
  countChangePct: number | null;
  /** Categories with no weight (counted, harm 0). */
  unweighted: string[];
}
