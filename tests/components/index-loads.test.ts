import { describe, expect, it } from 'vitest';
import { indexLoads } from '@/components/use-library';
import { createSearchIndex, toSearchRow, type SearchIndex } from '@/lib/library/search';
import type { LibraryRecord } from '@/lib/model';

const record = (id: string, title: string): LibraryRecord => ({ id, savedAt: 1, updatedAt: 1, tags: [], note: '', provenance: {}, item: { type: 'book', title } });

describe('search index loads in a view', () => {
  it('replays the changes made while an index loaded, and installs only the latest load', () => {
    const installed: SearchIndex[] = [];
    const loads = indexLoads((index) => installed.push(index));
    const first = loads.start();
    // Saved and deleted while the first load reads the database (which saw neither).
    loads.record({ upserted: [record('new', 'Lighthouses of the Adriatic')], removed: [] });
    loads.record({ upserted: [], removed: ['old'] });
    const second = loads.start(); // an import asked for a reload meanwhile
    const stale = createSearchIndex({ rows: [toSearchRow(record('old', 'Old lighthouses'))] });
    expect(loads.install(stale, first)).toBe(false);
    expect(installed).toEqual([]);

    const latest = createSearchIndex({ rows: [toSearchRow(record('old', 'Old lighthouses')), toSearchRow(record('kept', 'Kept'))] });
    expect(loads.install(latest, second)).toBe(true);
    expect(installed).toEqual([latest]);
    expect(latest.search('lighthouses').ids).toEqual(['new']);
    expect(latest.size).toBe(2);

    // With no load running, a change is the view's own business (it updates the installed index): nothing is kept.
    loads.record({ upserted: [record('later', 'Later')], removed: [] });
    const third = loads.start();
    const fresh = createSearchIndex({ rows: [] });
    loads.install(fresh, third);
    expect(fresh.size).toBe(0);
  });
});
