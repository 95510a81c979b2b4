import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/output.ts';

/** Runs the CLI in-process with `stdin` as standard input. */
export async function runCliStdin(stdin: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, readStdin: async () => stdin };
  const code = await main(['node', 'csp-assess', ...args], io);
  return { code, stdout, stderr };
}

export const PASSWORD = 'correct horse battery';

/** The accounts the server tests sign in with: one per role, the analyst with restricted clearance. */
export async function addTestUsers(db: string): Promise<void> {
  for (const [username, role, extra] of [
    ['ana', 'analyst', ['--restricted', '--organisation', 'Community Safety Team']],
    ['pat', 'practitioner', ['--organisation', 'Stockport Homes']],
    ['pip', 'practitioner', ['--organisation', 'Greater Manchester Police']],
    ['vic', 'viewer', []],
  ] as const) {
    const r = await runCliStdin(`${PASSWORD}\n`, 'user', 'add', '--db', db, '--username', username, '--role', role, ...extra, '--password-stdin');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}

export interface SignedIn {
  cookie: string;
  csrf: string;
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<SignedIn> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  expect(r.statusCode).toBe(200);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: r.json().csrfToken };
}

/** A JSON request as a signed-in user, with the CSRF token on changes. */
export function as(app: FastifyInstance, who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': who.csrf }) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
