import { describe, expect, it } from 'vitest';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES } from '@/lib/cite/catalog';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { parseSettings } from '@/lib/settings-schema';

describe('settings', () => {
  it('defaults: BibTeX, APA, no automatic detection, the system theme', () => {
    expect(parseSettings(undefined)).toEqual({ exportKind: 'file', exportFormat: 'bibtex', citationStyle: 'apa', autoDetect: false, theme: 'system' });
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid stored values', () => {
    const stored = { exportKind: 'bibliography', exportFormat: 'ris', citationStyle: 'chicago-note', autoDetect: true, theme: 'dark' };
    expect(parseSettings(stored)).toEqual(stored);
  });

  it('falls back field by field on bad values, without throwing', () => {
    expect(parseSettings({ exportFormat: 'docx', citationStyle: 'mla', autoDetect: 'yes', theme: 42, exportKind: null })).toEqual({
      ...DEFAULT_SETTINGS,
      citationStyle: 'mla',
    });
    for (const junk of [null, 'dark', 7, [], [{ theme: 'dark' }], { __proto__: { theme: 'dark' } }, { extra: 1, theme: 'light' }]) {
      expect(() => parseSettings(junk)).not.toThrow();
    }
    expect(parseSettings({ extra: 1, theme: 'light' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('offers every export choice of the catalogue', () => {
    for (const { format } of FILE_FORMAT_CHOICES) expect(parseSettings({ exportFormat: format }).exportFormat).toBe(format);
    for (const { style } of STYLE_CHOICES) expect(parseSettings({ citationStyle: style }).citationStyle).toBe(style);
  });
});
