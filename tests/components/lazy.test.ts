import { describe, expect, it } from 'vitest';
import { once } from '@/components/lazy';

describe('lazy loading of the popup’s heavy code', () => {
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
