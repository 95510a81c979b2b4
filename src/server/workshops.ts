import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { workshopPriorities, type WorkshopPriorities } from '../analysis/workshop-priorities.ts';
import { cspError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { roleAtLeast, type User } from './auth/accounts.ts';
import { audit } from './audit.ts';

/** Free text is stored exactly as written, within these lengths (characters). */
export const LIMITS = { title: 200, locality: 100, organisation: 120, text: 1000 } as const;

export interface Workshop {
  workshopId: string;
  locality: string;
  heldOn: string;
  title: string | null;
  status: 'open' | 'closed';
  createdBy: string | null;
  issues: number;
}

export interface WorkshopIssue {
  issueId: string;
  workshopId: string;
  locality: string;
  organisation: string;
  category: string;
  text: string | null;
  rank: number | null;
  recordedBy: string | null;
  recordedAt: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const optionalText = (max: number) => z.string().max(max, `at most ${max} characters`).optional().transform((s) => (s === undefined || s.trim() === '' ? null : s));

export const NewWorkshop = z.object({ locality: z.string().min(1).max(LIMITS.locality), heldOn: isoDate, title: optionalText(LIMITS.title) });
export const NewIssue = z.object({
  category: z.string().min(1).max(LIMITS.title),
  text: optionalText(LIMITS.text),
  organisation: optionalText(LIMITS.organisation),
  rank: z.coerce.number().int().min(1).max(99).optional(),
});
export const Ranking = z.object({ issueIds: z.array(z.string().max(64)).min(1).max(200) });
export const WorkshopStatus = z.object({ status: z.enum(['open', 'closed']) });

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw cspError('CSP_ERR_USAGE', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

const WORKSHOP_SQL = `SELECT w.workshop_id AS "workshopId", w.locality, strftime(w.held_on, '%Y-%m-%d') AS "heldOn", w.title, w.status, w.created_by AS "createdBy",
  (SELECT count(*) FROM workshop_issue i WHERE i.workshop_id = w.workshop_id) AS issues FROM workshop w`;
const ISSUE_SQL = `SELECT issue_id AS "issueId", workshop_id AS "workshopId", locality, organisation, category, issue_text AS text, rank, recorded_by AS "recordedBy", strftime(recorded_at, '%Y-%m-%d %H:%M') AS "recordedAt" FROM workshop_issue`;

export async function listWorkshops(store: Store): Promise<Workshop[]> {
  return store.all<Workshop>(`${WORKSHOP_SQL} ORDER BY w.held_on DESC, w.locality`);
}

export async function getWorkshop(store: Store, id: string): Promise<{ workshop: Workshop; issues: WorkshopIssue[] }> {
  const workshop = await store.one<Workshop>(`${WORKSHOP_SQL} WHERE w.workshop_id = $1`, [id]);
  if (!workshop) throw cspError('CSP_ERR_NOT_FOUND', `no workshop "${id}"`);
  const issues = await store.all<WorkshopIssue>(`${ISSUE_SQL} WHERE workshop_id = $1 ORDER BY recorded_by, rank NULLS LAST, recorded_at`, [id]);
  return { workshop, issues };
}

export async function createWorkshop(store: Store, user: User, input: z.infer<typeof NewWorkshop>, localities: readonly string[]): Promise<Workshop> {
  if (localities.length && !localities.includes(input.locality)) throw cspError('CSP_ERR_USAGE', `unknown locality "${input.locality}": use one of ${localities.join(', ')}`);
  const id = randomUUID();
  await store.transaction(async () => {
    await store.run('INSERT INTO workshop (workshop_id, locality, held_on, title, created_by) VALUES ($1, $2, CAST($3 AS DATE), $4, $5)', [id, input.locality, input.heldOn, input.title, user.username]);
    await audit(store, user.username, 'create', `workshop:${id}`, input);
  });
  return (await getWorkshop(store, id)).workshop;
}

export async function setWorkshopStatus(store: Store, user: User, id: string, status: 'open' | 'closed'): Promise<void> {
  await getWorkshop(store, id);
  await store.transaction(async () => {
    await store.run('UPDATE workshop SET status = $1 WHERE workshop_id = $2', [status, id]);
    await audit(store, user.username, 'update', `workshop:${id}`, { status });
  });
}

export async function addIssue(store: Store, user: User, workshopId: string, input: z.infer<typeof NewIssue>, categories: readonly string[]): Promise<WorkshopIssue> {
  const { workshop } = await getWorkshop(store, workshopId);
  if (workshop.status !== 'open') throw cspError('CSP_ERR_FORBIDDEN', 'this workshop is closed');
  if (!categories.includes(input.category)) throw cspError('CSP_ERR_USAGE', `unknown issue category "${input.category}": choose one of the list, or Other with a description`);
  if (input.category === 'Other' && !input.text) throw cspError('CSP_ERR_USAGE', 'describe an issue recorded as Other');
  const organisation = input.organisation ?? user.organisation;
  if (!organisation) throw cspError('CSP_ERR_USAGE', 'give the organisation the issue is raised for');
  const id = randomUUID();
  const rank = input.rank ?? (await nextRank(store, workshopId, user.username));
  await store.transaction(async () => {
    await store.run(
      `INSERT INTO workshop_issue (issue_id, workshop_id, locality, organisation, category, issue_text, rank, recorded_by, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'web')`,
      [id, workshopId, workshop.locality, organisation, input.category, input.text, rank, user.username],
    );
    await audit(store, user.username, 'create', `workshop-issue:${id}`, { workshop: workshopId, category: input.category, organisation, rank });
  });
  return (await store.one<WorkshopIssue>(`${ISSUE_SQL} WHERE issue_id = $1`, [id]))!;
}

async function nextRank(store: Store, workshopId: string, username: string): Promise<number> {
  const r = await store.one<{ n: number }>('SELECT coalesce(max(rank), 0) + 1 AS n FROM workshop_issue WHERE workshop_id = $1 AND recorded_by = $2', [workshopId, username]);
  return r!.n;
}

/** Ranks the user's own issues in the order given (1 = most important); every one of them must be listed once. */
export async function rankIssues(store: Store, user: User, workshopId: string, issueIds: readonly string[]): Promise<void> {
  const { workshop, issues } = await getWorkshop(store, workshopId);
  if (workshop.status !== 'open') throw cspError('CSP_ERR_FORBIDDEN', 'this workshop is closed');
  const own = issues.filter((i) => i.recordedBy === user.username).map((i) => i.issueId);
  if (new Set(issueIds).size !== issueIds.length || issueIds.length !== own.length || !issueIds.every((id) => own.includes(id))) {
    throw cspError('CSP_ERR_USAGE', 'list each of your issues in this workshop exactly once');
  }
  await store.transaction(async () => {
    for (const [i, id] of issueIds.entries()) await store.run('UPDATE workshop_issue SET rank = $1 WHERE issue_id = $2', [i + 1, id]);
    await audit(store, user.username, 'update', `workshop:${workshopId}`, { ranking: issueIds });
  });
}

export async function deleteIssue(store: Store, user: User, workshopId: string, issueId: string): Promise<void> {
  const issue = await store.one<WorkshopIssue>(`${ISSUE_SQL} WHERE issue_id = $1 AND workshop_id = $2`, [issueId, workshopId]);
  if (!issue) throw cspError('CSP_ERR_NOT_FOUND', `no issue "${issueId}" in this workshop`);
  if (issue.recordedBy !== user.username && !roleAtLeast(user.role, 'analyst')) throw cspError('CSP_ERR_FORBIDDEN', 'only who recorded an issue, or an analyst, may remove it');
  await store.transaction(async () => {
    await store.run('DELETE FROM workshop_issue WHERE issue_id = $1', [issueId]);
    await audit(store, user.username, 'delete', `workshop-issue:${issueId}`, { workshop: workshopId, category: issue.category });
  });
}

/** The aggregate over every workshop issue (web and imported). */
export async function workshopAggregate(store: Store): Promise<WorkshopPriorities> {
  const rows = await store.all<{ locality: string; organisation: string; category: string; rank: number | null }>('SELECT locality, organisation, category, rank FROM workshop_issue');
  return workshopPriorities(rows);
}

/**
 * Every workshop issue as an XLSX workbook. Typed text goes in as string cells, and text that a
 * spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with an apostrophe, so no cell
 * is ever a formula, even once copied into a CSV.
 */
export async function workshopIssuesXlsx(store: Store): Promise<Buffer> {
  const rows = await store.all<WorkshopIssue & { heldOn: string }>(
    `SELECT i.issue_id AS "issueId", i.locality, strftime(w.held_on, '%Y-%m-%d') AS "heldOn", i.organisation, i.category, i.issue_text AS text, i.rank, i.recorded_by AS "recordedBy", strftime(i.recorded_at, '%Y-%m-%d %H:%M') AS "recordedAt"
     FROM workshop_issue i JOIN workshop w USING (workshop_id) ORDER BY w.held_on, i.locality, i.recorded_by, i.rank`,
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Workshop issues');
  ws.columns = [
    { header: 'Locality', key: 'locality', width: 16 },
    { header: 'Held on', key: 'heldOn', width: 12 },
    { header: 'Organisation', key: 'organisation', width: 24 },
    { header: 'Issue', key: 'category', width: 28 },
    { header: 'Detail', key: 'text', width: 60 },
    { header: 'Rank', key: 'rank', width: 6 },
    { header: 'Recorded by', key: 'recordedBy', width: 14 },
    { header: 'Recorded at', key: 'recordedAt', width: 17 },
  ];
  for (const r of rows) {
    ws.addRow({ ...r, locality: inert(r.locality), organisation: inert(r.organisation), category: inert(r.category), text: r.text === null ? null : inert(r.text) });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text a spreadsheet will not take for a formula. */
export function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
