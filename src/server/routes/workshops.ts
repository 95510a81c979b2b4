import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireRole } from '../access.ts';
import { roleAtLeast } from '../auth/accounts.ts';
import type { Session } from '../auth/sessions.ts';
import type { AppContext } from '../app.ts';
import { audit } from '../audit.ts';
import { html, page, raw, type Html } from '../html/layout.ts';
import { govukTable } from '../../render/html/table.ts';
import {
  addIssue,
  createWorkshop,
  deleteIssue,
  getWorkshop,
  LIMITS,
  listWorkshops,
  NewIssue,
  NewWorkshop,
  parse,
  rankIssues,
  Ranking,
  setWorkshopStatus,
  workshopAggregate,
  workshopIssuesXlsx,
  WorkshopStatus,
  type Workshop,
  type WorkshopIssue,
} from '../workshops.ts';
import { localityNames } from './localities.ts';

type Id = { Params: { id: string } };
type IssueId = { Params: { id: string; issueId: string } };

const send = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
const csrfField = (s: Session) => html`<input type="hidden" name="_csrf" value="${s.csrfToken}">`;
const fmtRank = (n: number | null) => (n === null ? '—' : n.toFixed(1));

/** Locality workshops: JSON under /api/workshops and the pages practitioners use. */
export async function workshopRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // JSON API
  app.get('/api/workshops', async (req) => req.db(listWorkshops));
  app.get('/api/workshops/aggregate', async (req) => req.db(workshopAggregate));
  app.get('/api/workshops/categories', async () => ctx.issueCategories);
  app.post('/api/workshops', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    const input = parse(NewWorkshop, req.body);
    const localities = await localityNames(req, ctx);
    return reply.code(201).send(await req.db((st) => createWorkshop(st, s.user, input, localities)));
  });
  app.get('/api/workshops/issues.xlsx', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    const xlsx = await req.db(workshopIssuesXlsx);
    await req.db((st) => audit(st, s.user.username, 'view', 'workshop-issues', { export: 'xlsx' }));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="workshop-issues.xlsx"')
      .send(xlsx);
  });
  app.get<Id>('/api/workshops/:id', async (req) => req.db((s) => getWorkshop(s, req.params.id)));
  app.patch<Id>('/api/workshops/:id', async (req) => {
    const s = requireRole(req.session, 'analyst');
    const { status } = parse(WorkshopStatus, req.body);
    await req.db((st) => setWorkshopStatus(st, s.user, req.params.id, status));
    return req.db((st) => getWorkshop(st, req.params.id));
  });
  app.post<Id>('/api/workshops/:id/issues', async (req, reply) => {
    const s = requireRole(req.session, 'practitioner');
    const input = parse(NewIssue, req.body);
    return reply.code(201).send(await req.db((st) => addIssue(st, s.user, req.params.id, input, ctx.issueCategories)));
  });
  app.put<Id>('/api/workshops/:id/ranking', async (req) => {
    const s = requireRole(req.session, 'practitioner');
    const { issueIds } = parse(Ranking, req.body);
    await req.db((st) => rankIssues(st, s.user, req.params.id, issueIds));
    return req.db((st) => getWorkshop(st, req.params.id));
  });
  app.delete<IssueId>('/api/workshops/:id/issues/:issueId', async (req, reply) => {
    const s = requireRole(req.session, 'practitioner');
    await req.db((st) => deleteIssue(st, s.user, req.params.id, req.params.issueId));
    return reply.code(204).send();
  });

  // Pages: forms post here and are redirected back (post/redirect/get).
  app.get('/workshops', async (req, reply) => {
    const s = req.session!;
    const [workshops, localities] = await Promise.all([req.db(listWorkshops), localityNames(req, ctx)]);
    return send(reply, page({ title: 'Locality workshops', session: s, current: 'workshops', body: workshopsBody(s, workshops, localities) }));
  });
  app.post('/workshops', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    const input = parse(NewWorkshop, req.body);
    const localities = await localityNames(req, ctx);
    const w = await req.db((st) => createWorkshop(st, s.user, input, localities));
    return reply.redirect(`/workshops/${encodeURIComponent(w.workshopId)}`, 303);
  });
  app.get('/workshops/aggregate', async (req, reply) => {
    const agg = await req.db(workshopAggregate);
    const body = html`<p class="govuk-body">Every issue recorded at the locality workshops, on this site or imported. Ties on mentions go to the better (lower) mean rank.</p>
${raw(govukTable({ caption: 'Most common issues', columns: [{ header: 'Issue' }, { header: 'Mentions', numeric: true }, { header: 'Localities', numeric: true }, { header: 'Organisations', numeric: true }, { header: 'Mean rank', numeric: true }], rows: agg.mostCommon.map((c) => [c.category, c.mentions, c.localities, c.organisations, fmtRank(c.meanRank)]) }))}
${raw(govukTable({ caption: 'Top issue per locality', columns: [{ header: 'Locality' }, { header: 'Top issue' }, { header: 'Mentions', numeric: true }, { header: 'Mean rank', numeric: true }, { header: 'Issues recorded', numeric: true }], rows: agg.topByLocality.map((l) => [l.locality, l.top.category, l.top.mentions, fmtRank(l.top.meanRank), l.issues]) }))}
${agg.mostCommon.length === 0 ? html`<p class="govuk-body">No issues recorded yet.</p>` : ''}`;
    return send(reply, page({ title: 'What the workshops raised', session: req.session, current: 'workshops', body }));
  });
  app.get<Id>('/workshops/:id', async (req, reply) => {
    const s = req.session!;
    const w = await req.db((st) => getWorkshop(st, req.params.id));
    return send(reply, page({ title: `${w.workshop.locality} workshop, ${w.workshop.heldOn}`, session: s, current: 'workshops', body: workshopBody(s, w.workshop, w.issues, ctx.issueCategories) }));
  });
  app.post<Id>('/workshops/:id/status', async (req, reply) => {
    const s = requireRole(req.session, 'analyst');
    const { status } = parse(WorkshopStatus, req.body);
    await req.db((st) => setWorkshopStatus(st, s.user, req.params.id, status));
    return reply.redirect(`/workshops/${encodeURIComponent(req.params.id)}`, 303);
  });
  app.post<Id>('/workshops/:id/issues', async (req, reply) => {
    const s = requireRole(req.session, 'practitioner');
    const input = parse(NewIssue, req.body);
    await req.db((st) => addIssue(st, s.user, req.params.id, input, ctx.issueCategories));
    return reply.redirect(`/workshops/${encodeURIComponent(req.params.id)}`, 303);
  });
  app.post<Id>('/workshops/:id/ranking', async (req, reply) => {
    const s = requireRole(req.session, 'practitioner');
    // Form fields rank_<issueId>=N: the issues in the order of the numbers given (ties keep the listed order).
    const entries = Object.entries((req.body ?? {}) as Record<string, string>)
      .filter(([k]) => k.startsWith('rank_'))
      .map(([k, v], i) => ({ id: k.slice(5), n: Number(v), i }));
    if (entries.some((e) => !Number.isFinite(e.n))) return reply.code(400).send('ranks must be numbers');
    const issueIds = entries.sort((a, b) => a.n - b.n || a.i - b.i).map((e) => e.id);
    await req.db((st) => rankIssues(st, s.user, req.params.id, parse(Ranking, { issueIds }).issueIds));
    return reply.redirect(`/workshops/${encodeURIComponent(req.params.id)}`, 303);
  });
  app.post<IssueId>('/workshops/:id/issues/:issueId/delete', async (req, reply) => {
    const s = requireRole(req.session, 'practitioner');
    await req.db((st) => deleteIssue(st, s.user, req.params.id, req.params.issueId));
    return reply.redirect(`/workshops/${encodeURIComponent(req.params.id)}`, 303);
  });
}

function workshopsBody(s: Session, workshops: Workshop[], localities: string[]): Html {
  const rows = workshops.map((w) => [{ html: html`<a class="govuk-link" href="/workshops/${w.workshopId}">${w.locality}</a>`.html }, w.heldOn, w.title ?? '', w.status, w.issues]);
  const open = roleAtLeast(s.user.role, 'analyst')
    ? html`<h2 class="govuk-heading-m">Open a workshop</h2>
<form method="post" action="/workshops">${csrfField(s)}
<div class="govuk-form-group"><label class="govuk-label" for="locality">Locality</label><select class="govuk-select" id="locality" name="locality">${localities.map((l) => html`<option value="${l}">${l}</option>`)}</select></div>
<div class="govuk-form-group"><label class="govuk-label" for="heldOn">Date held</label><div class="govuk-hint">For example 2026-03-18</div><input class="govuk-input govuk-input--width-10" id="heldOn" name="heldOn" type="date" required></div>
<div class="govuk-form-group"><label class="govuk-label" for="title">Title (optional)</label><input class="govuk-input" id="title" name="title" maxlength="${LIMITS.title}"></div>
<button class="govuk-button" data-module="govuk-button">Open workshop</button></form>`
    : '';
  return html`<p class="govuk-body"><a class="govuk-link" href="/workshops/aggregate">What the workshops raised: most common issues and the top issue per locality</a></p>
${roleAtLeast(s.user.role, 'analyst') ? html`<p class="govuk-body"><a class="govuk-link" href="/api/workshops/issues.xlsx" download>Every issue recorded, as a spreadsheet (XLSX)</a></p>` : ''}
${workshops.length ? raw(govukTable({ caption: 'Workshops', columns: [{ header: 'Locality' }, { header: 'Held on' }, { header: 'Title' }, { header: 'Status' }, { header: 'Issues', numeric: true }], rows })) : html`<p class="govuk-body">No workshops yet.</p>`}
${open}`;
}

function workshopBody(s: Session, w: Workshop, issues: WorkshopIssue[], categories: readonly string[]): Html {
  const mayRecord = w.status === 'open' && roleAtLeast(s.user.role, 'practitioner');
  const own = issues.filter((i) => i.recordedBy === s.user.username);
  const canDelete = (i: WorkshopIssue) => w.status === 'open' && (i.recordedBy === s.user.username || roleAtLeast(s.user.role, 'analyst'));
  const rows = issues.map((i) => [
    i.category,
    i.text ?? '',
    i.organisation,
    i.rank ?? '—',
    i.recordedBy ?? '',
    { html: canDelete(i) ? html`<form method="post" action="/workshops/${w.workshopId}/issues/${i.issueId}/delete">${csrfField(s)}<button class="govuk-button govuk-button--warning app-button--small" data-module="govuk-button">Remove</button></form>`.html : '' },
  ]);
  const record = mayRecord
    ? html`<h2 class="govuk-heading-m">Record an issue</h2>
<form method="post" action="/workshops/${w.workshopId}/issues">${csrfField(s)}
<div class="govuk-form-group"><label class="govuk-label" for="category">Issue</label><select class="govuk-select" id="category" name="category">${categories.map((c) => html`<option value="${c}">${c}</option>`)}</select></div>
<div class="govuk-form-group"><label class="govuk-label" for="text">What you see (optional; required for Other)</label><textarea class="govuk-textarea" id="text" name="text" rows="3" maxlength="${LIMITS.text}"></textarea></div>
<div class="govuk-form-group"><label class="govuk-label" for="organisation">Organisation</label><input class="govuk-input govuk-!-width-one-half" id="organisation" name="organisation" maxlength="${LIMITS.organisation}" value="${s.user.organisation ?? ''}"></div>
<button class="govuk-button" data-module="govuk-button">Record issue</button></form>`
    : '';
  const rank =
    mayRecord && own.length > 1
      ? html`<h2 class="govuk-heading-m">Rank your issues</h2><p class="govuk-body">1 is the most important.</p>
<form method="post" action="/workshops/${w.workshopId}/ranking">${csrfField(s)}
${own.map((i) => html`<div class="govuk-form-group"><label class="govuk-label" for="rank_${i.issueId}">${i.category}${i.text ? `: ${i.text}` : ''}</label><input class="govuk-input govuk-input--width-2" id="rank_${i.issueId}" name="rank_${i.issueId}" inputmode="numeric" value="${i.rank ?? ''}"></div>`)}
<button class="govuk-button" data-module="govuk-button">Save ranking</button></form>`
      : '';
  const status = roleAtLeast(s.user.role, 'analyst')
    ? html`<form method="post" action="/workshops/${w.workshopId}/status">${csrfField(s)}<input type="hidden" name="status" value="${w.status === 'open' ? 'closed' : 'open'}"><button class="govuk-button govuk-button--secondary" data-module="govuk-button">${w.status === 'open' ? 'Close the workshop' : 'Reopen the workshop'}</button></form>`
    : '';
  return html`<p class="govuk-body">${w.title ?? ''} <strong class="govuk-tag${w.status === 'open' ? ' govuk-tag--green' : ' govuk-tag--grey'}">${w.status}</strong></p>
${issues.length ? raw(govukTable({ caption: 'Issues recorded', columns: [{ header: 'Issue' }, { header: 'Detail' }, { header: 'Organisation' }, { header: 'Rank', numeric: true }, { header: 'Recorded by' }, { header: '' }], rows })) : html`<p class="govuk-body">No issues recorded yet.</p>`}
${record}${rank}${status}`;
}
