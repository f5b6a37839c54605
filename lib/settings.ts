/**
 * The user's settings: their shape and defaults, without zod, so the popup's first paint can name them; the zod
 * schema that reads stored values is in settings-schema.ts.
 */
import type { FileFormatChoice, StyleChoice } from './cite/catalog';

/** Where the settings are kept in `storage.local`. */
export const SETTINGS_KEY = 'settings';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** What the export dialog starts on: a file format, or a formatted bibliography in a style. */
export const EXPORT_KINDS = ['file', 'bibliography'] as const;

export const DEFAULT_SETTINGS = {
  exportKind: 'file',
  exportFormat: 'bibtex',
  citationStyle: 'apa',
  autoDetect: false,
  theme: 'system',
} as const satisfies Record<string, unknown>;

export interface Settings {
  /** Whether Export… starts on a file format or on a formatted bibliography. */
  exportKind: (typeof EXPORT_KINDS)[number];
  /** The file format Export… starts on. */
  exportFormat: FileFormatChoice;
  /** The citation style Export… starts on for bibliographies and in-text citations. */
  citationStyle: StyleChoice;
  /** Read every page as it loads and show the count on the toolbar badge (needs the optional host permission). */
  autoDetect: boolean;
  theme: Theme;
}
