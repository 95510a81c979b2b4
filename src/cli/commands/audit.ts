import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB } from '../options.ts';
import { printJson } from '../output.ts';

export function registerAudit(program: Command, state: CliState): void {
  program
    .command('audit')
    .description('print the audit log: sign-ins, views of restricted data, workshop, gap and source changes')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--since <time>', 'from this time on (YYYY-MM-DD or YYYY-MM-DD HH:MM)')
    .option('--json', 'as JSON')
    .action(
      action(state, async (opts: { db: string; since?: string; json?: boolean }) => {
        if (opts.since !== undefined && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(opts.since)) throw cspError('CSP_ERR_USAGE', `--since must be YYYY-MM-DD or YYYY-MM-DD HH:MM, got "${opts.since}"`);
        const [{ readAudit }, { withStore }] = await Promise.all([import('../../server/audit.ts'), import('../../store/store.ts')]);
        const entries = await withStore(opts.db, (s) => readAudit(s, opts.since ? { since: opts.since } : {}));
        if (opts.json) return printJson(state.io, entries);
        for (const e of entries) state.io.stdout(`${e.at}  ${(e.username ?? '-').padEnd(16)} ${e.action.padEnd(15)} ${e.object}${e.detail ? `  ${e.detail}` : ''}\n`);
      }),
    );
}
