import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, createSearchIndex, openLibraryDb, StorageFullError, type ColophonDb, type SearchBlock } from '@/lib/library';
import { duplicateRule } from '@/lib/library/dedupe';
import type { Candidate, CslItem } from '@/lib/model';

const candidate = (title: string, extra: Partial<CslItem> = {}): Candidate => ({
  item: { type: 'report', title, ...extra },
  provenance: { title: { source: 'heading', confidence: 0.9 } },
});

let db: ColophonDb;
let n = 0;
const fresh = () => (db = openLibraryDb(`library-${++n}`));
afterEach(() => db?.delete());

describe('de-duplication', () => {
  const saved = { type: 'report', title: 'Cultural policy in Croatia', issued: { 'date-parts': [[2001]] }, author: [{ family: 'Švob-Đokić', given: 'Nada' }] } as const satisfies CslItem;

  it('applies each rule, and leaves a different publication alone', () => {
    expect(duplicateRule({ ...saved, title: 'Other', DOI: '10.1000/ABC' }, { ...saved, DOI: 'https://doi.org/10.1000/abc' })).toBe('doi');
    expect(duplicateRule({ ...saved, title: 'Other', ISBN: '92-3-103985-X' }, { ...saved, ISBN: '978-92-3-103985-0' })).toBe('isbn');
    expect(duplicateRule({ type: 'webpage', title: 'Cultural Policy in Croatia.', URL: 'http://www.irmo.hr/x/#top' }, { ...saved, URL: 'https://irmo.hr/x' })).toBe('url');
    expect(duplicateRule({ type: 'webpage', title: 'Another page', URL: 'https://irmo.hr/x' }, { ...saved, URL: 'https://irmo.hr/x' })).toBeUndefined();
    expect(duplicateRule({ ...saved, title: 'Cultural polcy in Croatia', author: [{ family: 'Svob-Dokic' }] }, saved)).toBe('title');
    expect(duplicateRule({ ...saved, author: [], publisher: 'Švob-Đokić' }, saved)).toBe('title'); // author of one, publisher of the other
    expect(duplicateRule({ ...saved, issued: { 'date-parts': [[2002]] } }, saved)).toBeUndefined(); // another year
    expect(duplicateRule({ ...saved, author: [{ family: 'Primorac' }] }, saved)).toBeUndefined(); // nobody in common
    expect(duplicateRule({ ...saved, title: 'Cultural policy in Slovenia' }, saved)).toBeUndefined();
    expect(duplicateRule({ type: 'report', title: 'Annual report' }, { type: 'report', title: 'Annual Report' })).toBe('title'); // nobody named in either
  });

  it('returns a duplicate with a field-by-field proposal instead of saving a second copy', async () => {
    const repo = createLibraryRepository(fresh());
    const [first] = await repo.saveCandidates([candidate('Creative Europe report', { DOI: '10.2766/123', publisher: 'EU' })]);
    const outcome = await repo.save([
      candidate('Creative Europe: annual report', { DOI: '10.2766/123', publisher: 'Publications Office', 'number-of-pages': '84' }),
      candidate('Something new'),
    ]);
    expect(outcome.saved.map((r) => r.item.title)).toEqual(['Something new']);
    expect(outcome.duplicates).toHaveLength(1);
    const [dup] = outcome.duplicates;
    expect(dup).toMatchObject({ index: 0, rule: 'doi', duplicateOf: { id: first!.id } });
    expect(dup!.changes.map((c) => [c.field, c.proposed])).toEqual([
      ['title', true],
      ['publisher', true],
      ['number-of-pages', true],
    ]);
    expect(await repo.count()).toBe(2);
    // Within one save, a twin of an earlier candidate is a duplicate too.
    const twins = await repo.save([candidate('Twin', { ISBN: '9789231039850' }), candidate('Twin again', { ISBN: '92-3-103985-X' })]);
    expect(twins.saved).toHaveLength(1);
    expect(twins.duplicates[0]).toMatchObject({ rule: 'isbn', duplicateOf: { id: twins.saved[0]!.id } });
  });

  it('finds which candidates the library holds without writing anything', async () => {
    const repo = createLibraryRepository(fresh());
    const [held] = await repo.saveCandidates([candidate('Creative Europe report', { DOI: '10.2766/123', publisher: 'EU' })]);
    const blocksBefore = await repo.searchBlocks();
    const found = await repo.findDuplicates([
      candidate('Something new'),
      candidate('Creative Europe: annual report', { DOI: '10.2766/123', 'number-of-pages': '84' }),
      // Twins within the batch are not "already in your library": neither is saved yet.
      candidate('Twin', { ISBN: '9789231039850' }),
      candidate('Twin again', { ISBN: '92-3-103985-X' }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ index: 1, rule: 'doi', duplicateOf: { id: held!.id } });
    expect(found[0]!.changes.map((c) => c.field)).toEqual(['title', 'number-of-pages']);
    // Read only: nothing was added, and the search table is untouched.
    expect(await repo.count()).toBe(1);
    expect(await repo.searchBlocks()).toEqual(blocksBefore);
    // What it reports is exactly what save would refuse to copy.
    const outcome = await repo.save([candidate('Creative Europe: annual report', { DOI: '10.2766/123' })]);
    expect(outcome.duplicates.map((d) => d.duplicateOf.id)).toEqual([held!.id]);
    await expect(repo.findDuplicates([candidate('Bad', { URL: 'javascript:alert(1)' })])).rejects.toThrow();
  });

  it('finds the twin of a title that dozens of records share, saving and importing', async () => {
    const repo = createLibraryRepository(fresh());
    // Both halves of this title are "crowded" (shared by more than 50 records), so neither half alone is looked at;
    // the twin is found among the records that share both.
    const yearly = (year: number) => candidate('Report on the state of the cultural sector', { author: [{ literal: 'Council of Europe' }], issued: { 'date-parts': [[year]] } });
    const yearOf = (item: CslItem) => item.issued?.['date-parts'][0]?.[0];
    const years = Array.from({ length: 60 }, (_, i) => 1950 + i);
    const first = await repo.save([...years.map(yearly), yearly(1980)]); // within one batch
    expect(first.saved).toHaveLength(60);
    expect(first.duplicates.map((d) => [d.index, d.rule, yearOf(d.duplicateOf.item)])).toEqual([[60, 'title', 1980]]);
    const again = await repo.save([yearly(2020), yearly(1999)]); // against the library, key by key
    expect(again.saved.map((r) => yearOf(r.item))).toEqual([2020]);
    expect(again.duplicates.map((d) => [d.index, yearOf(d.duplicateOf.item)])).toEqual([[1, 1999]]);
    // An import large enough to read every key of the library at once.
    const others = Array.from({ length: 250 }, (_, i) => ({ type: 'report' as const, title: `Another publication, number ${i}` }));
    const imported = await repo.importItems([...others, yearly(1955).item, yearly(2021).item]);
    expect(imported.added).toBe(251);
    expect(imported.duplicates.map((d) => d.index)).toEqual([250]);
  });

  it('keeps fields the user edited when updating from a duplicate', async () => {
    const repo = createLibraryRepository(fresh());
    const [record] = await repo.saveCandidates([candidate('Cities and culture', { DOI: '10.1234/x', publisher: 'Old publisher' })]);
    await repo.update(record!.id, { item: { title: 'Cities and Culture (2nd ed.)' } });
    const { duplicates } = await repo.save([candidate('Cities and culture', { DOI: '10.1234/x', publisher: 'New publisher', 'publisher-place': 'Paris' })]);
    const changes = duplicates[0]!.changes;
    expect(changes.find((c) => c.field === 'title')).toMatchObject({ userEdited: true, proposed: false });
    const updated = await repo.applyDuplicate(record!.id, duplicates[0]!.candidate);
    expect(updated.item).toMatchObject({ title: 'Cities and Culture (2nd ed.)', publisher: 'New publisher', 'publisher-place': 'Paris' });
    expect(updated.provenance.title?.source).toBe('user');
    expect(await repo.count()).toBe(1);
  });
});

describe('editing, deleting, tags', () => {
  it('updates every kind of field, validates, and keeps search current', async () => {
    const repo = createLibraryRepository(fresh());
    const [record] = await repo.saveCandidates([candidate('Old title', { publisher: 'IRMO' })]);
    const updated = await repo.update(record!.id, {
      item: { title: 'New title', publisher: undefined, author: [{ family: 'Müller' }], issued: { 'date-parts': [[2017]] } },
      tags: ['culture', 'Culture', 'to read'],
      note: 'Read chapter 2',
    });
    expect(updated.item).toEqual({ type: 'report', title: 'New title', author: [{ family: 'Müller' }], issued: { 'date-parts': [[2017]] } });
    expect(updated.tags).toEqual(['culture', 'to read']);
    expect(updated.provenance).toMatchObject({ title: { source: 'user' }, publisher: { source: 'user' }, author: { source: 'user' } });
    await expect(repo.update(record!.id, { item: { URL: 'javascript:alert(1)' } })).rejects.toThrow();
    const index = createSearchIndex({ blocks: await repo.searchBlocks() });
    expect(index.search('muller chapter').ids).toEqual([record!.id]);
    expect(index.search('irmo').ids).toEqual([]);
  });

  it('deletes with undo, in bulk', async () => {
    const repo = createLibraryRepository(fresh());
    const saved = await repo.saveCandidates([candidate('A'), candidate('B'), candidate('C')]);
    const removed = await repo.remove([saved[0]!.id, saved[2]!.id, 'missing']);
    expect(removed.map((r) => r.item.title).sort()).toEqual(['A', 'C']);
    expect((await repo.recent(10)).map((r) => r.item.title)).toEqual(['B']);
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).size).toBe(1);
    await repo.restore(removed);
    expect((await repo.recent(10)).map((r) => r.item.title)).toEqual(['A', 'B', 'C']);
    expect(await repo.byIds(saved.map((r) => r.id))).toEqual(saved);
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).search('c ').ids).toEqual([saved[2]!.id]);
    // A restored record is not a duplicate of itself, and restoring twice adds nothing.
    await repo.restore(removed);
    expect(await repo.count()).toBe(3);
  });

  it('tags in bulk and completes tags by prefix, accents ignored', async () => {
    const repo = createLibraryRepository(fresh());
    const saved = await repo.saveCandidates([candidate('A'), candidate('B'), candidate('C')]);
    expect(await repo.tag(saved.map((r) => r.id), { add: ['Culture', 'cultural policy'] })).toBe(3);
    expect(await repo.tag([saved[0]!.id], { add: ['Écologie'], remove: ['culture'] })).toBe(1);
    expect(await repo.tag([saved[1]!.id], { add: ['culture'] })).toBe(0); // already there (case ignored)
    expect(await repo.tagsStartingWith('cul')).toEqual(['cultural policy', 'Culture']);
    expect(await repo.tagsStartingWith('eco')).toEqual(['Écologie']);
    const index = createSearchIndex({ blocks: await repo.searchBlocks() });
    expect(index.search('tag:culture').ids.length).toBe(2);
  });
});

describe('saving and importing', () => {
  it('saves all or nothing when storage is full, touching nothing saved', async () => {
    const repo = createLibraryRepository(fresh());
    await repo.saveCandidates([candidate('Kept')]);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const original = db.searchBlocks.bulkPut.bind(db.searchBlocks);
    // The failure comes after the records were written in the transaction: they must be rolled back.
    db.searchBlocks.bulkPut = (() => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota }))) as unknown as typeof original;
    await expect(repo.save([candidate('Lost 1'), candidate('Lost 2')])).rejects.toBeInstanceOf(StorageFullError);
    db.searchBlocks.bulkPut = original;
    expect((await repo.recent(10)).map((r) => r.item.title)).toEqual(['Kept']);
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).search('lost').ids).toEqual([]);
  });

  it('imports in chunks, reports invalid items, and adds nothing when the same file comes again', async () => {
    const repo = createLibraryRepository(fresh());
    const items: unknown[] = Array.from({ length: 230 }, (_, i) => ({ type: 'book', title: `Book number ${i}`, ISBN: `978${String(1_000_000_000 + i)}` }));
    items.push({ type: 'poem', title: 'not a CSL type' }, { item: { type: 'report', title: 'As a candidate' }, provenance: {} });
    const progress: number[] = [];
    const first = await repo.importItems(items, { chunkSize: 100, onProgress: (done) => progress.push(done) });
    expect(first).toMatchObject({ added: 231, duplicates: [] });
    expect(first.invalid.map((i) => i.index)).toEqual([230]);
    expect(progress).toEqual([100, 200, 232]);
    const again = await repo.importItems(items, { chunkSize: 100 });
    expect(again.added).toBe(0);
    expect(again.duplicates).toHaveLength(231);
    expect(await repo.count()).toBe(231);
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).size).toBe(231);
  });

  it('stops an import at a full disk, keeping the chunks already committed', async () => {
    const repo = createLibraryRepository(fresh());
    const items = Array.from({ length: 30 }, (_, i) => ({ type: 'book', title: `Volume ${i}` }));
    let calls = 0;
    const original = db.records.bulkAdd.bind(db.records);
    db.records.bulkAdd = ((...args: Parameters<typeof original>) =>
      ++calls === 2 ? Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })) : original(...args)) as typeof original;
    const outcome = await repo.importItems(items, { chunkSize: 10 });
    db.records.bulkAdd = original;
    expect(outcome).toMatchObject({ added: 10, stoppedAt: 10 });
    expect(outcome.error).toBeInstanceOf(StorageFullError);
    expect(await repo.count()).toBe(10);
    // The failed chunk's search rows went with it: the chunk is rolled back as a whole.
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).size).toBe(10);
    // Importing the file again finishes the job: nothing of the failed chunk is taken for saved.
    expect(await repo.importItems(items, { chunkSize: 10 })).toMatchObject({ added: 20, invalid: [] });
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).size).toBe(30);
  });

  it('opens a new search block after a full one without writing the full one again', async () => {
    const repo = createLibraryRepository(fresh());
    const books = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ type: 'book', title: `Handbook of regional studies, part ${from + i}` }));
    await repo.importItems(books(0, 1000));
    const written: number[] = [];
    const original = db.searchBlocks.bulkPut.bind(db.searchBlocks);
    db.searchBlocks.bulkPut = ((blocks: SearchBlock[]) => (written.push(...blocks.map((b) => b.block)), original(blocks))) as typeof original;
    await repo.importItems(books(1000, 10));
    await repo.importItems(books(1010, 10));
    db.searchBlocks.bulkPut = original;
    expect(written).toEqual([1, 1]);
    const blocks = await repo.searchBlocks();
    expect(blocks.map((b) => b.savedAt.length)).toEqual([1000, 20]);
    expect(createSearchIndex({ blocks }).search('"part 1015"').ids).toHaveLength(1);
  });
});
