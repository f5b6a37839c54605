import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, openLibraryDb, type ColophonDb } from '@/lib/library';

let db: ColophonDb;
afterEach(() => db?.delete());

const items = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) => ({
    type: 'book',
    title: `Regional cooperation in the ${['north', 'south', 'east', 'west'][k % 4]} study number ${from + k}`,
    author: [{ family: `Author${from + k}` }],
    issued: { 'date-parts': [[2000 + (k % 20)]] },
    URL: `https://example.org/b/${from + k}`,
  }));

describe('large imports (keys read once)', () => {
  it('skips what the library holds, also across chunks of the same import', async () => {
    db = openLibraryDb('import-large');
    const repo = createLibraryRepository(db);
    const first = await repo.importItems(items(300), { chunkSize: 100 });
    expect(first).toMatchObject({ added: 300, invalid: [] });
    expect(first.duplicates).toHaveLength(0);

    // The same 300 again, plus 100 new, plus a repeat of the first new one in a later chunk.
    const again = await repo.importItems([...items(300), ...items(100, 300), items(1, 300)[0]], { chunkSize: 100 });
    expect(again.added).toBe(100);
    expect(again.duplicates).toHaveLength(301);
    expect(again.duplicates.at(-1)).toMatchObject({ index: 400 });
    expect(await repo.count()).toBe(400);
  });
});
