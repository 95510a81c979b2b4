import type { Command } from 'commander';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB } from '../options.ts';
import { printJson } from '../output.ts';

/** `csp-assess ingest partner NAME FILE [--db FILE] [--key-file F] [--json]`. */
export function registerIngestPartner(ingest: Command, state: CliState): void {
  ingest
    .command('partner')
    .description('load a partnership extract (CSV or XLSX in the template of NAME; see `template --list`)')
    .argument('<name>', 'dataset name')
    .argument('<file>', 'the extract')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--key-file <file>', 'pseudonymisation key file (else CSP_ASSESS_PSEUDONYM_KEY)')
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (name: string, file: string, opts: { db: string; keyFile?: string; json?: boolean }) => {
        const { runIngestPartner } = await import('../../pipelines/ingest.ts');
        const { spec, result } = await runIngestPartner(name, file, { db: opts.db, keyFile: opts.keyFile });
        if (opts.json) printJson(state.io, result);
        else
          state.io.stdout(
            `Loaded ${result.rows.toLocaleString('en-GB')} ${spec.name} rows from ${file}` +
              (result.people ? `; ${result.people.toLocaleString('en-GB')} person identifiers pseudonymised.\n` : '.\n'),
          );
      }),
    );
}
