import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Assessment, Finding } from '../../assessment/model.ts';
import { cspError } from '../../errors.ts';
import { fmtCount, fmtMonth } from '../../render/html/format.ts';
import { govukTable } from '../../render/html/table.ts';
import { editionOf, renderReportHtml } from '../../render/report-html.ts';
import { evidenceRows, findingSentence } from '../../render/words/findings-text.ts';
import { issueSentences } from '../../render/words/themes.ts';
import { hasRestricted, requireRole, visibleModel } from '../access.ts';
import { roleAtLeast } from '../auth/accounts.ts';
import type { RebuildStatus } from '../rebuild.ts';
import type { Session } from '../auth/sessions.ts';
import type { AppContext } from '../app.ts';
import { audit } from '../audit.ts';
import { dashboardCounts, type DashboardCounts } from '../dashboard-data.ts';
import { type DashboardQuery, findIssue, parseDashboardQuery, resolveFilter } from '../dashboard-filter.ts';
import { html, page, raw, type Html, summaryList } from '../html/layout.ts';
import { localityNames } from './localities.ts';

const send = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

function select(name: string, label: string, options: [string, string][], value: string | undefined): Html {
  return html`<div class="govuk-form-group app-filter"><label class="govuk-label govuk-label--s" for="${name}">${label}</label><select class="govuk-select" id="${name}" name="${name}"><option value="">All</option>${options.map(
    ([v, text]) => html`<option value="${v}"${raw(v === value ? ' selected' : '')}>${text}</option>`,
  )}</select></div>`;
}

function filters(a: Assessment | null, q: DashboardQuery, localities: string[], categories: string[]): Html {
  const issues = (a?.themes ?? []).flatMap((t) => t.issues.map((i): [string, string] => [i.id, `${t.title}: ${i.title}`]));
  const month = (name: 'from' | 'to', label: string) =>
    html`<div class="govuk-form-group app-filter"><label class="govuk-label govuk-label--s" for="${name}">${label}</label><input class="govuk-input govuk-input--width-10" id="${name}" name="${name}" type="month" value="${q[name] ?? ''}" min="${a?.period.from ?? ''}" max="${a?.period.to ?? ''}"></div>`;
  return html`<form method="get" action="/" class="app-filters" aria-label="Filters">
${select('theme', 'Theme', issues, q.theme)}${select('locality', 'Locality', localities.map((l) => [l, l]), q.locality)}${select('category', 'Category', categories.map((c) => [c, c]), q.category)}
${month('from', 'From')}${month('to', 'To')}
<div class="app-filter app-filter--button"><button class="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filters</button> <a class="govuk-link" href="/">Clear</a></div>
</form>`;
}

function findingsList(findings: Finding[], a: Assessment): Html {
  const ed = editionOf(a, false);
  if (!findings.length) return html`<p class="govuk-body">No findings under this theme.</p>`;
  return html`<ul class="govuk-list govuk-list--bullet">${findings.map(
    (f) => html`<li>${findingSentence(f, a, ed)} <a class="govuk-link govuk-!-font-size-16" href="/findings/${f.id}">Evidence<span class="govuk-visually-hidden"> for this finding</span></a>${f.restricted ? html` <strong class="govuk-tag govuk-tag--red">Restricted</strong>` : ''}</li>`,
  )}</ul>`;
}

function countsTables(c: DashboardCounts): Html {
  return html`<div class="govuk-grid-row"><div class="govuk-grid-column-one-half">${raw(
    govukTable({ caption: 'By locality', columns: [{ header: 'Locality' }, { header: 'Incidents', numeric: true }], rows: c.byLocality.map((r) => [r.locality, fmtCount(r.count)]) }),
  )}</div><div class="govuk-grid-column-one-half">${raw(
    govukTable({ caption: 'By category', columns: [{ header: 'Category' }, { header: 'Incidents', numeric: true }], rows: c.byCategory.map((r) => [r.category, fmtCount(r.count)]) }),
  )}</div></div>`;
}

function dashboardBody(s: Session, a: Assessment | null, q: DashboardQuery, localities: string[], categories: string[], counts: DashboardCounts, policeMeasured: boolean, themeFindings: Finding[], rebuild: RebuildStatus): Html {
  const period = counts.byMonth.length ? `${fmtMonth(counts.byMonth[0]!.month)} to ${fmtMonth(counts.byMonth.at(-1)!.month)}` : 'no months';
  return html`${a ? html`<p class="govuk-body-l">${a.title}: ${a.area.name}, ${fmtMonth(a.period.from)} to ${fmtMonth(a.period.to)}.${a.data.synthetic ? html` <strong class="govuk-tag govuk-tag--yellow">Synthetic data</strong>` : ''}</p>` : html`<p class="govuk-body">No assessment has been built yet: figures below come straight from the store.</p>`}
${filters(a, q, localities, categories)}
${policeMeasured ? html`<p class="govuk-body app-total"><span class="govuk-!-font-size-48 govuk-!-font-weight-bold" id="total">${fmtCount(counts.total)}</span> incidents under these filters, ${period}.</p>` : html`<div class="govuk-inset-text">This theme is measured from partnership data, not police incidents: see its findings below and <a class="govuk-link" href="/themes/${q.theme ?? ''}">its detail</a>.</div>`}
<div class="govuk-grid-row">
<div class="govuk-grid-column-one-half"><h2 class="govuk-heading-m">Map</h2>
<div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios" id="layers">
${(
    [
      ['lsoa', 'Incidents per LSOA'],
      ['density', 'Density'],
      ['gi', 'Gi* hot and cold spots'],
    ] as const
  ).map(([v, label], i) => html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="layer-${v}" name="layer" type="radio" value="${v}"${raw(i === 0 ? ' checked' : '')}><label class="govuk-label govuk-radios__label" for="layer-${v}">${label}</label></div>`)}
</div>
<div id="map" class="app-map" role="img" aria-label="Map of incidents under the filters"></div><p class="govuk-body-s" id="map-legend"></p></div>
<div class="govuk-grid-column-one-half"><h2 class="govuk-heading-m">Incidents by month</h2><div id="chart-month" class="app-chart"></div>
<h2 class="govuk-heading-m">Top categories</h2><div id="chart-category" class="app-chart"></div></div>
</div>
<h2 class="govuk-heading-m">Incidents by locality</h2><div id="chart-locality" class="app-chart"></div>
${countsTables(counts)}
<h2 class="govuk-heading-m">Findings</h2>
${a ? findingsList(themeFindings, a) : html`<p class="govuk-body">No assessment has been built yet.</p>`}
<p class="govuk-body-s">Signed in as ${s.user.username}. <a class="govuk-link" href="/api/dashboard/counts${raw(queryString(q))}">These figures as JSON</a>.</p>
${rebuildForm(s, rebuild)}`;
}

/** Analysts rebuild the assessment (and its document) from the store, workshops included. */
function rebuildForm(s: Session, r: RebuildStatus): Html {
  if (!roleAtLeast(s.user.role, 'analyst')) return html``;
  const state =
    r.state === 'running' ? `Rebuilding since ${r.startedAt} (started by ${r.startedBy}).` : r.state === 'done' ? `Last rebuilt ${r.finishedAt} by ${r.startedBy}.` : r.state === 'failed' ? `The last rebuild failed: ${r.error}` : '';
  return html`<h2 class="govuk-heading-m">Rebuild the assessment</h2><p class="govuk-body">Builds the model and the report again from the store, with the workshops' latest issues. ${state}</p>
<form method="post" action="/assessment/rebuild"><input type="hidden" name="_csrf" value="${s.csrfToken}"><button class="govuk-button govuk-button--secondary" data-module="govuk-button"${raw(r.state === 'running' ? ' disabled' : '')}>Rebuild now</button></form>`;
}

function queryString(q: DashboardQuery): string {
  const p = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return p ? `?${p.replace(/&/g, '&amp;')}` : '';
}

/** The findings a theme filter keeps: the issue's own finding and those tagged with its theme (all without a theme). */
function themeFindings(a: Assessment | null, issueId: string | undefined): Finding[] {
  if (!a || !issueId) return a?.findings ?? [];
  const theme = (a.themes ?? []).find((t) => t.issues.some((i) => i.id === issueId));
  return a.findings.filter((x) => x.id === `issue-${issueId}` || (theme !== undefined && x.theme === theme.id));
}

/** The dashboard, finding evidence, theme pages and the report, as server-rendered pages. */
export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', async (req, reply) => {
    const s = req.session!;
    const q = parseDashboardQuery(req.query);
    const full = ctx.assessment();
    const a = full ? visibleModel(full, s.user) : null;
    let f;
    try {
      f = resolveFilter(full, s.user, q);
    } catch (e) {
      if ((e as { code?: string }).code === 'CSP_ERR_FORBIDDEN') await req.db((st) => audit(st, s.user.username, 'view', `theme-issue:${q.theme}`, { refused: true }));
      throw e;
    }
    if (f.issue?.restricted) await req.db((st) => audit(st, s.user.username, 'view', `theme-issue:${f.issue!.id}`, { via: 'dashboard' }));
    const [counts, localities] = await Promise.all([
      ctx.answers.counts.get(f.key, req.workSignal, async (signal) => JSON.stringify(await ctx.pool.use(signal, (st) => dashboardCounts(st, f)))).then((j) => JSON.parse(j) as DashboardCounts),
      localityNames(req, ctx),
    ]);
    const categories = a ? a.categories.map((c) => c.category) : counts.byCategory.map((c) => c.category);
    const body = dashboardBody(s, a, q, localities, categories, counts, f.policeMeasured, themeFindings(a, f.issue?.id), ctx.rebuild.current);
    const head = raw('<link rel="stylesheet" href="/assets/maplibre/maplibre-gl.css">');
    const scripts = raw('<script src="/assets/d3.min.js"></script><script src="/assets/plot.min.js"></script><script type="module" src="/assets/dashboard.js"></script>');
    return send(reply, page({ title: 'Dashboard', session: s, current: 'dashboard', body, head, scripts }));
  });

  app.post('/assessment/rebuild', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    await ctx.rebuild.start(s.user);
    return reply.redirect('/', 303);
  });

  app.get<{ Params: { id: string } }>('/findings/:id', async (req, reply) => {
    const s = req.session!;
    const full = ctx.assessment();
    const finding = full?.findings.find((x) => x.id === req.params.id);
    if (!finding) throw cspError('CSP_ERR_NOT_FOUND', `no finding "${req.params.id}"`);
    if (finding.restricted) {
      await req.db((st) => audit(st, s.user.username, 'view', `finding:${finding.id}`, s.user.restrictedClearance ? undefined : { refused: true }));
      if (!s.user.restrictedClearance) throw cspError('CSP_ERR_FORBIDDEN', 'this finding is restricted');
    }
    const ed = editionOf(full!, false);
    const body = html`<p class="govuk-body-l">${findingSentence(finding, full!, ed)}</p>
${summaryList([
  ['Theme', finding.theme],
  ['Statistically significant', finding.significant === null ? 'not a test' : finding.significant ? 'yes' : 'no'],
  ...evidenceRows(finding, ed),
])}
<p class="govuk-body"><a class="govuk-link" href="/">Back to the dashboard</a></p>`;
    return send(reply, page({ title: 'Evidence for a finding', session: s, current: 'dashboard', body }));
  });

  app.get<{ Params: { id: string } }>('/themes/:id', async (req, reply) => {
    const s = req.session!;
    const issue = findIssue(ctx.assessment(), req.params.id);
    if (!issue) throw cspError('CSP_ERR_NOT_FOUND', `no theme issue "${req.params.id}"`);
    if (issue.restricted) {
      await req.db((st) => audit(st, s.user.username, 'view', `theme-issue:${issue.id}`, s.user.restrictedClearance ? undefined : { refused: true }));
      if (!s.user.restrictedClearance) throw cspError('CSP_ERR_FORBIDDEN', 'this theme is restricted');
    }
    const body = html`${issue.restricted ? html`<p><strong class="govuk-tag govuk-tag--red">Restricted</strong></p>` : ''}
${issue.detail && issueSentences(issue.detail, editionOf(ctx.assessment()!, false)).length ? html`<ul class="govuk-list govuk-list--bullet">${issueSentences(issue.detail, editionOf(ctx.assessment()!, false)).map((x) => html`<li>${x}</li>`)}</ul>` : html`<p class="govuk-body">${issue.hasData ? 'No findings.' : 'No data has been loaded for this issue: it is an intelligence gap.'}</p>`}
${summaryList([
  ['Police categories', issue.categories.join(', ') || null],
  ['Partnership datasets', issue.datasets.join(', ') || null],
  ['Synthetic data', issue.synthetic ? 'yes' : 'no'],
])}`;
    return send(reply, page({ title: issue.title, session: s, current: 'dashboard', body }));
  });

  app.get('/report', async (req, reply) => {
    const s = req.session!;
    const full = ctx.assessment();
    if (!full) throw cspError('CSP_ERR_STORE_EMPTY', 'no assessment built yet: run csp-assess assess and serve with --model');
    if (s.user.restrictedClearance && hasRestricted(full)) await req.db((st) => audit(st, s.user.username, 'view', 'report', { restricted: true }));
    return send(reply, renderReportHtml(visibleModel(full, s.user), { public: false }));
  });
}
