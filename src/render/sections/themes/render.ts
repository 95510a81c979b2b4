/**
 * The theme sections as an HTML fragment in GOV.UK Design System markup: one <h2 id="theme-ID"> per
 * theme, each issue's findings and tables, and an intelligence-gaps section. Public outputs leave
 * restricted issues out entirely and suppress small counts (thresholds.suppressBelow).
 */
import type { IssueDetail, IssueSection, NamedCount, ThemeSection } from '../../../assessment/themes-model.ts';
import { reoffendingRatesSvg } from '../../charts/reoffending-rates.ts';
import { figure } from '../../html/figure.ts';
import { esc } from '../../html/format.ts';
import { countWords, type Edition } from '../../words/edition.ts';
import { issueSentences } from '../../words/themes.ts';

interface Fmt {
  n: (v: number | null | undefined) => string;
  /** The area and its force area, as charts name them. */
  names: { area: string; forceArea: string };
}

/** What the themes are rendered for: the edition, and the area's names. */
export interface ThemesRenderOptions extends Edition {
  area?: string;
  forceArea?: string;
}

function formatter(o: ThemesRenderOptions): Fmt {
  return {
    names: { area: o.area ?? 'The area', forceArea: o.forceArea ?? 'Force area' },
    n: (v) => (v === null || v === undefined ? '–' : countWords(v, o)),
  };
}
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, dp = 1) => (v === null || v === undefined ? '–' : v.toFixed(dp));

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const th = head.map((h) => `<th scope="col" class="govuk-table__header">${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr class="govuk-table__row">${r.map((c, i) => (i === 0 ? `<th scope="row" class="govuk-table__header">${esc(c)}</th>` : `<td class="govuk-table__cell">${esc(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">${esc(caption)}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">${th}</tr></thead><tbody class="govuk-table__body">${body}</tbody></table>`;
}

const named = (caption: string, label: string, items: readonly NamedCount[], f: Fmt) => table(caption, [label, 'Count', 'Share'], items.map((i) => [i.name, f.n(i.count), pct(i.share)]));

function detailTables(d: IssueDetail, f: Fmt): string {
  switch (d.kind) {
    case 'missing':
      return (
        table('Missing episodes and people by year', ['Year', 'Episodes', 'People'], d.byYear.map((y) => [String(y.year), f.n(y.episodes), f.n(y.people)])) +
        table('Repeat missing, looked-after children and out-of-area placements', ['Measure', 'Value'], [
          ['People with 3 or more episodes', f.n(d.repeatPeople)],
          ['Their share of episodes', pct(d.repeatShare)],
          ['Looked-after children', f.n(d.lookedAfterPeople)],
          ['Episodes of looked-after children', f.n(d.lookedAfterEpisodes)],
          ['Children placed from other authorities', f.n(d.outOfAreaPeople)],
          ['Their episodes', f.n(d.outOfAreaEpisodes)],
        ]) +
        named('Missing episodes by locality', 'Locality', d.localities, f)
      );
    case 'domestic-abuse':
      return (
        table('Domestic abuse by year', ['Year', 'Incidents', 'Crimes', 'Share recorded as crimes'], d.byYear.map((y) => [String(y.year), f.n(y.incidents), f.n(y.crimes), pct(y.crimeShare)])) +
        (d.peers
          ? table(`Domestic abuse per 1,000 residents, ${d.peers.year}`, ['District', 'Records', 'Per 1,000', 'Rank'], d.peers.rows.map((r) => [r.name, f.n(r.count), num(r.ratePer1000), String(r.rank)]))
          : '')
      );
    case 'cse':
      return (
        table('CSE incidents and crimes by year', ['Year', 'Incidents', 'Crimes'], d.byYear.map((y) => [String(y.year), f.n(y.incidents), f.n(y.crimes)])) +
        table('CSE incidents across the force area', ['District', 'First year', 'Last year', 'Change'], d.peers.map((p) => [p.name, f.n(p.first), f.n(p.last), p.changePct === null ? '–' : `${Math.round(p.changePct)}%`]))
      );
    case 'drugs-alcohol':
      return (
        table('Alcohol-related hospital admissions per 100,000', ['Year and age group', 'Area', 'Force area', 'England'], d.admissions.map((a) => [`${a.period}, ${a.ageGroup}`, num(a.area?.ratePer100k, 0), num(a.forceArea?.ratePer100k, 0), num(a.england?.ratePer100k, 0)])) +
        table('People in treatment', ['Year', 'People'], d.treatment.map((t) => [t.period, f.n(t.count)])) +
        table('Police-recorded drug offences', ['Year', 'Offences'], d.drugOffences.map((y) => [String(y.year), f.n(y.count)]))
      );
    case 'hate':
      return (
        table('Hate incidents and crimes by year', ['Year', 'Incidents', 'Crimes'], d.byYear.map((y) => [String(y.year), f.n(y.incidents), f.n(y.crimes)])) +
        named('Motivation strands (a record can have several)', 'Strand', d.strands.map((s) => ({ ...s, name: s.name.replace(/_/g, ' ') })), f) +
        table('Hate records around national events', ['Event', 'Before', 'After', 'Change in daily rate', 'Spike'], d.events.map((e) => [`${e.label} (${e.date})`, `${f.n(e.before)} in ${e.baselineDays} days`, `${f.n(e.after)} in ${e.windowDays} days`, e.changePct === null ? '–' : `${Math.round(e.changePct)}%`, e.spike ? 'yes' : 'no']))
      );
    case 'fires':
      return (
        table('Fires by year', ['Year', 'Deliberate', 'Accidental', 'Vehicle', 'All'], d.byYear.map((y) => [String(y.year), f.n(y.deliberate), f.n(y.accidental), f.n(y.vehicle), f.n(y.total)])) +
        named('Causes of accidental fires', 'Cause', d.accidentalCauses, f) +
        named('Deliberate fires by locality', 'Locality', d.localities, f) +
        (d.forceArea
          ? d.forceArea.rankBasis === 'rate'
            ? table(`Deliberate fires across the force area, ${d.forceArea.year}`, ['District', 'Fires', 'Per 1,000 residents', 'Rank from lowest rate'], d.forceArea.rows.map((r) => [r.name, f.n(r.count), num(r.ratePer1000, 2), String(r.rankFromLowest)]))
            : table(`Deliberate fires across the force area, ${d.forceArea.year}`, ['District', 'Fires', 'Rank from lowest'], d.forceArea.rows.map((r) => [r.name, f.n(r.count), String(r.rankFromLowest)]))
          : '')
      );
    case 'reoffending':
      return (
        [d.adult, d.juvenile]
          .filter((s) => s !== null)
          .map((s) =>
            (s.rows.length >= 2 ? figure(reoffendingRatesSvg(s, f.names), `${s.offenderType === 'adult' ? 'Adult' : 'Juvenile'} proven reoffending rate by cohort year`) : '') +
            table(`${s.offenderType === 'adult' ? 'Adult' : 'Juvenile'} proven reoffending`, ['Cohort year', 'Cohort', 'Rate', 'Force area', 'England and Wales', 'Reoffences per reoffender', 'Force area per reoffender', 'England and Wales per reoffender', 'Previous offences'], s.rows.map((r) => [r.period, f.n(r.cohort), pct(r.rate), pct(r.forceAreaRate), pct(r.nationalRate), num(r.reoffencesPerReoffender, 2), num(r.forceAreaReoffencesPerReoffender, 2), num(r.nationalReoffencesPerReoffender, 2), num(r.previousOffences)])),
          )
          .join('') +
        (d.youthJustice
          ? table('Children cautioned or sentenced per 10,000 aged 10-17', ['Year', 'Area', 'Statistical neighbours', 'England'], d.youthJustice.rows.map((r) => [r.period, num(r.rate, 0), r.neighboursRate === null ? '–' : `${num(r.neighboursRate)} (${r.neighboursWithData} with data)`, num(r.englandRate, 0)]))
          : '')
      );
    case 'ocg':
      return (
        table(`Organised crime group activities, ${d.snapshotDate}`, ['Activity', 'Groups', 'Primary activity of'], d.activities.map((a) => [a.name, f.n(a.groups), f.n(a.primary)])) +
        table('Localities affected', ['Locality', 'Groups'], d.localities.map((l) => [l.name, f.n(l.groups)]))
      );
    case 'prevent':
      return (
        table('Prevent referrals by year', ['Year', 'Referrals'], d.byYear.map((y) => [String(y.year), f.n(y.count)])) +
        named('Referral source', 'Source', d.bySource, f) +
        named('Type of concern', 'Concern', d.byConcern, f)
      );
    case 'perception':
      return table('Public perception survey results', ['Year', 'Question', 'Agreeing'], d.area.map((r) => [r.period, r.question, pct(r.shareAgreeing)]));
    case 'police':
      return table('Police-recorded incidents by year', ['Year', 'Count'], d.byYear.map((y) => [String(y.year), f.n(y.count)]));
  }
}

function renderIssue(issue: IssueSection, f: Fmt, ed: Edition): string {
  const tags = [issue.restricted ? '<strong class="govuk-tag govuk-tag--red">Restricted</strong>' : '', issue.synthetic && issue.hasData ? '<strong class="govuk-tag govuk-tag--grey">Synthetic data</strong>' : ''].join(' ').trim();
  const head = `<h3 class="govuk-heading-m" id="issue-${esc(issue.id)}">${esc(issue.title)}${tags ? ` ${tags}` : ''}</h3>`;
  if (!issue.hasData || !issue.detail) return `${head}<p class="govuk-body">No data loaded for this issue: listed under intelligence gaps.</p>`;
  const sentences = issueSentences(issue.detail, ed);
  const findings = sentences.length ? `<ul class="govuk-list govuk-list--bullet">${sentences.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  return `<section class="csp-issue">${head}${findings}${detailTables(issue.detail, f)}</section>`;
}

/** The themes as HTML. With `public`, restricted issues are left out and small counts suppressed. */
export function renderThemes(themes: readonly ThemeSection[], options: ThemesRenderOptions): string {
  const f = formatter(options);
  const out: string[] = [];
  for (const theme of themes) {
    const shown = theme.issues.filter((i) => !(options.public && i.restricted));
    const withheld = theme.issues.length - shown.length;
    out.push(`<h2 class="govuk-heading-l" id="theme-${esc(theme.id)}">${esc(theme.title)}</h2>`);
    out.push(...shown.map((i) => renderIssue(i, f, options)));
    if (withheld > 0) {
      out.push(`<div class="govuk-inset-text">Restricted detail is withheld from this public version (${withheld} issue${withheld === 1 ? '' : 's'}).</div>`);
    }
  }
  return out.join('\n');
}

/** Intelligence gaps: configured issues with no data, and no perception survey for the area itself. */
export function renderIntelligenceGaps(themes: readonly ThemeSection[], options: ThemesRenderOptions): string {
  const gaps = themes.flatMap((t) => t.issues.filter((i) => !(options.public && i.restricted) && !i.hasData));
  const perceptionMissing = !themes.some((t) => t.issues.some((i) => i.detail?.kind === 'perception' && i.hasData));
  const items = gaps.filter((g) => g.detail?.kind !== 'perception').map((g) => `<li>${esc(g.title)}: no data loaded.</li>`);
  if (perceptionMissing) items.push('<li>Public perception: no survey results for the area itself.</li>');
  return `<h2 class="govuk-heading-l" id="intelligence-gaps">Intelligence gaps</h2>
${items.length ? `<ul class="govuk-list govuk-list--bullet">${items.join('')}</ul>` : '<p class="govuk-body">None: every configured issue has data.</p>'}`;
}
