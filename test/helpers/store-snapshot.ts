import { withStore } from '../../src/store/store.ts';

/** Every user table's row count and a content hash: equal snapshots mean an unchanged store. */
export async function storeSnapshot(db: string): Promise<Record<string, string>> {
  return withStore(db, async (store) => {
    const tables = await store.all<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const r = await store.one<{ n: number; h: string }>(
        `SELECT count(*) AS n, coalesce(CAST(sum(CAST(hash(t) AS HUGEINT)) AS VARCHAR), '0') AS h FROM "${table_name}" t`,
      );
      out[table_name] = `${r!.n}:${r!.h}`;
    }
    return out;
  });
}
