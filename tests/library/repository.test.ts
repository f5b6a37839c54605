import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, openLibraryDb, StorageFullError, isQuotaError, type ColophonDb } from '@/lib/library';
import type { Candidate } from '@/lib/model';

const candidate = (title: string, extra: Partial<Candidate['item']> = {}): Candidate => ({
  item: { type: 'report', title, ...extra },
  provenance: { title: { source: 'heading', confidence: 0.9 } },
});

let db: ColophonDb;
let n = 0;
const fresh = () => (db = openLibraryDb(`test-${++n}`));
afterEach(() => db?.delete());

describe('library repository', () => {
  it('saves candidates and lists them newest first, page order kept within one save', async () => {
    let clock = 1000;
    const repo = createLibraryRepository(fresh(), { now: () => clock });
    await repo.saveCandidates([candidate('Older')]);
    clock = 5000;
    const saved = await repo.saveCandidates([candidate('First on page'), candidate('Second on page')]);
    expect(saved.map((r) => r.item.title)).toEqual(['First on page', 'Second on page']);
    expect((await repo.recent(10)).map((r) => r.item.title)).toEqual(['First on page', 'Second on page', 'Older']);
    expect(await repo.count()).toBe(3);
    expect((await repo.recent(1)).length).toBe(1);
  });

  it('keeps provenance, empty tags and note, and fetches by id in the order asked', async () => {
    const repo = createLibraryRepository(fresh());
    const [a] = await repo.saveCandidates([candidate('A', { publisher: 'EUROCITIES' })]);
    const [b] = await repo.saveCandidates([candidate('B')]);
    const got = await repo.byIds([b!.id, 'missing', a!.id]);
    expect(got.map((r) => r.item.title)).toEqual(['B', 'A']);
    expect(got[1]).toMatchObject({ tags: [], note: '', item: { publisher: 'EUROCITIES' }, provenance: { title: { source: 'heading' } } });
  });

  it('refuses an invalid record before writing anything', async () => {
    const repo = createLibraryRepository(fresh());
    await expect(repo.saveCandidates([candidate('Good'), candidate('Bad', { URL: 'javascript:alert(1)' })])).rejects.toThrow();
    expect(await repo.count()).toBe(0);
  });

  it('turns a full disk into a StorageFullError and keeps what was saved before', async () => {
    const repo = createLibraryRepository(fresh());
    await repo.saveCandidates([candidate('Kept')]);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const original = db.records.bulkAdd.bind(db.records);
    db.records.bulkAdd = (() => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota }))) as unknown as typeof original;
    await expect(repo.saveCandidates([candidate('Lost')])).rejects.toBeInstanceOf(StorageFullError);
    db.records.bulkAdd = original;
    expect((await repo.recent(10)).map((r) => r.item.title)).toEqual(['Kept']);
  });

  it('recognises quota errors however they are wrapped', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'AbortError' })).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
