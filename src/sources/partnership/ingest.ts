import { dropStaged } from '../../store/stage-csv.ts';
import { quotedIdentifier as q } from '../../store/sql.ts';
import type { Store } from '../../store/store.ts';
import { castSql } from './column-types.ts';
import { findDataset, personIdColumns, type DatasetSpec } from './datasets.ts';
import { checkPseudonymKey } from './pseudonymise.ts';
import { stagePartnerFile } from './read.ts';

export interface IngestPartnerOptions {
  /** HMAC key for person identifiers; required (16+ bytes) for datasets that hold them. */
  key: Buffer;
  /** Marks the load as synthetic demonstration data, so the assessment can label what it feeds. */
  synthetic?: boolean;
}

export interface IngestPartnerResult {
  dataset: string;
  rows: number;
  encoding: string;
  /** Distinct person identifiers replaced by pseudonyms. */
  people: number;
}

let typedCounter = 0;

/** Distinct people in the (already pseudonymised) person columns. */
async function countPeople(store: Store, spec: DatasetSpec, typed: string): Promise<number> {
  let people = 0;
  for (const c of personIdColumns(spec)) {
    people += (await store.one<{ n: number }>(`SELECT count(DISTINCT ${q(c.name)}) AS n FROM ${typed}`))!.n;
  }
  return people;
}

/** The load id of an earlier load of this very file, reused so a second load changes nothing. */
async function loadIdFor(store: Store, spec: DatasetSpec, sha: string): Promise<{ id: number; isNew: boolean }> {
  const previous = await store.one<{ id: number }>(`SELECT max(load_id) AS id FROM loads WHERE source = 'partner' AND kind = $1 AND sha256 = $2`, [spec.name, sha]);
  if (previous?.id != null) return { id: previous.id, isNew: false };
  return { id: (await store.one<{ id: number }>(`SELECT nextval('load_seq') AS id`))!.id, isNew: true };
}

/**
 * Loads one partnership extract (CSV or XLSX) in one transaction: every row is validated against the
 * dataset's template, person identifiers are replaced by keyed pseudonyms before anything reaches a
 * stored table, and the stored rows sharing the file's replacement key (`DatasetSpec.replaceKey`,
 * e.g. area and month) are replaced. A bad file changes nothing and throws a CspError naming
 * FILE:LINE:COLUMN; loading the same file again leaves the store as it was.
 */
export async function ingestPartner(store: Store, dataset: string, file: string, options: IngestPartnerOptions): Promise<IngestPartnerResult> {
  const spec = findDataset(dataset);
  if (personIdColumns(spec).length > 0) checkPseudonymKey(options.key);
  return store.transaction(async () => {
    const staged = await stagePartnerFile(store, spec, file, personIdColumns(spec).length > 0 ? options.key : null);
    const typed = `partner_typed_${++typedCounter}`;
    try {
      const names = spec.columns.map((c) => q(c.name)).join(', ');
      await store.run(
        `CREATE OR REPLACE TEMP TABLE ${typed} AS SELECT ${spec.columns.map((c) => `${castSql(c)} AS ${q(c.name)}`).join(', ')}
         FROM ${staged.table} ORDER BY rowid`,
      );
      const people = await countPeople(store, spec, typed);
      const sha = staged.sha256;
      const load = await loadIdFor(store, spec, sha);
      if (spec.replaceKey.length === 0) await store.run(`DELETE FROM ${spec.table}`);
      else {
        const key = spec.replaceKey.join(', ');
        await store.run(`DELETE FROM ${spec.table} WHERE (${key}) IN (SELECT DISTINCT ${key} FROM ${typed})`);
      }
      await store.run(`INSERT INTO ${spec.table} (${names}, load_id) SELECT ${names}, $1 FROM ${typed}`, [load.id]);
      if (load.isNew) {
        await store.run(
          `INSERT INTO loads (load_id, source, kind, file, sha256, rows, encoding, synthetic) VALUES ($1, 'partner', $2, $3, $4, $5, $6, $7)`,
          [load.id, spec.name, file, sha, staged.rows, staged.encoding, options.synthetic ?? false],
        );
      }
      return { dataset: spec.name, rows: staged.rows, encoding: staged.encoding, people };
    } finally {
      await dropStaged(store, typed);
      await dropStaged(store, staged.table);
    }
  });
}
