/**
 * Text the user selected on a page ("Save selection as publication"), as the page hands it over, and the
 * result kept for the popup until it is saved or dropped. Both come from or pass through untrusted places
 * (the page; session storage), so both are parsed.
 */
import * as z from 'zod/mini';
import { extractResultSchema } from './record';
import { cleanText, LIMITS } from './text';

/** Longer selections are cut (the text readers' budget is of the same order). */
export const MAX_SELECTION_CHARS = 20_000;

const capped = (max: number) => z.pipe(z.string(), z.transform((s: string) => s.slice(0, max)));
const cleaned = (max: number) => z.pipe(z.string(), z.transform((s: string) => cleanText(s, max) || undefined));

/** The selection with its line breaks and the page's context, read in the page's own frame. */
export const pageSelectionSchema = z.object({
  text: capped(MAX_SELECTION_CHARS),
  url: z.string().check(z.maxLength(LIMITS.url)),
  siteName: z.optional(cleaned(LIMITS.short)),
  language: z.optional(z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/))), undefined)),
  title: z.optional(cleaned(LIMITS.title)),
});
export type PageSelection = z.infer<typeof pageSelectionSchema>;

/** What the popup's editor shows for a tab after "Save selection as publication". */
export const pendingSelectionSchema = z.object({
  tabId: z.number().check(z.int(), z.gte(0)),
  result: extractResultSchema,
});
export type PendingSelection = z.infer<typeof pendingSelectionSchema>;
