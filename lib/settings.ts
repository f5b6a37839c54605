/**
 * The user's settings: one zod schema, read by the popup, the library page and the background. Stored values
 * are untrusted (an older version, a hand edit, a sync gone wrong): each field that does not parse falls back
 * to its default on its own, and reading never throws.
 */
import * as z from 'zod/mini';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES, type FileFormatChoice, type StyleChoice } from './cite/catalog';

const formats = FILE_FORMAT_CHOICES.map((c) => c.format) as [FileFormatChoice, ...FileFormatChoice[]];
const styles = STYLE_CHOICES.map((c) => c.style) as [StyleChoice, ...StyleChoice[]];

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

export const settingsSchema = z.object({
  /** Whether Export… starts on a file format or on a formatted bibliography. */
  exportKind: z.catch(z.enum(EXPORT_KINDS), DEFAULT_SETTINGS.exportKind),
  /** The file format Export… starts on. */
  exportFormat: z.catch(z.enum(formats), DEFAULT_SETTINGS.exportFormat),
  /** The citation style Export… starts on for bibliographies and in-text citations. */
  citationStyle: z.catch(z.enum(styles), DEFAULT_SETTINGS.citationStyle),
  /** Read every page as it loads and show the count on the toolbar badge (needs the optional host permission). */
  autoDetect: z.catch(z.boolean(), DEFAULT_SETTINGS.autoDetect),
  theme: z.catch(z.enum(THEMES), DEFAULT_SETTINGS.theme),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Settings from whatever was stored: unknown keys dropped, each bad or missing field at its default. */
export function parseSettings(raw: unknown): Settings {
  const parsed = settingsSchema.safeParse(raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {});
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}
