import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cspError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { User } from './auth/accounts.ts';
import { audit } from './audit.ts';

export interface RegisterField {
  name: string;
  column: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select';
  max: number;
  required?: boolean;
  options?: readonly string[];
}

/** A register analysts keep in the web app: the intelligence gaps, the data source catalogue. */
export interface Register {
  /** URL and audit name: 'gaps', 'sources'. */
  name: string;
  title: string;
  singular: string;
  table: string;
  idColumn: string;
  fields: readonly RegisterField[];
}

export const GAPS: Register = {
  name: 'gaps',
  title: 'Intelligence gaps',
  singular: 'gap',
  table: 'intelligence_gap',
  idColumn: 'gap_id',
  fields: [
    { name: 'title', column: 'title', label: 'Gap', kind: 'text', max: 200, required: true },
    { name: 'description', column: 'description', label: 'What is missing and why it matters', kind: 'textarea', max: 2000 },
    { name: 'theme', column: 'theme', label: 'Theme', kind: 'text', max: 200 },
    { name: 'owner', column: 'owner', label: 'Owner', kind: 'text', max: 200 },
    { name: 'status', column: 'status', label: 'Status', kind: 'select', max: 20, required: true, options: ['open', 'in progress', 'closed'] },
  ],
};

export const SOURCES: Register = {
  name: 'sources',
  title: 'Data sources',
  singular: 'source',
  table: 'data_source',
  idColumn: 'source_id',
  fields: [
    { name: 'name', column: 'name', label: 'Source', kind: 'text', max: 200, required: true },
    { name: 'owner', column: 'owner', label: 'Owner', kind: 'text', max: 200 },
    { name: 'coverage', column: 'coverage', label: 'Coverage (area and period)', kind: 'text', max: 500 },
    { name: 'refreshedOn', column: 'refreshed_on', label: 'Last refreshed', kind: 'date', max: 10 },
    { name: 'qualityNotes', column: 'quality_notes', label: 'Quality notes', kind: 'textarea', max: 2000 },
  ],
};

export type RegisterEntry = Record<string, string | null> & { id: string; updatedBy: string | null; updatedAt: string };

function schema(r: Register) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of r.fields) {
    let s: z.ZodType<string | null> = z
      .string()
      .max(f.max, `at most ${f.max} characters`)
      .transform((v) => (v.trim() === '' ? null : v));
    if (f.kind === 'date') s = s.refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'expected a date as YYYY-MM-DD');
    if (f.options) s = s.refine((v) => v === null || f.options!.includes(v), `one of ${f.options.join(', ')}`);
    if (f.required) s = s.refine((v) => v !== null, 'required');
    shape[f.name] = f.required ? s : s.optional().transform((v) => v ?? null);
  }
  return z.object(shape);
}

export function parseEntry(r: Register, body: unknown): Record<string, string | null> {
  const p = schema(r).safeParse(body ?? {});
  if (!p.success) throw cspError('CSP_ERR_USAGE', p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return p.data as Record<string, string | null>;
}

const select = (r: Register) =>
  `SELECT ${r.idColumn} AS id, ${r.fields.map((f) => (f.kind === 'date' ? `strftime(${f.column}, '%Y-%m-%d')` : f.column) + ` AS "${f.name}"`).join(', ')}, updated_by AS "updatedBy", strftime(updated_at, '%Y-%m-%d %H:%M') AS "updatedAt" FROM ${r.table}`;

export async function listEntries(store: Store, r: Register): Promise<RegisterEntry[]> {
  return store.all<RegisterEntry>(`${select(r)} ORDER BY updated_at DESC`);
}

export async function getEntry(store: Store, r: Register, id: string): Promise<RegisterEntry> {
  const e = await store.one<RegisterEntry>(`${select(r)} WHERE ${r.idColumn} = $1`, [id]);
  if (!e) throw cspError('CSP_ERR_NOT_FOUND', `no ${r.singular} "${id}"`);
  return e;
}

const bind = (r: Register, f: RegisterField, i: number) => (f.kind === 'date' ? `CAST($${i} AS DATE)` : `$${i}`);

export async function createEntry(store: Store, r: Register, user: User, values: Record<string, string | null>): Promise<RegisterEntry> {
  const id = randomUUID();
  const cols = r.fields.map((f) => f.column);
  const params = [id, ...r.fields.map((f) => values[f.name] ?? null), user.username];
  await store.transaction(async () => {
    await store.run(`INSERT INTO ${r.table} (${r.idColumn}, ${cols.join(', ')}, updated_by) VALUES ($1, ${r.fields.map((f, i) => bind(r, f, i + 2)).join(', ')}, $${r.fields.length + 2})`, params);
    await audit(store, user.username, 'create', `${r.singular}:${id}`, values);
  });
  return getEntry(store, r, id);
}

export async function updateEntry(store: Store, r: Register, user: User, id: string, values: Record<string, string | null>): Promise<RegisterEntry> {
  const before = await getEntry(store, r, id);
  const sets = r.fields.map((f, i) => `${f.column} = ${bind(r, f, i + 1)}`).join(', ');
  const n = r.fields.length;
  await store.transaction(async () => {
    await store.run(`UPDATE ${r.table} SET ${sets}, updated_by = $${n + 1}, updated_at = current_timestamp WHERE ${r.idColumn} = $${n + 2}`, [...r.fields.map((f) => values[f.name] ?? null), user.username, id]);
    const changed = Object.fromEntries(r.fields.filter((f) => before[f.name] !== (values[f.name] ?? null)).map((f) => [f.name, { from: before[f.name], to: values[f.name] ?? null }]));
    await audit(store, user.username, 'update', `${r.singular}:${id}`, changed);
  });
  return getEntry(store, r, id);
}
