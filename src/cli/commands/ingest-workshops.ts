import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cspError } from '../../errors.ts';
import { action, type CliState } from '../main.ts';
import { DEFAULT_DB, dataDirOption } from '../options.ts';
import { printJson } from '../output.ts';

/** The configured issue categories, or the defaults when no configuration is given. */
async function categoriesOf(config: string | undefined, dataDir: string | undefined): Promise<string[]> {
  const { AreaConfigSchema, loadAreaConfig } = await import('../../config/area-config.ts');
  if (config) return loadAreaConfig(config, dataDirOption(dataDir)).config.workshops.issueCategories;
  return AreaConfigSchema.shape.workshops.parse(undefined).issueCategories;
}

/** `csp-assess ingest workshops FILE [--config AREA]` and `--template FILE` (CSV or XLSX by extension). */
export function registerIngestWorkshops(ingest: Command, state: CliState): void {
  ingest
    .command('workshops')
    .description('load locality workshop issues from the workshop template (CSV or XLSX); --template writes the template')
    .argument('[file]', 'the filled-in template')
    .option('--config <file>', 'area configuration, for its workshops.issueCategories')
    .option('--data-dir <dir>', 'data directory (default: CSP_ASSESS_DATA)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('--template <file>', 'write the empty template (with an example row) to FILE (.csv or .xlsx) and stop')
    .option('--json', 'print the summary as JSON')
    .action(
      action(state, async (file: string | undefined, opts: { config?: string; dataDir?: string; db: string; template?: string; json?: boolean }) => {
        const categories = await categoriesOf(opts.config, opts.dataDir);
        if (opts.template) {
          const { workshopTemplateCsv, workshopTemplateXlsx } = await import('../../sources/workshops/template.ts');
          writeFileSync(opts.template, opts.template.endsWith('.xlsx') ? await workshopTemplateXlsx(categories) : workshopTemplateCsv(categories));
          state.io.stderr(`Wrote the workshop template to ${opts.template}.\n`);
          return;
        }
        if (!file) throw cspError('CSP_ERR_USAGE', 'name the workshop file to load, or pass --template FILE');
        const { runIngestWorkshops } = await import('../../pipelines/ingest-workshops.ts');
        const result = await runIngestWorkshops(file, { db: opts.db, categories });
        if (opts.json) printJson(state.io, result);
        else state.io.stdout(`Loaded ${result.issues} issues from ${result.workshops} workshop(s) in ${file} (source ${result.source}).\n`);
      }),
    );
}
