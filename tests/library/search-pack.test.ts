import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, createSearchIndex, encodeBlock, isUsablePack, toSearchRow, openLibraryDb, planPackLoad, type ColophonDb, type SearchIndex, type SearchPack } from '@/lib/library';
import type { LibraryRecord } from '@/lib/model';
import { loadSearch } from '@/components/use-library';
import { generateItems, generateQueries } from '../../scripts/bench/search';

let db: ColophonDb;
let n = 0;
afterEach(() => db?.delete());

/** Every query's matches, as sets (ties in saved date may list equal records in either order). */
const results = (index: SearchIndex, queries: readonly string[]) => queries.map((q) => [q, [...index.search(q).ids].sort()]);

describe('the search pack (the built index stored as one value)', () => {
  it('gives the same results as reading every block, through saves, edits, deletes, tags and undo, reading only the changed blocks', async () => {
    db = openLibraryDb(`pack-${++n}`);
    const repo = createLibraryRepository(db);
    const items = generateItems(4500, 11).map(({ item, tags, note }) => ({ item, provenance: {}, tags, note }));
    expect((await repo.importItems(items)).added).toBe(4500);

    const first = await repo.searchTable();
    expect(first.pack).toBeUndefined();
    expect(first.blocks.map((b) => b.block)).toEqual([0, 1, 2, 3, 4]);
    const built = createSearchIndex(first);
    await repo.savePack(built.toPack(first.stamps)!);

    const packed = await repo.searchTable();
    expect(packed.pack).toBeDefined();
    expect(packed.blocks).toEqual([]);
    const records = await repo.byIds((await repo.searchBlocks()).flatMap((b) => b.ids.split('\n')));
    const queries = [...generateQueries(records, 80, 4), 'tag:culture', 'year:2010..2015', ''];
    expect(results(createSearchIndex(packed), queries)).toEqual(results(built, queries));
    // The author sort keys come back from the pack too (stored as UTF-8, decoded on the first sort by author).
    const keyOf = new Map(records.map((r) => [r.id, toSearchRow(r).authorKey]));
    const byAuthor = (index: SearchIndex) => index.search('', { sort: 'authors' }).ids.map((id) => keyOf.get(id));
    expect(byAuthor(createSearchIndex(packed))).toEqual(byAuthor(built));
    expect(new Set(byAuthor(built)).size).toBeGreaterThan(100);

    // Changes in blocks 0, 1 and 2, and a new record in the last block.
    const inBlock = (block: number, k: number): LibraryRecord => records[block * 1000 + k]!;
    const edited = await repo.update(inBlock(0, 5).id, { item: { ...inBlock(0, 5).item, title: 'Zanzibarian almanac of lighthouses' } });
    await repo.tag([inBlock(1, 7).id], { add: ['lighthouse-keepers'] });
    const removed = await repo.remove([inBlock(2, 1).id, inBlock(2, 2).id, inBlock(2, 3).id]);
    const [added] = await repo.saveCandidates([{ item: { type: 'book', title: 'Quixotic quasars of Quebec' }, provenance: {} }]);

    const after = await repo.searchTable();
    expect(after.pack).toBeDefined();
    expect(after.blocks.map((b) => b.block)).toEqual([0, 1, 2, 4]);
    const fromPack = createSearchIndex(after);
    const truth = createSearchIndex({ blocks: await repo.searchBlocks() });
    const probes = [
      ...queries,
      'zanzibarian',
      `"${inBlock(0, 5).item.title}"`,
      'tag:lighthouse-keepers',
      `"${inBlock(2, 2).item.title}"`,
      'quixotic quasars',
    ];
    expect(results(fromPack, probes)).toEqual(results(truth, probes));
    expect(fromPack.size).toBe(truth.size);
    expect(fromPack.search('zanzibarian').ids).toEqual([edited.id]);
    expect(fromPack.search('tag:lighthouse-keepers').ids).toEqual([inBlock(1, 7).id]);
    expect(fromPack.search('quixotic').ids).toEqual([added!.id]);
    expect(fromPack.search(`"${inBlock(2, 2).item.title}"`).ids).not.toContain(inBlock(2, 2).id);

    // A new pack from that load covers the changes; undo puts the records back in the newest block.
    await repo.savePack(fromPack.toPack(after.stamps)!);
    await repo.restore(removed);
    const restored = await repo.searchTable();
    expect(restored.blocks.map((b) => b.block)).toEqual([4]);
    expect(results(createSearchIndex(restored), probes)).toEqual(results(createSearchIndex({ blocks: await repo.searchBlocks() }), probes));
    expect(createSearchIndex(restored).size).toBe(4501);
  }, 60_000);

  it('is brought up to date by the repository’s refreshPack (the background, after an import) only when worth it', async () => {
    db = openLibraryDb(`pack-${++n}`);
    const repo = createLibraryRepository(db);
    await repo.importItems(generateItems(2500, 16).map(({ item }) => ({ item, provenance: {} })));
    expect(await repo.refreshPack()).toBe(false); // three blocks: reading them is cheap enough
    expect((await repo.searchTable()).pack).toBeUndefined();
    await repo.importItems(generateItems(2000, 17).map(({ item }) => ({ item, provenance: {} })));
    expect(await repo.refreshPack()).toBe(true);
    const table = await repo.searchTable();
    expect(table.blocks).toEqual([]);
    expect(createSearchIndex(table).size).toBe(4500);
    expect(await repo.refreshPack()).toBe(false); // nothing changed since
  });

  it('is not offered once the index changed in memory, and leaves out words nothing uses', () => {
    const index = createSearchIndex({ rows: [{ id: 'a', savedAt: 1, type: 'book', text: 'first title\n\n\n\n\n\n', tags: [], authorKey: '' }] });
    index.upsert([{ id: 'a', savedAt: 1, type: 'book', text: 'second title\n\n\n\n\n\n', tags: [], authorKey: '' }]);
    expect(index.toPack(new Map())).toBeUndefined();

    const packed = createSearchIndex({
      blocks: [
        { ...blockOf(['first title']), block: 0 },
        { ...blockOf(['other words']), block: 1 },
      ],
    }).toPack(new Map([[0, 's0'], [1, 's1']]))!;
    const frozen = structuredClone(packed);
    const reloaded = createSearchIndex({ pack: packed, skip: [1] });
    expect(reloaded.size).toBe(1);
    // The index takes the pack's arrays as they are, and copies them before adding rows: the pack stays as it was.
    const grown = createSearchIndex({ pack: packed, blocks: [{ ...blockOf(['third one']), block: 2 }] });
    grown.upsert([{ id: 'new', savedAt: 9, type: 'book', text: 'fresh words\n\n\n\n\n\n', tags: ['x'], authorKey: 'zed' }]);
    expect(grown.search('third').ids).toHaveLength(1);
    expect(grown.search('fresh').ids).toEqual(['new']);
    expect(packed).toEqual(frozen);
    expect(createSearchIndex({ pack: packed }).search('fresh').ids).toEqual([]);
    expect(reloaded.toPack(new Map([[0, 's0']]))!.words.split('\n').sort()).toEqual(['book', 'first', 'title']);
    // A row of a block the pack does not list is not vouched for: the load leaves it out.
    expect(createSearchIndex({ pack: { ...packed, blocks: Int32Array.of(0), stamps: 's0' } }).size).toBe(1);
    // Nor is a pack made of rows whose block is unknown, or not among the stamps given.
    expect(createSearchIndex({ rows: [{ id: 'r', savedAt: 1, type: 'book', text: 'x\n\n\n\n\n\n', tags: [], authorKey: '' }] }).toPack(new Map())).toBeUndefined();
    expect(reloaded.toPack(new Map([[1, 's1']]))).toBeUndefined();
  });

  it('a damaged stored pack is ignored and every block is read', async () => {
    db = openLibraryDb(`pack-${++n}`);
    const repo = createLibraryRepository(db);
    await repo.importItems(generateItems(1500, 12).map(({ item }) => ({ item, provenance: {} })));
    const table = await repo.searchTable();
    const good = createSearchIndex(table).toPack(table.stamps)!;
    expect(isUsablePack(good)).toBe(true);
    const damaged: unknown[] = [
      null,
      { ...good, tokens: good.tokens.subarray(1) },
      { ...good, starts: Array.from(good.starts) },
      { ...good, ids: good.ids.split('\n').slice(1).join('\n') },
      { ...good, words: `${good.words}\nextra` },
      { ...good, stamps: '' },
    ];
    // Each is refused: by the shape check, or by the load (which a view answers by reading the blocks).
    for (const bad of damaged) expect(!isUsablePack(bad) || throws(() => createSearchIndex({ pack: bad as SearchPack }))).toBe(true);
    await db.searchPack.put(damaged[1] as SearchPack);
    const again = await repo.searchTable();
    expect(again.pack).toBeUndefined();
    expect(again.blocks).toHaveLength(2);
    expect(createSearchIndex(again).size).toBe(1500);

    // A pack that passes the shape check but whose texts disagree: the view's load reads the blocks instead.
    await db.searchPack.put({ ...good, ids: good.ids.split('\n').slice(1).join('\n') });
    expect((await repo.searchTable()).pack).toBeDefined();
    const loaded = await loadSearch(repo);
    expect(loaded.size).toBe(1500);
    expect(loaded.search('').ids).toHaveLength(1500);
  });

  it('after a damaged pack, stores one that a write made meanwhile cannot double', async () => {
    db = openLibraryDb(`pack-${++n}`);
    const repo = createLibraryRepository(db);
    await repo.importItems(generateItems(4500, 14).map(({ item }) => ({ item, provenance: {} })));
    const table = await repo.searchTable();
    const good = createSearchIndex(table).toPack(table.stamps)!;
    await db.searchPack.put({ ...good, ids: good.ids.split('\n').slice(1).join('\n') });
    // The background imports 1,500 more (two new blocks) just as the view falls back to reading every block.
    const library = {
      ...repo,
      searchTable: async (given?: unknown) => {
        if (given === null) await repo.importItems(generateItems(1500, 15).map(({ item }) => ({ item, provenance: {} })));
        return repo.searchTable(given);
      },
    };
    expect((await loadSearch(library)).size).toBe(6000);
    await expect.poll(async () => (await db.searchPack.get('pack'))?.ids.split('\n').length, { timeout: 5000 }).toBe(6000);
    const next = createSearchIndex(await repo.searchTable());
    const listed = next.search('').ids;
    expect(listed).toHaveLength(6000);
    expect(new Set(listed).size).toBe(6000);
  });
});

describe('planPackLoad (pure)', () => {
  const pack = (stamps: Record<number, string>) => ({ blocks: Int32Array.from(Object.keys(stamps).map(Number)), stamps: Object.values(stamps).join('\n') }) as SearchPack;

  it('reads new and changed blocks, and leaves out of the pack the changed and the gone', () => {
    expect(planPackLoad(pack({ 0: 'a', 1: 'b', 2: 'c' }), new Map([[0, 'a'], [1, 'B'], [3, 'd']]))).toEqual({ read: [1, 3], skip: [1, 2] });
    expect(planPackLoad(undefined, new Map([[1, 'x'], [0, 'y']]))).toEqual({ read: [0, 1], skip: [] });
  });

  it('never trusts a block without a stamp', () => {
    expect(planPackLoad(pack({ 0: '', 1: 'b' }), new Map([[0, ''], [1, 'b']]))).toEqual({ read: [0], skip: [0] });
  });
});

const throws = (f: () => unknown) => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

/** A stored block of rows holding the given titles. */
function blockOf(titles: string[]) {
  return encodeBlock(0, titles.map((title, k) => ({ id: `t${k}-${title}`, savedAt: k, type: 'book' as const, text: `${title}\n\n\n\n\n\n`, tags: [], authorKey: '' })));
}
