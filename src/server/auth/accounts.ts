import { cspError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { hashPassword } from './passwords.ts';

import { ROLES, type Role } from './roles.ts';

export { ROLES, type Role };

/** What each role may do beyond reading (every signed-in role reads the dashboard, workshops, gaps and sources). */
const ranks: Record<Role, number> = { viewer: 0, practitioner: 1, analyst: 2, admin: 3 };

/** True when `role` is `least` or above: admin > analyst > practitioner > viewer. */
export function roleAtLeast(role: Role, least: Role): boolean {
  return ranks[role] >= ranks[least];
}

export interface User {
  username: string;
  role: Role;
  restrictedClearance: boolean;
  organisation: string | null;
  disabled: boolean;
}

export interface UserRow extends User {
  passwordHash: string;
  createdAt: string;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
export const MIN_PASSWORD = 12;

export function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw cspError('CSP_ERR_USAGE', `unknown role "${value}": use ${ROLES.join(', ')}`);
  return value as Role;
}

const SELECT = `SELECT username, role, restricted_clearance AS "restrictedClearance", organisation, disabled, password_hash AS "passwordHash", strftime(created_at, '%Y-%m-%d %H:%M:%S') AS "createdAt" FROM app_user`;

export async function addUser(store: Store, u: { username: string; role: Role; password: string; restrictedClearance: boolean; organisation?: string }): Promise<User> {
  if (!USERNAME.test(u.username)) throw cspError('CSP_ERR_USAGE', 'a username is 1 to 64 letters, digits and . _ @ -');
  if ([...u.password].length < MIN_PASSWORD) throw cspError('CSP_ERR_USAGE', `a password needs at least ${MIN_PASSWORD} characters`);
  if (await findUser(store, u.username)) throw cspError('CSP_ERR_USAGE', `user "${u.username}" already exists`);
  const hash = await hashPassword(u.password);
  await store.run('INSERT INTO app_user (username, role, restricted_clearance, organisation, password_hash) VALUES ($1, $2, $3, $4, $5)', [
    u.username,
    u.role,
    u.restrictedClearance,
    u.organisation ?? null,
    hash,
  ]);
  return { username: u.username, role: u.role, restrictedClearance: u.restrictedClearance, organisation: u.organisation ?? null, disabled: false };
}

export async function findUser(store: Store, username: string): Promise<UserRow | undefined> {
  return store.one<UserRow>(`${SELECT} WHERE username = $1`, [username]);
}

export async function listUsers(store: Store): Promise<UserRow[]> {
  return store.all<UserRow>(`${SELECT} ORDER BY username`);
}

/** Disables an account and ends its sessions at once. */
export async function disableUser(store: Store, username: string): Promise<void> {
  if (!(await findUser(store, username))) throw cspError('CSP_ERR_USAGE', `no user "${username}"`);
  await store.transaction(async () => {
    await store.run('UPDATE app_user SET disabled = true WHERE username = $1', [username]);
    await store.run('DELETE FROM app_session WHERE username = $1', [username]);
  });
}
