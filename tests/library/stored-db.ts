import { Dexie } from 'dexie';

/** Writes a database as an earlier version left it: that version's schema and its tables' rows, then closes it. */
export async function storeAsVersion(name: string, version: number, schema: Record<string, string | null>, tables: Record<string, readonly unknown[]>): Promise<void> {
  const old = new Dexie(name);
  old.version(version).stores(schema);
  for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd([...rows]);
  old.close();
}
