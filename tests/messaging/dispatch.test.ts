import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { dispatch, importItemsOf, isOwnPage, type Handlers } from '@/lib/messaging';

const result = { url: 'https://example.org/p', pageTitle: 'P', items: [], notes: [] };
const handlers = (over: Partial<Handlers> = {}): Handlers => ({
  capture: vi.fn(async () => result),
  save: vi.fn(async () => ({ saved: [], duplicates: [] })),
  findDuplicates: vi.fn(async () => ({ duplicates: [] })),
  pendingSelection: vi.fn(async () => ({ result: null })),
  readSelection: vi.fn(async () => result),
  dropSelection: vi.fn(async () => ({ dropped: false })),
  applyDuplicate: vi.fn(async () => Promise.reject(new Error('unused'))),
  update: vi.fn(async () => Promise.reject(new Error('unused'))),
  remove: vi.fn(async () => ({ removed: [] })),
  restore: vi.fn(async () => ({ restored: 0 })),
  tag: vi.fn(async () => ({ changed: 0 })),
  import: vi.fn(async () => ({ added: 0, duplicates: 0, invalid: [] })),
  refreshSearchPack: vi.fn(async () => ({ stored: false })),
  ...over,
});

describe('message dispatch', () => {
  it('parses the request and the response', async () => {
    const h = handlers();
    expect(await dispatch(h, { name: 'capture', data: { tabId: 3 } })).toEqual({ ok: true, data: result });
    expect(h.capture).toHaveBeenCalledWith({ tabId: 3 });
  });

  it('refuses unknown messages and malformed requests without calling a handler', async () => {
    const h = handlers();
    expect(await dispatch(h, { name: 'deleteEverything', data: {} })).toMatchObject({ ok: false });
    expect(await dispatch(h, 'capture')).toMatchObject({ ok: false });
    expect(await dispatch(h, { name: 'capture', data: { tabId: -1 } })).toMatchObject({ ok: false });
    expect(await dispatch(h, { name: 'save', data: { candidates: [] } })).toMatchObject({ ok: false });
    expect(await dispatch(h, { name: 'tag', data: { ids: ['a'], add: ['x'.repeat(61)] } })).toMatchObject({ ok: false });
    expect(await dispatch(h, { name: 'update', data: { id: 'a', item: { URL: 'javascript:alert(1)' } } })).toMatchObject({ ok: false });
    expect(await dispatch(h, { name: 'update', data: { id: 'a', clear: ['__proto__'] } })).toMatchObject({ ok: false });
    expect(h.update).not.toHaveBeenCalled();
    expect(h.capture).not.toHaveBeenCalled();
    expect(h.save).not.toHaveBeenCalled();
  });

  it('refuses a handler response outside the protocol (a page returning javascript: URLs)', async () => {
    const h = handlers({ capture: async () => ({ ...result, url: 'javascript:alert(1)' }) });
    expect(await dispatch(h, { name: 'capture', data: { tabId: 1 } })).toMatchObject({ ok: false });
  });

  it('returns a handler error as text', async () => {
    const h = handlers({ save: async () => Promise.reject(new Error('Your browser storage is full')) });
    const candidates = [{ item: { type: 'book', title: 'T' } }];
    expect(await dispatch(h, { name: 'save', data: { candidates } })).toEqual({ ok: false, error: 'Your browser storage is full' });
  });

  it('answers only this extension’s own pages', () => {
    const origin = 'chrome-extension://abc/';
    const id = browser.runtime.id; // WxtVitest's fake browser
    expect(isOwnPage({ id, url: `${origin}popup.html?x=1` }, origin)).toBe(true);
    expect(isOwnPage({ id: undefined, url: `${origin}popup.html` }, origin)).toBe(false);
    expect(isOwnPage({ id, url: 'https://evil.example/' }, origin)).toBe(false);
    expect(isOwnPage({ id, url: undefined }, origin)).toBe(false);
  });
});

describe('import parts as JSON text', () => {
  it('parses the text to the same items, holding it to the limits of an array sent as such', () => {
    const items = [{ type: 'book', title: 'A' }, { item: { type: 'report', title: 'B' }, provenance: {}, tags: ['x'], note: '' }];
    expect(importItemsOf(JSON.stringify(items))).toEqual(items);
    expect(importItemsOf(items)).toBe(items);
    expect(() => importItemsOf('[{"type": "book",')).toThrow('not valid JSON; nothing of it was saved');
    expect(() => importItemsOf('[]')).toThrow();
    expect(() => importItemsOf('{"type": "book"}')).toThrow();
  });

  it('passes a part given as text to the handler as such, and refuses text too long', async () => {
    const importHandler = vi.fn(async () => ({ added: 1, duplicates: 0, invalid: [] }));
    const reply = await dispatch(handlers({ import: importHandler }), { name: 'import', data: { items: '[{"type":"book","title":"A"}]', importId: 'i1', offset: 0, total: 1 } });
    expect(reply).toEqual({ ok: true, data: { added: 1, duplicates: 0, invalid: [] } });
    expect(importHandler).toHaveBeenCalledWith({ items: '[{"type":"book","title":"A"}]', importId: 'i1', offset: 0, total: 1 });
    const long = await dispatch(handlers({ import: importHandler }), { name: 'import', data: { items: ' '.repeat(64 * 1024 * 1024 + 1) } });
    expect(long.ok).toBe(false);
  });
});
