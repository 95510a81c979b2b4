import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { govukTable } from '../../render/html/table.ts';
import { requireRole, visibleModel } from '../access.ts';
import { roleAtLeast } from '../auth/accounts.ts';
import type { Session } from '../auth/sessions.ts';
import type { AppContext } from '../app.ts';
import { html, page, raw, type Html } from '../html/layout.ts';
import { createEntry, GAPS, getEntry, listEntries, parseEntry, type Register, type RegisterEntry, type RegisterField, SOURCES, updateEntry } from '../registers.ts';

type Id = { Params: { id: string } };
const send = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

function field(f: RegisterField, value: string | null): Html {
  const id = `f-${f.name}`;
  const label = html`<label class="govuk-label" for="${id}">${f.label}</label>`;
  if (f.kind === 'textarea') return html`<div class="govuk-form-group">${label}<textarea class="govuk-textarea" id="${id}" name="${f.name}" rows="4" maxlength="${f.max}">${value ?? ''}</textarea></div>`;
  if (f.kind === 'select') return html`<div class="govuk-form-group">${label}<select class="govuk-select" id="${id}" name="${f.name}">${f.options!.map((o) => html`<option value="${o}"${raw(o === value ? ' selected' : '')}>${o}</option>`)}</select></div>`;
  return html`<div class="govuk-form-group">${label}<input class="govuk-input${f.kind === 'date' ? ' govuk-input--width-10' : ''}" id="${id}" name="${f.name}" type="${f.kind === 'date' ? 'date' : 'text'}" maxlength="${f.max}" value="${value ?? ''}"></div>`;
}

function entryForm(r: Register, s: Session, action: string, entry: RegisterEntry | null, button: string): Html {
  return html`<form method="post" action="${action}"><input type="hidden" name="_csrf" value="${s.csrfToken}">${r.fields.map((f) => field(f, entry?.[f.name] ?? null))}<button class="govuk-button" data-module="govuk-button">${button}</button></form>`;
}

function entriesTable(r: Register, entries: RegisterEntry[], editable: boolean): Html {
  const columns = [...r.fields.map((f) => ({ header: f.label })), { header: 'Updated' }];
  const rows = entries.map((e) => [
    ...r.fields.map((f, i) => (i === 0 && editable ? { html: html`<a class="govuk-link" href="/${r.name}/${e.id}">${e[f.name] ?? ''}</a>`.html } : (e[f.name] ?? ''))),
    `${e.updatedAt} by ${e.updatedBy ?? ''}`,
  ]);
  return entries.length ? raw(govukTable({ caption: r.title, columns, rows, className: 'app-table--compact' })) : html`<p class="govuk-body">None recorded yet.</p>`;
}

/** The intelligence gaps register and the data source catalogue: read by every signed-in user, kept by analysts. */
export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const extras: Record<string, (req: FastifyRequest, s: Session) => Promise<Html>> = {
    gaps: async (_req, s) => {
      const a = ctx.assessment();
      const missing = a ? (visibleModel(a, s.user).themes ?? []).flatMap((t) => t.issues.filter((i) => !i.hasData).map((i) => [t.title, i.title])) : [];
      return missing.length ? raw(govukTable({ caption: 'Issues the assessment has no data for', columns: [{ header: 'Theme' }, { header: 'Issue' }], rows: missing })) : html``;
    },
    sources: async (req) => {
      const loads = await req.db((st) =>
        st.all<{ source: string; kind: string; files: number; rows: number; last: string; synthetic: boolean }>(
          `SELECT source, kind, count(*) AS files, sum(rows) AS rows, strftime(max(loaded_at), '%Y-%m-%d %H:%M') AS last, bool_or(synthetic) AS synthetic FROM loads GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
      );
      return loads.length
        ? raw(govukTable({ caption: 'Loaded into this store', columns: [{ header: 'Source' }, { header: 'Kind' }, { header: 'Files', numeric: true }, { header: 'Rows', numeric: true }, { header: 'Last loaded' }, { header: 'Synthetic' }], rows: loads.map((l) => [l.source, l.kind, l.files, l.rows, l.last, l.synthetic ? 'yes' : 'no']) }))
        : html``;
    },
  };

  for (const r of [GAPS, SOURCES]) {
    app.get(`/api/${r.name}`, async (req) => req.db((st) => listEntries(st, r)));
    app.get<Id>(`/api/${r.name}/:id`, async (req) => req.db((st) => getEntry(st, r, req.params.id)));
    app.post(`/api/${r.name}`, async (req, reply) => {
      const s = requireRole(req.session, 'analyst');
      const values = parseEntry(r, req.body);
      return reply.code(201).send(await req.db((st) => createEntry(st, r, s.user, values)));
    });
    app.put<Id>(`/api/${r.name}/:id`, async (req) => {
      const s = requireRole(req.session, 'analyst');
      const values = parseEntry(r, req.body);
      return req.db((st) => updateEntry(st, r, s.user, req.params.id, values));
    });

    app.get(`/${r.name}`, async (req, reply) => {
      const s = req.session!;
      const editable = roleAtLeast(s.user.role, 'analyst');
      const entries = await req.db((st) => listEntries(st, r));
      const body = html`${entriesTable(r, entries, editable)}${await extras[r.name]!(req, s)}${editable ? html`<h2 class="govuk-heading-m">Add a ${r.singular}</h2>${entryForm(r, s, `/${r.name}`, null, `Add ${r.singular}`)}` : ''}`;
      return send(reply, page({ title: r.title, session: s, current: r.name as 'gaps' | 'sources', body }));
    });
    app.post(`/${r.name}`, async (req, reply) => {
      const s = requireRole(req.session, 'analyst');
      await req.db((st) => createEntry(st, r, s.user, parseEntry(r, req.body)));
      return reply.redirect(`/${r.name}`, 303);
    });
    app.get<Id>(`/${r.name}/:id`, async (req, reply) => {
      const s = requireRole(req.session, 'analyst');
      const e = await req.db((st) => getEntry(st, r, req.params.id));
      return send(reply, page({ title: `Edit ${r.singular}`, session: s, current: r.name as 'gaps' | 'sources', body: entryForm(r, s, `/${r.name}/${e.id}`, e, 'Save changes') }));
    });
    app.post<Id>(`/${r.name}/:id`, async (req, reply) => {
      const s = requireRole(req.session, 'analyst');
      await req.db((st) => updateEntry(st, r, s.user, req.params.id, parseEntry(r, req.body)));
      return reply.redirect(`/${r.name}`, 303);
    });
  }
}
