import type { Command } from 'commander';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB } from '../options.ts';

export function registerServe(program: Command, state: CliState): void {
  program
    .command('serve')
    .description('serve the report and a JSON API on this machine')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--model <file>', 'assessment.json to serve', 'out/assessment.json')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port', '3000')
    .action(
      action(state, async (opts: { db: string; model: string; host: string; port: string }) => {
        const { buildApp } = await import('../../server/app.ts');
        const app = await buildApp({ db: opts.db, model: opts.model, logger: true });
        const address = await app.listen({ host: opts.host, port: Number(opts.port) });
        state.io.stderr(`csp-assess serving ${address}\n`);
        await new Promise<void>((resolveClose) => {
          const close = () => void app.close().then(() => resolveClose());
          process.once('SIGINT', close);
          process.once('SIGTERM', close);
        });
      }),
    );
}
