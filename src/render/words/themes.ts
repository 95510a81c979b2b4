/**
 * Sentences for each partnership issue, written from its analysis detail. Counts go through the
 * edition, so the published edition never states a small count or a share that would reveal one.
 */
import type {
  CseDetail,
  DomesticAbuseDetail,
  DrugsAlcoholDetail,
  FiresDetail,
  HateDetail,
  IssueDetail,
  MissingDetail,
  OcgDetail,
  PerceptionDetail,
  PoliceCategoriesDetail,
  PreventDetail,
  ReoffendingDetail,
} from '../../analysis/themes/types.ts';
import { REPEAT_MISSING_EPISODES } from '../../analysis/themes/missing-episodes.ts';
import { describeChange } from './change.ts';
import { type Edition, countWords, isSuppressed, ordinal, rankWords, suppressedWords } from './edition.ts';

/** Rank 1 = largest: "largest", "3rd largest". */
const largest = (rank: number): string => (rank === 1 ? 'largest' : `${ordinal(rank)} largest`);
const pct0 = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
const pct1 = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
/** A share whose numerator is withheld is withheld with it (it would give the count away). */
const shareOf = (count: number, share: number | null, ed: Edition): string => (isSuppressed(count, ed) ? suppressedWords(ed).replace('fewer than', 'a share of fewer than') : pct0(share));

function missing(d: MissingDetail, ed: Edition): string[] {
  return [
    `${countWords(d.episodes, ed)} missing episodes by ${countWords(d.people, ed)} people; episodes ${describeChange(d.change, ed)}.`,
    `${countWords(d.repeatPeople, ed)} people went missing ${REPEAT_MISSING_EPISODES} or more times, accounting for ${shareOf(d.repeatEpisodes, d.repeatShare, ed)} of episodes.`,
    `${countWords(d.lookedAfterPeople, ed)} looked-after children had ${countWords(d.lookedAfterEpisodes, ed)} episodes; ${shareOf(d.outOfAreaEpisodes, d.outOfAreaShareOfLookedAfter, ed)} of those were children placed in the area by other authorities (${countWords(d.outOfAreaPeople, ed)} children).`,
  ];
}

function domesticAbuse(d: DomesticAbuseDetail, ed: Edition): string[] {
  const first = d.byYear[0];
  const last = d.byYear[d.byYear.length - 1];
  const out = [`Non-crime domestic abuse incidents ${describeChange(d.incidentChange, ed)}; domestic abuse crimes ${describeChange(d.crimeChange, ed)}.`];
  if (first?.crimeShare != null && last?.crimeShare != null && !isSuppressed(first.crimes, ed) && !isSuppressed(last.crimes, ed)) {
    out.push(`The share recorded as crimes went from ${pct0(first.crimeShare)} in ${first.year} to ${pct0(last.crimeShare)} in ${last.year}.`);
  }
  if (last) out.push(`${countWords(d.repeatVictims, ed)} of ${countWords(d.victims, ed)} victims in ${last.year} had two or more records that year.`);
  if (d.peers?.areaRank != null) out.push(`The rate per 1,000 residents is ${rankWords(d.peers.areaRank, d.peers.rows.length)} districts in the force area.`);
  return out;
}

function cse(d: CseDetail, ed: Edition): string[] {
  const first = d.byYear[0];
  const last = d.byYear[d.byYear.length - 1];
  const out: string[] = [];
  if (first && last) {
    out.push(`CSE incidents went from ${countWords(first.incidents, ed)} in ${first.year} to ${countWords(last.incidents, ed)} in ${last.year}, ${describeChange(d.incidentChange, ed)}; crimes from ${countWords(first.crimes, ed)} to ${countWords(last.crimes, ed)}.`);
  }
  if (d.areaRankByIncrease !== null && d.areaRankByCount !== null && last) {
    out.push(`Among ${d.peers.length} districts of the force area, the area had the ${largest(d.areaRankByIncrease)} increase and the ${largest(d.areaRankByCount)} number of incidents in ${last.year}.`);
  }
  return out;
}

function drugsAlcohol(d: DrugsAlcoholDetail, ed: Edition): string[] {
  const out: string[] = [];
  for (const age of ['all ages', 'under 18']) {
    const latest = d.admissions.filter((a) => a.ageGroup === age && a.area?.ratePer100k != null).at(-1);
    if (!latest) continue;
    const rate = latest.area!.ratePer100k!;
    const cmp = (f: typeof latest.england, name: string) => (f?.ratePer100k == null ? null : `${rate > f.ratePer100k ? 'above' : 'below'} ${name} (${f.ratePer100k.toFixed(0)})`);
    const parts = [cmp(latest.england, 'England'), cmp(latest.forceArea, 'the force area')].filter((p) => p !== null);
    out.push(`Alcohol-related hospital admissions (${age}) in ${latest.period}: ${rate.toFixed(0)} per 100,000${parts.length ? `, ${parts.join(' and ')}` : ''}.`);
  }
  const t = d.treatment.filter((x) => x.count !== null);
  if (t.length >= 2) out.push(`People in treatment went from ${countWords(t[0]!.count, ed)} in ${t[0]!.period} to ${countWords(t.at(-1)!.count, ed)} in ${t.at(-1)!.period}.`);
  if (d.drugOffenceChange) out.push(`Police-recorded drug offences ${describeChange(d.drugOffenceChange, ed)}.`);
  return out;
}

function hate(d: HateDetail, ed: Edition): string[] {
  const out = [`Hate incidents and crimes ${describeChange(d.change, ed)}.`];
  if (d.raceShare !== null) out.push(`${pct0(d.raceShare)} were racially motivated.`);
  if (d.place?.share != null && !isSuppressed(d.place.count, ed)) out.push(`${pct0(d.place.share)} of those with a location were in ${d.place.name}.`);
  for (const e of d.events) {
    const small = isSuppressed(e.before, ed) || isSuppressed(e.after, ed);
    out.push(
      e.spike
        ? `A significant rise followed ${e.label} (${e.date}): ${countWords(e.after, ed)} in ${e.windowDays} days against ${countWords(e.before, ed)} in the ${e.baselineDays} days before${small || e.changePct === null ? '' : ` (daily rate up ${Math.round(e.changePct)}%)`}.`
        : `No significant rise after ${e.label} (${e.date}).`,
    );
  }
  return out;
}

function fires(d: FiresDetail, ed: Edition): string[] {
  const out = [`Deliberate fires ${describeChange(d.deliberateChange, ed)}; vehicle fires ${describeChange(d.vehicleChange, ed)}.`];
  const fa = d.forceArea;
  if (fa?.areaRankFromLowest != null) {
    const of = fa.rows.length;
    const what = fa.rankBasis === 'rate' ? 'rate of deliberate fires per 1,000 residents' : 'number of deliberate fires';
    out.push(`In ${fa.year} the area's ${what} was the ${rankWords(of - fa.areaRankFromLowest + 1, of).replace(/^the /, '')} districts in the force area.`);
  }
  if (d.localities.length) out.push(`Most deliberate fires were in ${d.localities.slice(0, 3).map((l) => l.name).join(', ')}.`);
  if (d.accidentalCauses[0]) out.push(`The main cause of accidental fires was ${d.accidentalCauses[0].name.toLowerCase()}.`);
  return out;
}

/** The latest cohort against England and Wales: "similar to" when the test finds no difference. */
function againstNationalWords(n: NonNullable<ReoffendingDetail['adult']>['againstNational'] & object): string {
  if (!n.significant || n.comparison === 'similar') return 'similar to England and Wales';
  return `significantly ${n.comparison ?? (n.difference > 0 ? 'higher' : 'lower')} than England and Wales`;
}

/** " (force area 2.90, England and Wales 3.05)" from the comparators loaded; empty without them. */
function perReoffenderComparators(r: { forceAreaReoffencesPerReoffender: number | null; nationalReoffencesPerReoffender: number | null }): string {
  const parts = [
    r.forceAreaReoffencesPerReoffender === null ? null : `force area ${r.forceAreaReoffencesPerReoffender.toFixed(2)}`,
    r.nationalReoffencesPerReoffender === null ? null : `England and Wales ${r.nationalReoffencesPerReoffender.toFixed(2)}`,
  ].filter((x) => x !== null);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function reoffending(d: ReoffendingDetail, ed: Edition): string[] {
  const out: string[] = [];
  for (const s of [d.adult, d.juvenile]) {
    const last = s?.rows.at(-1);
    if (!s || !last) continue;
    const rate = isSuppressed(last.reoffenders, ed) ? `a rate withheld (${suppressedWords(ed)} reoffenders)` : pct1(last.rate);
    out.push(
      `${s.offenderType === 'adult' ? 'Adult' : 'Juvenile'} proven reoffending in ${last.period}: ${rate} of a cohort of ${countWords(last.cohort, ed)} ` +
        `(force area ${pct1(last.forceAreaRate)}, England and Wales ${pct1(last.nationalRate)}${s.againstNational ? `; ${againstNationalWords(s.againstNational)}` : ''}); ` +
        `${last.reoffencesPerReoffender?.toFixed(2) ?? 'n/a'} reoffences per reoffender${perReoffenderComparators(last)}; ${last.previousOffences.toFixed(1)} previous offences on average.`,
    );
  }
  const y = d.youthJustice?.rows.filter((r) => r.rate !== null).at(-1);
  if (y) {
    out.push(
      `Children cautioned or sentenced in ${y.period}: ${y.rate} per 10,000 aged 10-17 (statistical neighbours ${y.neighboursRate?.toFixed(1) ?? 'n/a'} from ${y.neighboursWithData} with data, England ${y.englandRate ?? 'n/a'}).`,
    );
  }
  return out;
}

function ocg(d: OcgDetail, ed: Edition): string[] {
  const main = d.activities.slice().sort((a, b) => b.primary - a.primary)[0];
  return [
    `${countWords(d.groups, ed)} active organised crime groups at ${d.snapshotDate}, with ${countWords(d.individuals, ed)} individuals involved.`,
    ...(main ? [`The main activity is ${main.name.toLowerCase()} (the primary activity of ${countWords(main.primary, ed)} groups).`] : []),
    ...(d.localities[0] ? [`${d.localities[0].name} is affected by ${countWords(d.localities[0].groups, ed)} groups, more than any other locality.`] : []),
  ];
}

function prevent(d: PreventDetail, ed: Edition): string[] {
  const first = d.byYear[0]?.year;
  const src = d.bySource[0];
  return [
    `${countWords(d.total, ed)} Prevent referrals${first !== undefined ? ` since ${first}` : ''}${src ? `, ${d.topSourceShare === 'majority' ? 'mainly from' : 'the largest share from'} ${src.name.toLowerCase()} (${shareOf(src.count, src.share, ed)})` : ''}.`,
    ...(d.byConcern[0] ? [`The most common concern was ${d.byConcern[0].name.toLowerCase()}.`] : []),
  ];
}

function perception(d: PerceptionDetail): string[] {
  if (d.area.length === 0) {
    return [`No public perception survey results for the area itself${d.other.length ? ` (only ${[...new Set(d.other.map((o) => o.areaName))].join(', ')})` : ''}: an intelligence gap.`];
  }
  return d.area.map((r) => `${r.period}: ${pct0(r.shareAgreeing)} agree "${r.question}".`);
}

function police(d: PoliceCategoriesDetail, ed: Edition): string[] {
  return [`Police-recorded incidents ${describeChange(d.change, ed)} (data.police.uk).`];
}

/** The sentences for one issue's detail, lead sentence first. */
export function issueSentences(d: IssueDetail, ed: Edition): string[] {
  switch (d.kind) {
    case 'missing':
      return missing(d, ed);
    case 'domestic-abuse':
      return domesticAbuse(d, ed);
    case 'cse':
      return cse(d, ed);
    case 'drugs-alcohol':
      return drugsAlcohol(d, ed);
    case 'hate':
      return hate(d, ed);
    case 'fires':
      return fires(d, ed);
    case 'reoffending':
      return reoffending(d, ed);
    case 'ocg':
      return ocg(d, ed);
    case 'prevent':
      return prevent(d, ed);
    case 'perception':
      return perception(d);
    case 'police':
      return police(d, ed);
  }
}
