import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, openLibraryDb, StorageFullError, type ColophonDb, type LibraryRepository } from '@/lib/library';
import { duplicateKeys } from '@/lib/library/dedupe';
import { decodeKeyBlock, encodeKeyBlock, keyHash, keyRow } from '@/lib/library/key-blocks';
import { EarlierPartFailedError, parseImportItem } from '@/lib/library/repository';
import type { CslItem } from '@/lib/model';

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

describe('large imports', () => {
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

  it('keeps the keys between the chunks of one import (one message each), and across other writes, which add theirs', async () => {
    db = openLibraryDb('import-chunks');
    const repo = createLibraryRepository(db);
    // The library page sends an import as several messages: each must see what the previous ones added.
    expect((await repo.importItems(items(250))).added).toBe(250);
    expect((await repo.importItems([...items(250, 200)])).added).toBe(200);
    expect(await repo.count()).toBe(450);

    // An edit between two imports changes a record's keys: the next import must see the new title.
    const [edited] = await repo.recent(1);
    await repo.update(edited!.id, { item: { title: 'A title the user corrected by hand, long enough to split' } });
    const twin = { ...edited!.item, title: 'A title the user corrected by hand, long enough to split', URL: 'https://example.org/elsewhere' };
    const outcome = await repo.importItems([twin, ...items(250, 1000)]);
    expect(outcome.duplicates[0]).toMatchObject({ index: 0, duplicateOf: edited!.id, rule: 'title' });
    expect(outcome.added).toBe(250);
  });

  it('never stores a second copy when a save runs while an import is under way', async () => {
    db = openLibraryDb('import-race');
    const repo = createLibraryRepository(db);
    await repo.importItems(items(250)); // keys now kept
    // The popup saves publication 700 while a file holding it (in its second chunk) is being imported, and the
    // other way round for 900: every interleaving must end with one copy of each.
    const file = items(600, 500);
    const [imported, saved] = await Promise.all([
      repo.importItems(file, { chunkSize: 100 }),
      (async () => {
        await new Promise((r) => setTimeout(r, 0));
        return repo.save([{ item: items(1, 700)[0] as never, provenance: {} }, { item: items(1, 900)[0] as never, provenance: {} }]);
      })(),
    ]);
    expect(imported.added + saved.saved.length).toBe(600);
    expect(await repo.count()).toBe(850);
  });
});

/** Each key block holds the records of the search block with its number, each with the keys of its item as it is now. */
async function expectKeyBlocksInStep(repo: LibraryRepository) {
  const blocks = await db.searchBlocks.toArray();
  const keyBlocks = await db.keyBlocks.toArray();
  expect(keyBlocks.map((k) => k.block)).toEqual(blocks.map((b) => b.block));
  blocks.forEach((block, i) => expect(keyBlocks[i]!.ids.split('\n').sort()).toEqual(block.ids.split('\n').sort()));
  const hashesOf = new Map(keyBlocks.flatMap(decodeKeyBlock).map((r) => [r.id, r.hashes] as const));
  const records = await repo.byIds([...hashesOf.keys()]);
  expect(records).toHaveLength(await repo.count());
  for (const record of records) expect(hashesOf.get(record.id)).toEqual(duplicateKeys(record.item).map(keyHash));
}

describe('de-duplication keys (key blocks, read into memory)', () => {
  it('stay in step with the search blocks through imports, saves, edits, tags, deletes and undo', async () => {
    db = openLibraryDb('key-blocks');
    const repo = createLibraryRepository(db);
    await repo.importItems(items(1500));
    await repo.save([{ item: items(1, 5000)[0] as CslItem, provenance: {} }]);
    const [newest, , , older] = await repo.recent(4);
    const [first] = await repo.byIds([(await db.keyBlocks.get(0))!.ids.split('\n')[7]!]);
    await repo.update(newest!.id, { item: { title: 'A new title for the newest record, long enough to split' } });
    await repo.tag([older!.id, first!.id], { add: ['kept'] });
    const removed = await repo.remove([first!.id, older!.id]);
    await repo.restore(removed.slice(1));
    await expectKeyBlocksInStep(repo);
    expect(await repo.count()).toBe(1500);
  });

  it('are read from the key blocks by a repository that kept none, and the kept ones follow edits, deletes and undo', async () => {
    db = openLibraryDb('key-cache');
    await createLibraryRepository(db).importItems(items(300));
    const repo = createLibraryRepository(db); // another background, started on the library: keeps no keys yet
    const [held] = await repo.recent(1);
    const check = async (item: CslItem) => (await repo.findDuplicates([{ item, provenance: {} }]))[0]?.duplicateOf.id;
    expect(await check(held!.item)).toBe(held!.id);

    // The edit adds the new title's keys to the kept ones; the old title's keys still name it, and match nothing.
    const title = 'A title the user corrected by hand, long enough to split';
    await repo.update(held!.id, { item: { title } });
    const elsewhere = { URL: 'https://example.org/elsewhere' };
    expect(await check({ ...held!.item, ...elsewhere, title })).toBe(held!.id);
    expect(await check({ ...held!.item, ...elsewhere })).toBeUndefined();
    const removed = await repo.remove([held!.id]);
    expect(await check({ ...held!.item, ...elsewhere, title })).toBeUndefined();
    await repo.restore(removed);
    expect(await check({ ...held!.item, ...elsewhere, title })).toBe(held!.id);
    // A third repository, reading the key blocks afresh, agrees.
    expect((await createLibraryRepository(db).findDuplicates([{ item: { ...held!.item, ...elsewhere, title }, provenance: {} }]))[0]?.duplicateOf.id).toBe(held!.id);
  });

  it('are read in each write’s turn: writes queued together never both add one publication', async () => {
    db = openLibraryDb('key-race');
    const repo = createLibraryRepository(db);
    const [first, second, third] = items(3, 900) as CslItem[];
    await repo.importItems(items(50)); // the keys are kept from here on
    // Dexie runs each write's function when it is created; the second must still see what the first adds.
    const saves = await Promise.all([repo.save([{ item: first!, provenance: {} }]), repo.save([{ item: first!, provenance: {} }])]);
    expect(saves.map((s) => s.saved.length)).toEqual([1, 0]);
    const [imported, saved] = await Promise.all([repo.importItems([second]), repo.save([{ item: second!, provenance: {} }])]);
    expect(imported.added + saved.saved.length).toBe(1);
    const [, found] = await Promise.all([repo.save([{ item: third!, provenance: {} }]), repo.findDuplicates([{ item: third!, provenance: {} }])]);
    expect(found).toHaveLength(1);
    expect(await repo.count()).toBe(53);
  });

  it('are kept exactly: tags, edits and deletes leave a shared half-title as a fresh read finds it', async () => {
    db = openLibraryDb('key-exact');
    const repo = createLibraryRepository(db);
    // 30 reports whose titles share their first half: under CROWDED_KEY (50), so the half is followed.
    const report = (n: number): CslItem => ({
      type: 'report',
      title: `Regional cultural cooperation along the Danube: report number ${String(n).padStart(2, '0')}`,
      author: [{ literal: 'Danube Cultural Network' }],
      issued: { 'date-parts': [[2019]] },
    });
    await repo.importItems(Array.from({ length: 30 }, (_, n) => report(n)));
    const ids = (await repo.recent(30)).map((r) => r.id);
    await repo.tag(ids, { add: ['danube'] });
    await repo.tag([...ids, ...ids], { add: ['cooperation'] }); // ids repeated, as a message may
    await repo.update(ids[3]!, { note: 'read' });
    await repo.restore(await repo.remove(ids.slice(0, 2)));
    const typo = { ...report(7), title: report(7).title.replace('report number', 'reprot number') };
    const kept = await repo.findDuplicates([{ item: typo, provenance: {} }]);
    const fresh = await createLibraryRepository(db).findDuplicates([{ item: typo, provenance: {} }]);
    expect(kept.map((d) => d.duplicateOf.id)).toEqual(fresh.map((d) => d.duplicateOf.id));
    expect(kept).toHaveLength(1);
    await expectKeyBlocksInStep(repo);
  });

  it('are read again after a write that failed, which may have taken some out', async () => {
    db = openLibraryDb('key-failed-write');
    const repo = createLibraryRepository(db);
    await repo.importItems(items(20));
    const [held] = await repo.recent(1);
    const original = db.records.bulkPut.bind(db.records);
    db.records.bulkPut = (() => Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }))) as unknown as typeof original;
    await expect(repo.update(held!.id, { note: 'never written' })).rejects.toBeInstanceOf(StorageFullError);
    db.records.bulkPut = original;
    expect((await repo.findDuplicates([{ item: held!.item, provenance: {} }]))[0]?.duplicateOf.id).toBe(held!.id);
  });

  it('keep the key block a new record joins, whatever key block lies beyond it (a damaged library)', async () => {
    db = openLibraryDb('key-stray');
    const repo = createLibraryRepository(db);
    const [held, next] = items(2, 700) as CslItem[];
    await repo.save([{ item: held!, provenance: {} }]);
    await db.keyBlocks.put(encodeKeyBlock(5, [keyRow('ghost', ['doi:10.5555/ghost'])]));
    await repo.save([{ item: next!, provenance: {} }]);
    expect(await createLibraryRepository(db).findDuplicates([{ item: held!, provenance: {} }])).toHaveLength(1);
  });
});

describe('search blocks during an import', () => {
  it('fills each block once, in order, whether the newest block is kept between chunks or read after another write', async () => {
    db = openLibraryDb('import-blocks');
    const repo = createLibraryRepository(db);
    /** Every block's ids, and whether each record's row names the block that holds it. */
    const layout = async () => {
      const blocks = (await repo.searchBlocks()).sort((a, b) => a.block - b.block);
      const holder = new Map(blocks.flatMap((b) => (b.ids ? b.ids.split('\n') : []).map((id) => [id, b.block] as const)));
      const rows = await db.records.toArray();
      return { sizes: blocks.map((b) => [b.block, b.savedAt.length]), placed: rows.every((r) => holder.get(r.id) === r.block), count: holder.size };
    };
    // The library page's chunks: 200, 800, then whole ones; the newest block is kept from one to the next.
    let from = 0;
    for (const size of [200, 800, 1000, 500]) {
      expect((await repo.importItems(items(size, from))).added).toBe(size);
      from += size;
    }
    expect(await layout()).toEqual({ sizes: [[0, 1000], [1, 1000], [2, 500]], placed: true, count: 2500 });
    // A save between imports: the next import reads the newest block again, with the saved record in it.
    await repo.save([{ item: items(1, 5000)[0] as never, provenance: {} }]);
    expect((await repo.importItems(items(600, from))).added).toBe(600);
    expect(await layout()).toEqual({ sizes: [[0, 1000], [1, 1000], [2, 1000], [3, 101]], placed: true, count: 3101 });
  });
});

describe('an import sent in parts, two in flight (the library page)', () => {
  it('writes each part after the one before, which it sees, though it was parsed first', async () => {
    db = openLibraryDb('import-parts');
    const repo = createLibraryRepository(db);
    await repo.importItems(items(250)); // keys now kept, as between the parts of a real import
    const first = repo.importItems(items(300, 1000));
    // Sent before the first is written: its entry 1100 repeats the first part's, so it must come out a duplicate.
    const second = repo.importItems([...items(299, 2000), items(1, 1100)[0]], { after: first });
    const third = repo.importItems(items(300, 3000), { after: second });
    expect((await first).added).toBe(300);
    const secondOutcome = await second;
    expect(secondOutcome.added).toBe(299);
    const [held] = (await repo.byIds([secondOutcome.duplicates[0]!.duplicateOf])).map((r) => r.item.URL);
    expect(secondOutcome.duplicates).toHaveLength(1);
    expect(held).toBe('https://example.org/b/1100');
    expect((await third).added).toBe(300);
    expect(await repo.count()).toBe(1149);
  });

  it('saves the parts of one file on one clock, so the newest-first list keeps the file’s order', async () => {
    db = openLibraryDb('import-parts-clock');
    const repo = createLibraryRepository(db);
    const base = Date.now() - 600;
    const first = repo.importItems(items(300), { firstSavedAt: base });
    const second = repo.importItems(items(300, 300), { after: first, firstSavedAt: base + 300 });
    await second;
    const newest = await repo.recent(600);
    expect(newest.map((r) => r.item.URL)).toEqual(items(600).map((it) => it.URL).reverse());
    expect(newest.map((r) => r.savedAt)).toEqual(Array.from({ length: 600 }, (_, k) => base + 599 - k));
  });

  it('writes nothing of a part whose predecessor hit a full disk or failed, and says so', async () => {
    db = openLibraryDb('import-parts-full');
    const repo = createLibraryRepository(db);
    const original = db.records.bulkAdd.bind(db.records);
    let calls = 0;
    db.records.bulkAdd = ((...args: Parameters<typeof original>) =>
      ++calls === 2 ? Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })) : original(...args)) as typeof original;
    const first = repo.importItems(items(300));
    const second = repo.importItems(items(300, 300), { after: first }); // refused by the disk
    const third = repo.importItems(items(300, 600), { after: second }); // would fit, but must not leave a gap
    expect(await first).toMatchObject({ added: 300 });
    expect(await second).toMatchObject({ added: 0, stoppedAt: 0 });
    expect((await second).error).toBeInstanceOf(StorageFullError);
    expect(await third).toMatchObject({ added: 0, stoppedAt: 0 });
    expect((await third).error).toBeInstanceOf(StorageFullError);
    db.records.bulkAdd = original;
    expect(await repo.count()).toBe(300);

    const broken = Promise.reject(new Error('the worker stopped'));
    const after = await repo.importItems(items(10, 900), { after: broken });
    expect(after.error).toBeInstanceOf(EarlierPartFailedError);
    expect(after.error?.message).toContain('the worker stopped');
    expect(await repo.count()).toBe(300);
  });
});

describe('restoring a backup', () => {
  it('keeps tags, notes and provenance, and still skips what the library holds', async () => {
    db = openLibraryDb('import-backup');
    const repo = createLibraryRepository(db);
    const entry = {
      item: { type: 'report', title: 'Cities and Culture', publisher: 'EUROCITIES', issued: { 'date-parts': [[2017]] } },
      provenance: { title: { source: 'user', confidence: 1 } },
      tags: ['culture', 'to read'],
      note: 'Chapter 3 compares Lyon and Zagreb.',
    };
    const plain = { type: 'book', title: 'A plain CSL item' };
    const outcome = await repo.importItems([entry, plain]);
    expect(outcome.added).toBe(2);
    const [restored] = (await repo.recent(10)).filter((r) => r.item.title === 'Cities and Culture');
    expect(restored).toMatchObject({ tags: ['culture', 'to read'], note: 'Chapter 3 compares Lyon and Zagreb.', provenance: { title: { source: 'user' } } });
    expect((await repo.importItems([entry])).added).toBe(0);
  });
});

describe('parsing import entries', () => {
  it('takes a bare CSL item, a candidate and a backup entry each by its shape, and names the field at fault', () => {
    const bare = parseImportItem({ type: 'book', title: 'Bare', unknown: 1 });
    expect(bare).toEqual({ success: true, data: { item: { type: 'book', title: 'Bare' }, provenance: {} } });
    const candidate = parseImportItem({ item: { type: 'book', title: 'Candidate' }, provenance: { title: { source: 'heading', confidence: 0.5 } } });
    expect(candidate).toMatchObject({ success: true, data: { provenance: { title: { source: 'heading' } } } });
    expect(candidate.success && 'tags' in candidate.data).toBe(false);
    expect(parseImportItem({ item: { type: 'book', title: 'Backup' }, provenance: {}, tags: ['a'], note: 'n' })).toMatchObject({ success: true, data: { tags: ['a'], note: 'n' } });
    // An `item` key beside CSL fields is an unknown key of a bare item, as before (the union accepted it).
    expect(parseImportItem({ type: 'book', title: 'With a stray key', item: 'x' })).toMatchObject({ success: true, data: { item: { title: 'With a stray key' } } });
    const bad = parseImportItem({ type: 'poem', title: 'Not a CSL type' });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.message).toMatch(/^type: /);
    expect(parseImportItem({ item: { type: 'book' }, provenance: {} })).toMatchObject({ success: false });
    expect(parseImportItem('a string')).toMatchObject({ success: false });
  });

  it('keeps a backup record’s tags without a note (and the other way round), and refuses bad tags instead of dropping them', () => {
    const item = { type: 'book', title: 'Backup' };
    expect(parseImportItem({ item, provenance: {}, tags: ['kept'] })).toMatchObject({ success: true, data: { tags: ['kept'], note: '' } });
    expect(parseImportItem({ item, provenance: {}, note: 'kept' })).toMatchObject({ success: true, data: { tags: [], note: 'kept' } });
    const blank = parseImportItem({ item, provenance: {}, tags: ['ok', '   '], note: 'mine' });
    expect(blank.success).toBe(false);
    expect(!blank.success && blank.message).toMatch(/^tags/);
  });
});
