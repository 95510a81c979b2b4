import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { ROLES } from '../../server/auth/roles.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB } from '../options.ts';
import { printJson } from '../output.ts';

/** The account functions and the store, loaded when a command runs. */
const load = async () => {
  const [accounts, { withStore }] = await Promise.all([import('../../server/auth/accounts.ts'), import('../../store/store.ts')]);
  return { ...accounts, withStore };
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The password from standard input: its first line, without the line ending. */
export async function readPasswordStdin(state: CliState): Promise<string> {
  const text = await (state.io.readStdin ?? readStdin)();
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw cspError('CSP_ERR_USAGE', 'no password on standard input');
  return line;
}

export function registerUser(program: Command, state: CliState): void {
  const user = program.command('user').description('web app accounts: add, list, disable');
  user
    .command('add')
    .description(`add an account; roles: ${ROLES.join(', ')}`)
    .option('--db <file>', 'store file', DEFAULT_DB)
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--restricted', 'restricted clearance: may see OCG, Prevent and CSE detail')
    .option('--organisation <name>', 'the organisation the person records workshop issues for')
    .option('--password-stdin', 'read the password from standard input (required: never on the command line)')
    .action(
      action(state, async (opts: { db: string; username: string; role: string; restricted?: boolean; organisation?: string; passwordStdin?: boolean }) => {
        const { parseRole, withStore, addUser } = await load();
        const role = parseRole(opts.role);
        if (!opts.passwordStdin) throw cspError('CSP_ERR_USAGE', 'give the password on standard input with --password-stdin');
        const password = await readPasswordStdin(state);
        const u = await withStore(opts.db, (s) =>
          addUser(s, { username: opts.username, role, password, restrictedClearance: opts.restricted ?? false, ...(opts.organisation ? { organisation: opts.organisation } : {}) }),
        );
        state.io.stdout(`added ${u.username} (${u.role}${u.restrictedClearance ? ', restricted clearance' : ''})\n`);
      }),
    );
  user
    .command('list')
    .description('list accounts')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--json', 'as JSON')
    .action(
      action(state, async (opts: { db: string; json?: boolean }) => {
        const { withStore, listUsers } = await load();
        const users = (await withStore(opts.db, listUsers)).map(({ passwordHash: _hash, ...u }) => u);
        if (opts.json) return printJson(state.io, users);
        for (const u of users) {
          state.io.stdout(`${u.username.padEnd(20)} ${u.role.padEnd(13)} ${(u.restrictedClearance ? 'restricted' : '').padEnd(11)} ${(u.disabled ? 'disabled' : 'active').padEnd(9)} ${u.organisation ?? ''}\n`);
        }
      }),
    );
  user
    .command('disable')
    .description('disable an account and end its sessions')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .requiredOption('--username <name>', 'sign-in name')
    .action(
      action(state, async (opts: { db: string; username: string }) => {
        const { withStore, disableUser } = await load();
        await withStore(opts.db, (s) => disableUser(s, opts.username));
        state.io.stdout(`disabled ${opts.username}\n`);
      }),
    );
}
