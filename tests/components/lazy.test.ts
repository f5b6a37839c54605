import { describe, expect, it } from 'vitest';
import { lazyObject, once } from '@/components/lazy';

describe('lazy loading of the popup’s heavy code', () => {
  it('lazyObject loads its target on the first call only, then forwards calls and arguments', async () => {
    let loads = 0;
    const target = { add: async (a: number, b: number) => a + b, name: async () => 'repo' };
    const lazy = lazyObject(async () => (loads++, target));
    expect(loads).toBe(0);
    expect(await lazy.add(2, 3)).toBe(5);
    expect(await Promise.all([lazy.name(), lazy.add(1, 1)])).toEqual(['repo', 2]);
    expect(loads).toBe(1);
  });

  it('lazyObject is not a thenable, so awaiting it gives the object itself', async () => {
    const lazy = lazyObject(async () => ({ ping: async () => 'pong' }));
    expect(await lazy).toBe(lazy);
  });

  it('once retries a load that failed (say, after an update) and keeps one that worked', async () => {
    let calls = 0;
    const load = once(async () => {
      calls++;
      if (calls === 1) throw new Error('chunk missing');
      return calls;
    });
    await expect(load()).rejects.toThrow('chunk missing');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(calls).toBe(2);
  });
});
