import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { loadSettings, saveSettings } from '@/lib/platform/settings';

describe('settings in storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps both of two changes made at once (saves run one after the other)', async () => {
    await Promise.all([saveSettings({ theme: 'dark' }), saveSettings({ citationStyle: 'mla' }), saveSettings({ exportFormat: 'ris' })]);
    expect(await loadSettings()).toMatchObject({ theme: 'dark', citationStyle: 'mla', exportFormat: 'ris' });
  });

  it('reads bad stored values as their defaults, one field at a time', async () => {
    await fakeBrowser.storage.local.set({ settings: { theme: 'neon', citationStyle: 'mla' } });
    expect(await loadSettings()).toMatchObject({ theme: 'system', citationStyle: 'mla' });
  });
});
