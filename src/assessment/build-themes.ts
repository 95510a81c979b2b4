/**
 * Builds the theme sections: for every configured issue, the rows its datasets hold for the assessed
 * period are queried from the store and handed to the issue's analysis (src/analysis/themes).
 * Which analysis runs is decided by the first dataset of the issue that has one; issues fed only by
 * police categories get counts by year and a tested change.
 */
import { monthsInRange } from '../analysis/months.ts';
import { monthlySeries } from '../analysis/period-change.ts';
import { estimateDispersion } from '../analysis/stats/dispersion.ts';
import { type DispersionFit, fullYears } from '../analysis/themes/common.ts';
import { cse } from '../analysis/themes/cse.ts';
import { domesticAbuse } from '../analysis/themes/domestic-abuse.ts';
import { drugsAlcohol, type DrugsAlcoholRow } from '../analysis/themes/drugs-alcohol.ts';
import { fires, type FireCount } from '../analysis/themes/fires.ts';
import { hate, type HateEvent } from '../analysis/themes/hate.ts';
import { missingEpisodes, type MissingEpisode } from '../analysis/themes/missing-episodes.ts';
import { ocg, type OcgGroup } from '../analysis/themes/ocg.ts';
import type { PeerCount } from '../analysis/themes/peer-comparison.ts';
import { perception, type PerceptionResult } from '../analysis/themes/perception.ts';
import { policeCategories } from '../analysis/themes/police-categories.ts';
import { prevent, type PreventReferral } from '../analysis/themes/prevent.ts';
import { reoffending, type ReoffendingCohort, type YouthJusticeValue } from '../analysis/themes/reoffending.ts';
import type { AreaConfig } from '../config/area-config.ts';
import { defaultHateEvents, defaultThemes } from '../config/default-themes.ts';
import { findDataset, hateStrands } from '../sources/partnership/datasets.ts';
import { quotedString } from '../store/sql.ts';
import type { SqlParams, Store } from '../store/store.ts';
import type { IssueDetail, IssueSection, ThemeSection, YearValue } from './themes-model.ts';

export interface BuildThemesOptions {
  /** 'YYYY-MM-DD': the assessment date; the OCG register snapshot used is the latest on or before it. */
  asOf: string;
  significance: number;
  /** Event dates to test hate incidents around; default `defaultHateEvents`. */
  events?: readonly HateEvent[];
  /** The full calendar years to analyse: those of the assessed period with complete police data. Default: the full years of the configured period. */
  years?: readonly number[];
  /** The assessed period ('YYYY-MM'): series' dispersion is estimated over it, as the police overview's. Default: the full years. */
  period?: { from: string; to: string };
  /** 'YYYY-MM' months with police data: the months of police series' dispersion. Default: every month of the period. */
  monthsWithData?: readonly string[];
}

interface Context {
  store: Store;
  config: AreaConfig;
  area: string;
  years: number[];
  /** SQL date bounds of the full years. */
  from: string;
  to: string;
  options: BuildThemesOptions;
}

type Analysis = (ctx: Context) => Promise<{ detail: IssueDetail } | null>;

const inYears = (ctx: Context, column: string) => `${column} BETWEEN DATE ${quotedString(ctx.from)} AND DATE ${quotedString(ctx.to)}`;

/** The assessed period ('YYYY-MM'), over which series' dispersion is estimated, as the police overview's. */
const periodOf = (ctx: Context): { from: string; to: string } => ctx.options.period ?? { from: ctx.from.slice(0, 7), to: ctx.to.slice(0, 7) };
const inPeriod = (ctx: Context, column: string): string => `strftime(${column}, '%Y-%m') BETWEEN ${quotedString(periodOf(ctx).from)} AND ${quotedString(periodOf(ctx).to)}`;

/** Months with police data in the period: those the force published. */
function policeMonths(ctx: Context): string[] {
  const { from, to } = periodOf(ctx);
  return (ctx.options.monthsWithData ?? monthsInRange(from, to)).filter((m) => m >= from && m <= to);
}

/** Months a partnership extract covers in the period: every month from its first record to its last (a month in that span with no record had none). */
async function extractMonths(ctx: Context, table: string, column: string): Promise<string[]> {
  const span = await ctx.store.one<{ lo: string | null; hi: string | null }>(`SELECT strftime(min(${column}), '%Y-%m') AS lo, strftime(max(${column}), '%Y-%m') AS hi FROM ${table} WHERE ${inPeriod(ctx, column)}`);
  return span?.lo && span.hi ? monthsInRange(span.lo, span.hi) : [];
}

/**
 * The dispersion of one of the area's monthly series, for its change test: `where` selects the
 * series' rows of `table`, dated by `column`, counted over `months` (the months with data).
 */
async function monthlyDispersion(ctx: Context, series: { table: string; column: string; where: string; params?: SqlParams }, months: readonly string[]): Promise<DispersionFit> {
  if (months.length === 0) return null;
  const counted = await ctx.store.all<{ month: string; count: number }>(
    `SELECT strftime(${series.column}, '%Y-%m') AS month, count(*) AS count FROM ${series.table} WHERE ${series.where} AND ${inPeriod(ctx, series.column)} GROUP BY ALL`,
    series.params ?? [],
  );
  return estimateDispersion({ series: monthlySeries(new Map(counted.map((r) => [r.month, Number(r.count)])), months) });
}

/** The dispersion of the area's monthly count of police categories. */
const policeDispersion = (ctx: Context, categories: readonly string[]): Promise<DispersionFit> =>
  monthlyDispersion(ctx, { table: 'incident_geo', column: 'month', where: policeWhere(categories), params: [ctx.area] }, policeMonths(ctx));

const policeWhere = (categories: readonly string[]): string => `district_code = $1 AND category IN (${categories.map(quotedString).join(', ')})`;

async function hasRows(store: Store, table: string): Promise<boolean> {
  return Boolean((await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n);
}

/** District names, from the loaded boundaries or geography lookup. */
async function districtNames(store: Store): Promise<Map<string, string>> {
  const rows = await store.all<{ code: string; name: string }>(
    `SELECT code, name FROM boundaries WHERE level = 'district' AND name IS NOT NULL
     UNION SELECT DISTINCT district_code, district_name FROM lsoa_geo WHERE district_code IS NOT NULL AND district_name IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Residents of each code in the population year nearest `year`. */
async function populations(store: Store, codes: readonly string[], year: number): Promise<{ byCode: Map<string, number>; year: number | null }> {
  if (codes.length === 0) return { byCode: new Map(), year: null };
  const rows = await store.all<{ code: string; year: number; population: number }>(
    `SELECT code, year, population FROM population WHERE code IN (${codes.map(quotedString).join(', ')})
     QUALIFY row_number() OVER (PARTITION BY code ORDER BY abs(year - $1), year DESC) = 1`,
    [year],
  );
  return { byCode: new Map(rows.map((r) => [r.code, r.population])), year: rows[0]?.year ?? null };
}

async function policeByYear(ctx: Context, categories: readonly string[]): Promise<YearValue[]> {
  if (categories.length === 0) return [];
  return ctx.store.all<{ year: number; count: number }>(
    `SELECT year(month) AS year, count(*) AS count FROM incident_geo
     WHERE ${policeWhere(categories)} AND ${inYears(ctx, 'month')}
     GROUP BY ALL ORDER BY year`,
    [ctx.area],
  );
}

/** Reoffending cohorts and the youth-justice indicator: each stands on its own when the other is not loaded. */
const reoffendingAnalysis: Analysis = async (ctx) => {
    const cohorts = await ctx.store.all<ReoffendingCohort>(
      `SELECT period, area_code AS "areaCode", area_name AS "areaName", offender_type AS "offenderType", cohort, reoffenders, reoffences,
         previous_offences AS "previousOffences" FROM partner_reoffending WHERE left(period, 4)::INTEGER <= $1 ORDER BY period`,
      [ctx.years.at(-1)!],
    );
    const youthJustice = await ctx.store.all<YouthJusticeValue>(
      `SELECT period, area_code AS "areaCode", measure, value FROM partner_youth_justice
       WHERE indicator = 'Children cautioned or sentenced' AND left(period, 4)::INTEGER BETWEEN $1 AND $2`,
      [ctx.years[0]!, ctx.years.at(-1)!],
    );
    const group = await ctx.store.all<{ code: string; name: string }>(`SELECT area_code AS code, area_name AS name FROM partner_statistical_neighbours ORDER BY area_name`);
    const names = await districtNames(ctx.store);
    const neighbours = group.length ? group : ctx.config.peers.statisticalNeighbours.map((code) => ({ code, name: names.get(code) ?? code }));
    const detail = reoffending({ cohorts, youthJustice, neighbours, area: ctx.area, forceAreaName: ctx.config.area.forceAreaName }, ctx.options);
    // Loaded but holding nothing for the area: no data for this issue (the data sources still list the load).
    if (!detail.adult && !detail.juvenile && !detail.youthJustice) return null;
    return { detail };
  };

const analyses: Record<string, Analysis> = {
  'missing-episodes': async (ctx) => {
    const rows = await ctx.store.all<{ person: string; year: number; lookedAfter: boolean; outOfArea: boolean; locality: string | null }>(
      `SELECT m.person_id AS person, year(m.date_reported) AS year, m.looked_after AS "lookedAfter", m.out_of_area AS "outOfArea", g.locality
       FROM partner_missing_episodes m LEFT JOIN lsoa_geo g ON g.lsoa_code = m.lsoa_code WHERE ${inYears(ctx, 'm.date_reported')}`,
    );
    const dispersion = await monthlyDispersion(ctx, { table: 'partner_missing_episodes', column: 'date_reported', where: 'TRUE' }, await extractMonths(ctx, 'partner_missing_episodes', 'date_reported'));
    const detail = missingEpisodes({ episodes: rows as MissingEpisode[], years: ctx.years, dispersion }, { significance: ctx.options.significance });
    return { detail };
  },
  'domestic-abuse': async (ctx) => {
    const last = ctx.years.at(-1)!;
    const counts = await ctx.store.all<{ year: number; recordType: 'incident' | 'crime'; count: number }>(
      `SELECT year(incident_date) AS year, record_type AS "recordType", count(*) AS count FROM partner_domestic_abuse
       WHERE area_code = $1 AND ${inYears(ctx, 'incident_date')} GROUP BY ALL`,
      [ctx.area],
    );
    const lastYearRecords = await ctx.store.all<{ victim: string; repeatFlag: boolean | null }>(
      `SELECT victim_id AS victim, repeat_victim AS "repeatFlag" FROM partner_domestic_abuse WHERE area_code = $1 AND year(incident_date) = $2`,
      [ctx.area, last],
    );
    const peers = await peerCounts(ctx, `SELECT area_code AS code, count(*) FILTER (WHERE year(incident_date) = ${last}) AS count FROM partner_domestic_abuse GROUP BY ALL`, last);
    const months = await extractMonths(ctx, 'partner_domestic_abuse', 'incident_date');
    const of = (where: string) => monthlyDispersion(ctx, { table: 'partner_domestic_abuse', column: 'incident_date', where: `area_code = $1 AND ${where}`, params: [ctx.area] }, months);
    const dispersion = { all: await of('TRUE'), incident: await of(`record_type = 'incident'`), crime: await of(`record_type = 'crime'`) };
    const detail = domesticAbuse({ counts, lastYearRecords, peers: peers.rows, populationYear: peers.populationYear, area: ctx.area, years: ctx.years, dispersion }, ctx.options);
    return { detail };
  },
  cse: async (ctx) => {
    const names = await districtNames(ctx.store);
    const counts = await ctx.store.all<{ code: string; year: number; recordType: 'incident' | 'crime'; count: number }>(
      `SELECT area_code AS code, year(incident_date) AS year, record_type AS "recordType", count(*) AS count FROM partner_cse
       WHERE ${inYears(ctx, 'incident_date')} GROUP BY ALL`,
    );
    const months = await extractMonths(ctx, 'partner_cse', 'incident_date');
    const of = (type: string) => monthlyDispersion(ctx, { table: 'partner_cse', column: 'incident_date', where: `area_code = $1 AND record_type = ${quotedString(type)}`, params: [ctx.area] }, months);
    const dispersion = { incident: await of('incident'), crime: await of('crime') };
    const detail = cse({ counts: counts.map((c) => ({ ...c, name: names.get(c.code) ?? c.code })), area: ctx.area, years: ctx.years, dispersion }, ctx.options);
    return { detail };
  },
  'drugs-alcohol': async (ctx) => {
    const rows = await ctx.store.all<DrugsAlcoholRow>(
      `SELECT period, area_code AS "areaCode", area_name AS "areaName", measure, age_group AS "ageGroup", count, rate_per_100000 AS "ratePer100k"
       FROM partner_drugs_alcohol WHERE left(period, 4)::INTEGER BETWEEN $1 AND $2 ORDER BY period`,
      [ctx.years[0]! - 1, ctx.years.at(-1)!],
    );
    const issue = findIssue(ctx.config, 'drugs-alcohol');
    const categories = issue?.categories ?? [];
    const drugOffences = await policeByYear(ctx, categories);
    const drugOffencesDispersion = categories.length ? await policeDispersion(ctx, categories) : null;
    const detail = drugsAlcohol({ rows, area: ctx.area, forceAreaName: ctx.config.area.forceAreaName, drugOffences, years: ctx.years, drugOffencesDispersion }, ctx.options);
    return { detail };
  },
  hate: async (ctx) => {
    const place = ctx.config.geography.places[0];
    const placeLsoas = place?.lsoas.length ? place.lsoas.map(quotedString).join(', ') : "''";
    const rows = await ctx.store.all<{ date: string; recordType: 'incident' | 'crime'; strands: string[]; inPlace: boolean | null }>(
      `SELECT strftime(incident_date, '%Y-%m-%d') AS date, record_type AS "recordType",
         list_filter([${hateStrands.map((s) => `CASE WHEN ${s} THEN '${s}' END`).join(', ')}], lambda x: x IS NOT NULL) AS strands,
         CASE WHEN lsoa_code IS NULL THEN NULL ELSE lsoa_code IN (${placeLsoas}) END AS "inPlace"
       FROM partner_hate WHERE area_code = $1 ORDER BY incident_date`,
      [ctx.area],
    );
    const dispersion = await monthlyDispersion(ctx, { table: 'partner_hate', column: 'incident_date', where: 'area_code = $1', params: [ctx.area] }, await extractMonths(ctx, 'partner_hate', 'incident_date'));
    const detail = hate({ records: rows, years: ctx.years, events: ctx.options.events ?? defaultHateEvents, placeName: place?.name ?? null, dispersion }, ctx.options);
    return { detail };
  },
  fires: async (ctx) => {
    const names = await districtNames(ctx.store);
    const counts = await ctx.store.all<Omit<FireCount, 'name'>>(
      `SELECT f.area_code AS code, year(f.incident_date) AS year, f.fire_type AS "fireType", f.motive, f.cause, g.locality, count(*) AS count
       FROM partner_fires f LEFT JOIN lsoa_geo g ON g.lsoa_code = f.lsoa_code AND g.district_code = f.area_code
       WHERE ${inYears(ctx, 'f.incident_date')} GROUP BY ALL`,
    );
    const popYear = ctx.config.geography.population[0]!.year;
    const populations = new Map(
      (await ctx.store.all<{ code: string; population: number }>(`SELECT code, population FROM population WHERE year = $1`, [popYear])).map((r) => [r.code, Number(r.population)]),
    );
    const months = await extractMonths(ctx, 'partner_fires', 'incident_date');
    const of = (where: string) => monthlyDispersion(ctx, { table: 'partner_fires', column: 'incident_date', where: `area_code = $1 AND ${where}`, params: [ctx.area] }, months);
    const dispersion = { deliberate: await of(`motive = 'deliberate'`), vehicle: await of(`fire_type = 'vehicle'`) };
    const detail = fires({ counts: counts.map((c) => ({ ...c, name: names.get(c.code) ?? c.code })), area: ctx.area, years: ctx.years, populations, dispersion }, ctx.options);
    return { detail };
  },
  reoffending: (ctx) => reoffendingAnalysis(ctx),
  'youth-justice': (ctx) => reoffendingAnalysis(ctx),
  'ocg-register': async (ctx) => {
    const snapshot = await ctx.store.one<{ d: string | null }>(
      `SELECT strftime(max(snapshot_date), '%Y-%m-%d') AS d FROM partner_ocg_register WHERE snapshot_date <= CAST($1 AS DATE)`,
      [ctx.options.asOf],
    );
    if (!snapshot?.d) return null;
    const groups = await ctx.store.all<OcgGroup>(
      `SELECT group_id AS "groupId", status, activities, localities, individuals FROM partner_ocg_register WHERE snapshot_date = CAST($1 AS DATE) ORDER BY group_id`,
      [snapshot.d],
    );
    const detail = ocg({ snapshotDate: snapshot.d, groups });
    return { detail };
  },
  'prevent-referrals': async (ctx) => {
    const referrals = await ctx.store.all<PreventReferral>(
      `SELECT year(referral_date) AS year, referral_source AS source, concern, adopted FROM partner_prevent_referrals
       WHERE referral_date BETWEEN DATE ${quotedString(ctx.from)} AND CAST($1 AS DATE)`,
      [ctx.options.asOf],
    );
    const detail = prevent({ referrals, years: ctx.years });
    return { detail };
  },
  'perception-survey': async (ctx) => {
    const results = await ctx.store.all<PerceptionResult>(
      `SELECT period, area_code AS "areaCode", area_name AS "areaName", question, respondents, share_agreeing AS "shareAgreeing"
       FROM partner_perception_survey WHERE left(period, 4)::INTEGER BETWEEN $1 AND $2`,
      [ctx.years[0]! - 1, ctx.years.at(-1)!],
    );
    const detail = perception({ results, area: ctx.area });
    return { detail };
  },
};

function findIssue(config: AreaConfig, dataset: string) {
  return themesOf(config)
    .flatMap((t) => t.issues)
    .find((i) => i.datasets.includes(dataset));
}

async function peerCounts(ctx: Context, sql: string, year: number): Promise<{ rows: PeerCount[]; populationYear: number | null }> {
  const counts = await ctx.store.all<{ code: string; count: number }>(sql);
  const names = await districtNames(ctx.store);
  const pop = await populations(ctx.store, counts.map((c) => c.code), year);
  return {
    rows: counts.map((c) => ({ code: c.code, name: names.get(c.code) ?? c.code, count: c.count, population: pop.byCode.get(c.code) ?? null })),
    populationYear: pop.year,
  };
}

export function themesOf(config: AreaConfig): AreaConfig['themes'] {
  return config.themes.length ? config.themes : defaultThemes;
}

async function isSynthetic(store: Store, datasets: readonly string[], categories: readonly string[]): Promise<boolean> {
  const partner = datasets.length
    ? await store.one<{ s: boolean | null }>(`SELECT bool_or(synthetic) AS s FROM loads WHERE source = 'partner' AND kind IN (${datasets.map(quotedString).join(', ')})`)
    : undefined;
  const police = categories.length ? await store.one<{ s: boolean | null }>(`SELECT bool_or(synthetic) AS s FROM loads WHERE source = 'police'`) : undefined;
  return Boolean(partner?.s) || Boolean(police?.s);
}

async function buildIssue(ctx: Context, issue: AreaConfig['themes'][number]['issues'][number]): Promise<IssueSection> {
  const fed: string[] = [];
  for (const d of issue.datasets) if (await hasRows(ctx.store, findDataset(d).table)) fed.push(d);
  const analysed = issue.datasets.find((d) => fed.includes(d) && analyses[d]);
  let result: Awaited<ReturnType<Analysis>> = null;
  if (analysed && ctx.years.length) result = await analyses[analysed]!(ctx);
  else if (issue.datasets.length === 0 && issue.categories.length && ctx.years.length) {
    const byYear = await policeByYear(ctx, issue.categories);
    if (byYear.length) {
      const dispersion = await policeDispersion(ctx, issue.categories);
      const detail = policeCategories({ byYear, years: ctx.years, dispersion }, ctx.options);
      result = { detail };
    }
  }
  return {
    id: issue.id,
    title: issue.title,
    restricted: issue.restricted || issue.datasets.some((d) => findDataset(d).restricted),
    hasData: result !== null,
    datasets: [...issue.datasets],
    categories: [...issue.categories],
    synthetic: result !== null && (await isSynthetic(ctx.store, fed, result.detail.kind === 'police' || result.detail.kind === 'drugs-alcohol' ? issue.categories : [])),
    detail: result?.detail ?? null,
  };
}

/**
 * The theme sections of the assessment: the configured themes (or the reference's default five),
 * each issue analysed from the store over the full calendar years of the configured period, then a
 * context section on public perception, whose absence the report lists as an intelligence gap.
 */
export async function buildThemes(store: Store, config: AreaConfig, options: BuildThemesOptions): Promise<ThemeSection[]> {
  const years = options.years ? [...options.years] : fullYears(config.periods.from, config.periods.to);
  const ctx: Context = {
    store,
    config,
    area: config.area.code,
    years,
    from: `${years[0] ?? 0}-01-01`,
    to: `${years.at(-1) ?? 0}-12-31`,
    options,
  };
  const sections: ThemeSection[] = [];
  for (const theme of themesOf(config)) {
    const issues: IssueSection[] = [];
    for (const issue of theme.issues) issues.push(await buildIssue(ctx, issue));
    sections.push({ id: theme.id, title: theme.title, issues, ...(config.themes.length ? {} : { defaultScope: true }) });
  }
  const perceptionIssue = await buildIssue(ctx, { id: 'public-perception', title: 'Public perception', categories: [], datasets: ['perception-survey'], restricted: false });
  // Results for other areas only still leave the area's own perception unknown: a gap.
  if (perceptionIssue.detail?.kind === 'perception' && perceptionIssue.detail.area.length === 0) perceptionIssue.hasData = false;
  sections.push({ id: 'public-perception', title: 'Public perception', context: true, issues: [perceptionIssue] });
  return sections;
}
