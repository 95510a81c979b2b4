import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';

export function portOption(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw cspError('CSP_ERR_USAGE', `--port must be a number from 0 to 65535, got "${value}"`);
  return port;
}

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 5000;

export function registerServe(program: Command, state: CliState): void {
  program
    .command('serve')
    .description('serve the dashboard, workshops, registers and the report to signed-in users (add accounts with `user add`)')
    .option('--db <file>', 'store file (held open by the server: one server per store)', DEFAULT_DB)
    .option('--model <file>', 'assessment.json to serve (validated like `report --model`)', 'out/assessment.json')
    .option('--config <file>', 'area configuration: workshop issue categories, and analysts may rebuild the assessment')
    .option('--data-dir <dir>', 'data directory for --config (default: CSP_ASSESS_DATA)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 for any free one)', '3000')
    .option('--allowed-host <name...>', 'more Host names to answer for, e.g. the name users type')
    .option('--secure-cookies', 'mark the session cookie Secure (when served behind TLS)')
    .action(
      action(state, async (opts: { db: string; model: string; config?: string; dataDir?: string; host: string; port: string; allowedHost?: string[]; secureCookies?: boolean }) => {
        const port = portOption(opts.port);
        const { loadAreaConfig } = await import('../../config/area-config.ts');
        const config = opts.config ? loadAreaConfig(opts.config, dataDirOption(opts.dataDir)) : undefined;
        const { buildApp } = await import('../../server/app.ts');
        const app = await buildApp({
          db: opts.db,
          model: opts.model,
          host: opts.host,
          logger: false,
          ...(config ? { config } : {}),
          ...(opts.allowedHost ? { allowedHosts: opts.allowedHost } : {}),
          ...(opts.secureCookies ? { secureCookies: true } : {}),
        });
        try {
          await app.listen({ host: opts.host, port });
        } catch (e) {
          await app.close();
          const err = e as NodeJS.ErrnoException;
          const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EADDRNOTAVAIL' ? 'the address is not one of this machine' : err.code === 'EACCES' ? 'permission denied' : err.message;
          throw cspError('CSP_ERR_LISTEN', `cannot listen on ${opts.host}:${port}: ${why}`, undefined, e);
        }
        const addr = app.server.address() as AddressInfo;
        const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
        state.io.stderr(`csp-assess serving http://${shown}:${addr.port}${addr.address === '0.0.0.0' || addr.address === '::' ? ' (every interface of this machine)' : ''}\n`);
        await new Promise<void>((resolveClose) => {
          const close = (signal: string) => {
            state.io.stderr(`csp-assess: ${signal}, stopping\n`);
            // Whatever hangs, the process ends within the budget.
            setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
            void app.close().then(() => resolveClose());
          };
          process.once('SIGINT', () => close('SIGINT'));
          process.once('SIGTERM', () => close('SIGTERM'));
        });
      }),
    );
}
