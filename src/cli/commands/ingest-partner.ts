import type { Command } from 'commander';
import { findDataset, personIdColumns } from '../../sources/partnership/datasets.ts';
import { resolvePseudonymKey } from '../../sources/partnership/pseudonymise.ts';
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
        const { withStore } = await import('../../store/store.ts');
        const { ingestPartner } = await import('../../sources/partnership/ingest.ts');
        const spec = findDataset(name);
        // Only datasets holding person identifiers need (and insist on) a key.
        const key = personIdColumns(spec).length > 0 ? resolvePseudonymKey({ keyFile: opts.keyFile }) : Buffer.alloc(0);
        const result = await withStore(opts.db, (store) => ingestPartner(store, name, file, { key }));
        if (opts.json) printJson(state.io, result);
        else
          state.io.stdout(
            `Loaded ${result.rows.toLocaleString('en-GB')} ${spec.name} rows from ${file}` +
              (result.people ? `; ${result.people.toLocaleString('en-GB')} person identifiers pseudonymised.\n` : '.\n'),
          );
      }),
    );
}
