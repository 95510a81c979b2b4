/**
 * One hand-made, realistic example assessment (a Stockport-like borough, January 2014 to June 2017)
 * for render tests and the preview. The figures are invented but shaped like the reference: crime up
 * about a fifth since 2014, ASB flat (not significant), a fifth of crime in Central, burglary rising
 * in the first half of 2017. Small helpers below derive totals so the figures agree with each other;
 * their change tests use the normal approximation and stand in for the real exact test.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { buildFindings } from '../../assessment/sections/findings.ts';
import type { IssueSection } from '../../assessment/themes-model.ts';
import type { Assessment, CategorySummary, ChangeResult, LocalityFeatureProperties, LocalityRow, MonthPoint, PeriodRange } from '../../assessment/model.ts';

const YEARS = [2014, 2015, 2016, 2017] as const;
const MONTHS_IN_YEAR = [12, 12, 12, 6] as const;

/** Counts by year 2014, 2015, 2016, 2017 (January to June). */
const CATEGORY_COUNTS: [string, [number, number, number, number]][] = [
  ['Violence and sexual offences', [4310, 5020, 5890, 3120]],
  ['Other theft', [2350, 2460, 2610, 1290]],
  ['Criminal damage and arson', [2290, 2380, 2520, 1270]],
  ['Burglary', [1820, 1760, 1850, 1150]],
  ['Shoplifting', [1540, 1620, 1700, 860]],
  ['Vehicle crime', [1360, 1410, 1530, 820]],
  ['Public order', [640, 980, 1390, 760]],
  ['Drugs', [690, 610, 560, 270]],
  ['Bicycle theft', [330, 320, 350, 180]],
  ['Other crime', [240, 280, 330, 170]],
  ['Theft from the person', [160, 170, 175, 90]],
  ['Robbery', [150, 165, 190, 105]],
  ['Possession of weapons', [95, 110, 120, 62]],
  ['Anti-social behaviour', [10150, 10480, 10290, 4800]],
];

const ASB = 'Anti-social behaviour';
const period = (from: string, to: string, months: number): PeriodRange => ({ from, to, months });
const year = (y: number): PeriodRange => period(`${y}-01`, `${y}-12`, 12);
const H1_2016 = period('2016-01', '2016-06', 6);
const H1_2017 = period('2017-01', '2017-06', 6);

/** Two-sided normal tail, Abramowitz-Stegun 7.1.26 erfc: enough for a fixture. */
function twoSidedP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return Math.min(1, erfc);
}

const round = (v: number, dp: number): number => Math.round(v * 10 ** dp) / 10 ** dp;

/** A change test on the log rate ratio (stand-in for the exact conditional test). */
export function exampleChange(before: number, after: number, beforePeriod: PeriodRange, afterPeriod: PeriodRange): ChangeResult {
  const rr = before > 0 && after > 0 ? after / afterPeriod.months / (before / beforePeriod.months) : null;
  const se = rr === null ? null : Math.sqrt(1 / before + 1 / after);
  const pValue = rr === null || se === null ? 1 : round(twoSidedP(Math.log(rr) / se), 6);
  return {
    before,
    after,
    beforePeriod,
    afterPeriod,
    changePct: rr === null ? null : round((rr - 1) * 100, 2),
    rateRatio: rr === null ? null : round(rr, 4),
    ciLow: rr === null || se === null ? null : round(Math.exp(Math.log(rr) - 1.96 * se), 4),
    ciHigh: rr === null || se === null ? null : round(Math.exp(Math.log(rr) + 1.96 * se), 4),
    pValue,
    significant: pValue < 0.05,
  };
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const crimeRows = CATEGORY_COUNTS.filter(([c]) => c !== ASB);
const crimeByYear = YEARS.map((_, i) => sum(crimeRows.map(([, v]) => v[i] ?? 0)));
const asbByYear = CATEGORY_COUNTS.find(([c]) => c === ASB)?.[1] ?? [0, 0, 0, 0];

/** Monthly seasonality (crime peaks in summer; ASB more so). Index 0 is January. */
const CRIME_SEASON = [0.92, 0.86, 0.97, 0.98, 1.04, 1.05, 1.1, 1.06, 1.0, 1.03, 0.99, 1.0];
const ASB_SEASON = [0.78, 0.76, 0.9, 1.02, 1.12, 1.15, 1.22, 1.18, 1.0, 1.08, 0.92, 0.87];

/** Spreads a yearly total over its months by season, the last month taking the rounding remainder. */
function spread(total: number, months: number, season: number[]): number[] {
  const weights = season.slice(0, months);
  const w = sum(weights);
  const out = weights.map((s) => Math.round((total * s) / w));
  out[months - 1] = (out[months - 1] ?? 0) + total - sum(out);
  return out;
}

function buildMonthly(): MonthPoint[] {
  const out: MonthPoint[] = [];
  YEARS.forEach((y, i) => {
    const n = MONTHS_IN_YEAR[i] ?? 12;
    const crime = spread(crimeByYear[i] ?? 0, n, CRIME_SEASON);
    const asb = spread(asbByYear[i] ?? 0, n, ASB_SEASON);
    for (let m = 0; m < n; m++) out.push({ month: `${y}-${String(m + 1).padStart(2, '0')}`, crime: crime[m] ?? 0, asb: asb[m] ?? 0 });
  });
  // Two months a c-chart would flag: a summer spike and a quiet February.
  const flag = (month: string, crimeFlag: 'high' | 'low', delta: number): void => {
    const p = out.find((x) => x.month === month);
    if (!p) return;
    p.crimeFlag = crimeFlag;
    p.crime += delta;
    const next = out.find((x) => x.month === (month.endsWith('-07') ? month.replace('-07', '-08') : month.replace('-02', '-03')));
    if (next) next.crime -= delta; // keep the yearly totals
  };
  flag('2016-07', 'high', 190);
  flag('2015-02', 'low', -150);
  const asbHigh = out.find((x) => x.month === '2016-06');
  if (asbHigh) asbHigh.asbFlag = 'high';
  return out;
}

const monthly = buildMonthly();
const monthSum = (from: string, to: string, key: 'crime' | 'asb'): number => sum(monthly.filter((m) => m.month >= from && m.month <= to).map((m) => m[key]));

function buildCategories(): CategorySummary[] {
  const totalCrime = sum(crimeByYear);
  return CATEGORY_COUNTS.map(([category, v]) => {
    const isAsb = category === ASB;
    const total = sum(v);
    // Half-year comparison: assume 48% of 2016 fell in January to June (burglary less, so it rises).
    const h1Share = category === 'Burglary' ? 0.44 : 0.48;
    const h1Before = Math.round(v[2] * h1Share);
    return {
      category,
      isAsb,
      total,
      byYear: YEARS.map((y, i) => ({ year: y, months: MONTHS_IN_YEAR[i] ?? 12, count: v[i] ?? 0 })),
      share: isAsb ? 1 : round(total / totalCrime, 4),
      change: exampleChange(v[0], v[2], year(2014), year(2016)),
      recentChange: exampleChange(h1Before, v[3], H1_2016, H1_2017),
    };
  });
}

/** Locality name, population, share of located crime, share of located ASB, top category. */
const LOCALITIES: [string, number, number, number, string][] = [
  ['Heatons', 31000, 0.085, 0.08, 'Violence and sexual offences'],
  ['Reddish', 28500, 0.105, 0.13, 'Violence and sexual offences'],
  ['Werneth', 30500, 0.11, 0.12, 'Violence and sexual offences'],
  ['Cheadle', 33000, 0.095, 0.09, 'Other theft'],
  ['Central', 36000, 0.215, 0.2, 'Shoplifting'],
  ['Marple', 30500, 0.075, 0.07, 'Violence and sexual offences'],
  ['Bramhall', 36200, 0.09, 0.07, 'Burglary'],
  ['Edgeley', 27000, 0.12, 0.13, 'Violence and sexual offences'],
  ['Hazel Grove', 36000, 0.105, 0.11, 'Violence and sexual offences'],
];

const CRIME_TOTAL = sum(crimeByYear);
const ASB_TOTAL = sum(asbByYear);
const UNKNOWN_LOCATION = 1104;
const NO_LOCALITY = 38;
const RATE_WINDOW = period('2016-07', '2017-06', 12);
const POPULATION = sum(LOCALITIES.map((l) => l[1]));

function buildLocalities(): LocalityRow[] {
  const locatedCrime = CRIME_TOTAL - UNKNOWN_LOCATION - NO_LOCALITY;
  const lastYearCrime = monthSum(RATE_WINDOW.from, RATE_WINDOW.to, 'crime');
  const lastYearAsb = monthSum(RATE_WINDOW.from, RATE_WINDOW.to, 'asb');
  return LOCALITIES.map(([name, population, crimeShare, asbShare, topCategory], i) => {
    const trend = 1 + ((i % 3) - 1) * 0.04; // localities drift a little from the borough trend
    return {
      name,
      crime: Math.round(locatedCrime * crimeShare),
      asb: Math.round(ASB_TOTAL * asbShare),
      crimeShare,
      asbShare,
      population,
      crimeRatePer1000: round(((lastYearCrime * crimeShare) / population) * 1000, 1),
      asbRatePer1000: round(((lastYearAsb * asbShare) / population) * 1000, 1),
      topCategory,
      change: exampleChange(Math.round((crimeByYear[0] ?? 0) * crimeShare), Math.round((crimeByYear[2] ?? 0) * crimeShare * trend), year(2014), year(2016)),
    };
  });
}

/**
 * Boundaries: a 3 x 3 grid of quadrilaterals whose shared inner corners are nudged so the shapes
 * look drawn rather than ruled. Rings run anticlockwise as RFC 7946 asks (d3 needs the reverse; the
 * map rewinds them, which this fixture exercises).
 */
function buildMap(rows: LocalityRow[]): Assessment['localityMap'] {
  const lon = [-2.265, -2.18, -2.09, -2.005];
  const lat = [53.455, 53.415, 53.375, 53.335];
  const nudge: Record<string, [number, number]> = { '1,1': [0.012, 0.006], '1,2': [-0.01, 0.004], '2,1': [0.006, -0.007], '2,2': [-0.008, -0.005] };
  const corner = (r: number, c: number): Position => {
    const [dx, dy] = nudge[`${r},${c}`] ?? [0, 0];
    return [round((lon[c] ?? 0) + dx, 5), round((lat[r] ?? 0) + dy, 5)];
  };
  const features: Feature<Polygon | MultiPolygon, LocalityFeatureProperties>[] = rows.map((l, i) => {
    const r = Math.floor(i / 3);
    const c = i % 3;
    const ring = [corner(r, c), corner(r + 1, c), corner(r + 1, c + 1), corner(r, c + 1), corner(r, c)];
    return {
      type: 'Feature',
      properties: { name: l.name, crime: l.crime, asb: l.asb, crimeRatePer1000: l.crimeRatePer1000, asbRatePer1000: l.asbRatePer1000 },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** A scope issue with no figures of its own (the police figures live in the overview sections). */
function issue(id: string, title: string, restricted: boolean, hasData: boolean): IssueSection {
  const categories = id === 'crime' ? ['all recorded crime'] : id === 'asb' ? [ASB] : [];
  return { id, title, restricted, hasData, datasets: [], categories, synthetic: hasData, detail: null };
}

const categories = buildCategories();
const localities = buildLocalities();
const crimeChange = exampleChange(crimeByYear[0] ?? 0, crimeByYear[2] ?? 0, year(2014), year(2016));
const asbChange = exampleChange(asbByYear[0], asbByYear[2], year(2014), year(2016));

const exampleWithoutFindings: Omit<Assessment, 'findings'> = {
  schemaVersion: 1,
  generatedAt: '2017-09-01T09:00:00.000Z',
  title: 'Community Safety Strategic Assessment 2016-17',
  area: { name: 'Stockport', code: 'E08000007', partnership: 'Safer Stockport Partnership', force: 'greater-manchester', forceAreaName: 'Greater Manchester' },
  data: {
    synthetic: true,
    label: 'Synthetic demonstration data — not real crimes or people',
    sources: ['Police recorded crime and anti-social behaviour: data.police.uk street-level files (synthetic stand-in)', 'Population: ONS mid-year estimates 2016'],
    attribution: ['Contains public sector information licensed under the Open Government Licence v3.0.', 'Contains National Statistics and OS data © Crown copyright and database right.'],
  },
  period: { ...period('2014-01', '2017-06', 42), fullYears: [2014, 2015, 2016] },
  measure: { label: 'Recorded crime', lower: 'recorded crime', countNoun: 'recorded crimes', includesAsb: true },
  coverage: { expectedMonths: 42, missingMonths: [] },
  population: { total: POPULATION, year: 2016, source: 'ONS mid-year population estimates (LSOA), 2016' },
  overview: {
    crime: CRIME_TOTAL,
    asb: ASB_TOTAL,
    unknownLocation: UNKNOWN_LOCATION,
    noLocality: NO_LOCALITY,
    crimeRatePer1000: round((monthSum(RATE_WINDOW.from, RATE_WINDOW.to, 'crime') / POPULATION) * 1000, 1),
    asbRatePer1000: round((monthSum(RATE_WINDOW.from, RATE_WINDOW.to, 'asb') / POPULATION) * 1000, 1),
    rateWindow: RATE_WINDOW,
    byYear: YEARS.map((y, i) => ({ year: y, months: MONTHS_IN_YEAR[i] ?? 12, crime: crimeByYear[i] ?? 0, asb: asbByYear[i] ?? 0 })),
    crimeChange,
    asbChange,
  },
  categories,
  monthly,
  localities,
  places: [{ name: 'Stockport Town Centre', lsoas: ['E01005876', 'E01005880'], crime: 2310, asb: 1380, crimeShare: 0.11, asbShare: 0.09, populationShare: 0.02 }],
  localityMap: buildMap(localities),
  themes: [
    {
      id: 'vulnerable-people',
      title: 'Protecting vulnerable people',
      issues: [
        issue('missing', 'Missing from home or care', false, false),
        issue('domestic-abuse', 'Domestic abuse', false, false),
        issue('cse', 'Child sexual exploitation (CSE)', true, false),
        issue('drugs-alcohol', 'Drugs and alcohol', false, false),
        issue('hate', 'Hate crime', false, false),
      ],
    },
    {
      id: 'public-safety',
      title: 'Public safety and protection',
      issues: [
        issue('crime', 'Crime', false, true),
        issue('asb', 'Anti-social behaviour', false, true),
        issue('fires', 'Fires', false, false),
      ],
    },
    { id: 'justice', title: 'Transforming justice', issues: [issue('reoffending', 'Reoffending (adult and juvenile)', false, false)] },
    { id: 'soc', title: 'Serious and organised crime', issues: [issue('ocg', 'Organised crime groups (OCGs)', true, false)] },
    { id: 'strategic', title: 'Strategic priorities: radicalisation and extremism', issues: [issue('prevent', 'Prevent and Channel referrals', true, false)] },
  ],
};

/** The example with its headline findings, built by the same rules as a real assessment. */
export const exampleAssessment: Assessment = { ...exampleWithoutFindings, findings: buildFindings(exampleWithoutFindings, exampleWithoutFindings.themes) };
