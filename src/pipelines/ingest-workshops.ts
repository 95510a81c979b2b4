import { basename } from 'node:path';
import { readWorkshopFile } from '../sources/workshops/read.ts';
import { insertWorkshops } from '../store/queries/workshops.ts';
import { withStore } from '../store/store.ts';

export interface IngestWorkshopsResult {
  file: string;
  /** 'import:<file name>': loading the same file again replaces its rows. */
  source: string;
  workshops: number;
  issues: number;
}

/** Reads and checks a workshop file, then loads it in one transaction: shared by the CLI and the demo. */
export async function runIngestWorkshops(file: string, opts: { db: string; categories: readonly string[] }): Promise<IngestWorkshopsResult> {
  const workshops = await readWorkshopFile(file, opts.categories);
  const source = `import:${basename(file)}`;
  const issues = await withStore(opts.db, (store) => insertWorkshops(store, source, workshops));
  return { file, source, workshops: workshops.length, issues };
}
