import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { cspError } from '../errors.ts';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Plain JS values: BIGINT/HUGEINT that fit become numbers, DECIMAL becomes number. */
function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}

/** A CspError for a store file that is not DuckDB, or is cut short; null for other failures. */
function damagedStore(e: unknown, path: string): Error | null {
  const message = (e as Error)?.message ?? '';
  if (/not a valid DuckDB database file/i.test(message)) return cspError('CSP_ERR_STORE_INVALID', 'not a csp-assess store: the file is not a DuckDB database', { file: path }, e);
  if (/Could not read enough bytes|checksum|Corrupt|truncated/i.test(message)) {
    return cspError('CSP_ERR_STORE_INVALID', 'the store file is damaged or truncated: restore it from a copy or ingest again into a new one', { file: path }, e);
  }
  return null;
}

/**
 * The csp-assess store: one DuckDB file. The only module that talks to DuckDB; every other stage
 * goes through `run`, `all` and `transaction`. Opening applies pending migrations.
 */
export class Store {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly path: string,
    /** False for a store made by `connect()`: closing it closes its connection, not the database. */
    private readonly ownsInstance = true,
  ) {}

  static async open(path: string, options: { readOnly?: boolean; memoryBytes?: number } = {}): Promise<Store> {
    if (!options.readOnly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const isNew = path !== ':memory:' && !existsSync(path);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (e) {
      const message = (e as Error).message;
      if (/lock/i.test(message)) throw cspError('CSP_ERR_STORE_LOCKED', `store ${path} is in use by another process`, undefined, e);
      if (/No such file|Cannot open/i.test(message)) throw cspError('CSP_ERR_STORE_EMPTY', 'no store here: ingest data first', { file: path }, e);
      throw damagedStore(e, path) ?? e;
    }
    // A new store holds pseudonymised person data and restricted themes: readable by its owner only.
    if (isNew && existsSync(path)) chmodSync(path, 0o600);
    const store = new Store(instance, await instance.connect(), path);
    try {
      if (options.memoryBytes) await store.run(`SET memory_limit = '${Math.floor(options.memoryBytes / 2 ** 20)}MB'`);
      if (!options.readOnly) await store.migrate();
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** True inside a transaction after a statement failed: DuckDB refuses everything but ROLLBACK. */
  get aborted(): boolean {
    return this.inTransaction && this.failedInTransaction;
  }

  private inTransaction = false;
  private failedInTransaction = false;

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (this.inTransaction) this.failedInTransaction = true;
      throw damagedStore(e, this.path) ?? e;
    }
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.guard(() => this.connection.run(sql, params as never));
  }

  async all<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.guard(() => this.connection.runAndReadAll(sql, params as never));
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
      return out as T;
    });
  }

  async one<T = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs `fn` in one transaction: everything it wrote lands, or nothing does. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    this.failedInTransaction = false;
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (e) {
      try {
        await this.connection.run('ROLLBACK');
      } catch {
        // A transaction DuckDB already ended has nothing to roll back; the error that ended it is `e`.
      }
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  /** Appends rows column by column through DuckDB's appender: far faster than INSERTs. */
  async append(table: string, rows: readonly (readonly DuckDBValue[])[]): Promise<void> {
    const appender = await this.connection.createAppender(table);
    try {
      for (const row of rows) {
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'number') appender.appendDouble(v);
          else if (typeof v === 'boolean') appender.appendBoolean(v);
          else if (typeof v === 'bigint') appender.appendBigInt(v);
          else appender.appendVarchar(String(v));
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Another connection to the same database, for concurrent work (the server's pool); close it when done. */
  async connect(): Promise<Store> {
    return new Store(this.instance, await this.instance.connect(), this.path, false);
  }

  /** Stops the query running on this connection (it fails with an interrupt error); a no-op when idle. */
  interrupt(): void {
    this.connection.interrupt();
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  private async migrate(): Promise<void> {
    await this.run('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)');
    const done = new Set((await this.all<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = readFileSync(join(migrationsDir, file), 'utf8');
      await this.transaction(async () => {
        await this.run(sql);
        await this.run('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      });
    }
  }
}

/** Opens the store, runs `fn`, and always closes it. */
export async function withStore<T>(path: string, fn: (store: Store) => Promise<T>, options: { readOnly?: boolean; memoryBytes?: number } = {}): Promise<T> {
  const store = await Store.open(path, options);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
