/**
 * The settings schema. Stored values are untrusted (an older version, a hand edit, a sync gone wrong): each field
 * that does not parse falls back to its default on its own, and reading never throws.
 */
import * as z from 'zod/mini';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES, type FileFormatChoice, type StyleChoice } from './cite/catalog';
import { DEFAULT_SETTINGS, EXPORT_KINDS, THEMES, type Settings } from './settings';

const formats = FILE_FORMAT_CHOICES.map((c) => c.format) as [FileFormatChoice, ...FileFormatChoice[]];
const styles = STYLE_CHOICES.map((c) => c.style) as [StyleChoice, ...StyleChoice[]];

export const settingsSchema = z.object({
  exportKind: z.catch(z.enum(EXPORT_KINDS), DEFAULT_SETTINGS.exportKind),
  exportFormat: z.catch(z.enum(formats), DEFAULT_SETTINGS.exportFormat),
  citationStyle: z.catch(z.enum(styles), DEFAULT_SETTINGS.citationStyle),
  autoDetect: z.catch(z.boolean(), DEFAULT_SETTINGS.autoDetect),
  theme: z.catch(z.enum(THEMES), DEFAULT_SETTINGS.theme),
});
// The schema and the interface in settings.ts must describe the same object (a compile error otherwise).
const sameShape: [z.infer<typeof settingsSchema>, Settings] extends [Settings, z.infer<typeof settingsSchema>] ? true : never = true;
void sameShape;

/** Settings from whatever was stored: unknown keys dropped, each bad or missing field at its default. */
export function parseSettings(raw: unknown): Settings {
  const parsed = settingsSchema.safeParse(raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {});
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}
