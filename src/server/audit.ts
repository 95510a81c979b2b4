import type { Store } from '../store/store.ts';

export type AuditAction = 'sign-in' | 'sign-in-refused' | 'sign-out' | 'view' | 'create' | 'update' | 'delete';

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: AuditAction;
  object: string;
  detail: string | null;
}

export async function audit(store: Store, username: string | null, action: AuditAction, object: string, detail?: unknown): Promise<void> {
  await store.run('INSERT INTO audit_log (username, action, object, detail) VALUES ($1, $2, $3, $4)', [
    username,
    action,
    object,
    detail === undefined ? null : typeof detail === 'string' ? detail : JSON.stringify(detail),
  ]);
}

export async function readAudit(store: Store, opts: { since?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const where = opts.since ? 'WHERE logged_at >= CAST($since AS TIMESTAMP)' : '';
  const params: Record<string, string | number> = { limit: opts.limit ?? 1_000_000 };
  if (opts.since) params.since = opts.since;
  return store.all<AuditEntry>(
    `SELECT audit_id AS id, strftime(logged_at, '%Y-%m-%d %H:%M:%S') AS at, username, action, object, detail FROM audit_log ${where} ORDER BY audit_id LIMIT $limit`,
    params,
  );
}
