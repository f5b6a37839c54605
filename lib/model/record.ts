/**
 * The publication record: CSL-JSON at its core (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html),
 * plus the library's own fields. Every value that crosses a trust boundary (page, file, message) is parsed here:
 * text is cleaned and capped, URLs must be http(s).
 */
// zod/mini: the same parsing as classic zod in a fraction of the popup's bundle (issue 4's size budget).
import * as z from 'zod/mini';
import { ITEM_TYPES } from './item-types';
import { cleanText, isWebUrl, LIMITS } from './text';

const text = (max: number) => z.pipe(z.string(), z.pipe(z.transform((s: string) => cleanText(s, max)), z.string().check(z.minLength(1))));

const webUrl = z.pipe(
  z.string(),
  z.pipe(
    z.transform((s: string) => s.trim().slice(0, LIMITS.url)),
    z.string().check(z.refine(isWebUrl, { message: 'only http(s) URLs are kept' })),
  ),
);

export { ITEM_TYPES };
export const itemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof itemTypeSchema>;

/** A person ({family, given}) or an organisation ({literal}). */
export const nameSchema = z
  .object({
    family: z.optional(text(LIMITS.short)),
    given: z.optional(text(LIMITS.short)),
    literal: z.optional(text(LIMITS.short)),
  })
  .check(z.refine((n) => n.family !== undefined || n.literal !== undefined, { message: 'a name needs family or literal' }));
export type Name = z.infer<typeof nameSchema>;

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const datePart = int(-9999, 9999);
/** CSL date: `[[year, month?, day?]]`; month 1–12 and day 1–31 checked, impossible dates refused. */
export const dateSchema = z.object({
  'date-parts': z
    .array(z.union([z.tuple([datePart]), z.tuple([datePart, int(1, 12)]), z.tuple([datePart, int(1, 12), int(1, 31)])]))
    .check(z.minLength(1), z.maxLength(2)),
});
export type CslDate = z.infer<typeof dateSchema>;

const names = z.array(nameSchema).check(z.maxLength(100));
const pattern = (re: RegExp) => z.string().check(z.regex(re));

/** The CSL-JSON fields Colophon keeps. Unknown keys are stripped. */
export const cslItemSchema = z.object({
  type: itemTypeSchema,
  title: text(LIMITS.title),
  author: z.optional(names),
  editor: z.optional(names),
  publisher: z.optional(text(LIMITS.short)),
  'publisher-place': z.optional(text(LIMITS.short)),
  issued: z.optional(dateSchema),
  'number-of-pages': z.optional(pattern(/^\d{1,6}$/)),
  page: z.optional(text(40)),
  'container-title': z.optional(text(LIMITS.title)),
  'collection-title': z.optional(text(LIMITS.title)),
  volume: z.optional(text(40)),
  issue: z.optional(text(40)),
  edition: z.optional(text(40)),
  DOI: z.optional(z.string().check(z.trim(), z.regex(/^10\.\d{4,9}\/\S{1,300}$/))),
  ISBN: z.optional(text(60)),
  ISSN: z.optional(text(60)),
  URL: z.optional(webUrl),
  abstract: z.optional(text(LIMITS.long)),
  language: z.optional(pattern(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
});
export type CslItem = z.infer<typeof cslItemSchema>;
export const CSL_FIELDS = Object.keys(cslItemSchema.shape) as (keyof CslItem)[];

/** Where a field's value came from, and how sure the extractor was (0–1). */
export const provenanceSchema = z.object({
  source: z.string().check(z.maxLength(40)),
  confidence: z.number().check(z.gte(0), z.lte(1)),
});
export type Provenance = z.infer<typeof provenanceSchema>;
export const provenanceMapSchema = z.partialRecord(z.enum(CSL_FIELDS as [keyof CslItem, ...(keyof CslItem)[]]), provenanceSchema);
export type ProvenanceMap = z.infer<typeof provenanceMapSchema>;

/** A publication found on a page, before the user saves it. */
export const candidateSchema = z.object({
  item: cslItemSchema,
  provenance: z._default(provenanceMapSchema, {}),
});
export type Candidate = z.infer<typeof candidateSchema>;

const cleaned = (max: number) => z.pipe(z.string(), z.transform((s: string) => cleanText(s, max)));

/** What one extraction returns: items in page order, and notes for the user (e.g. "page too large for Readability"). */
export const extractResultSchema = z.object({
  url: webUrl,
  pageTitle: cleaned(LIMITS.title),
  items: z.array(candidateSchema).check(z.maxLength(500)),
  notes: z._default(z.array(cleaned(LIMITS.short)).check(z.maxLength(20)), []),
});
export type ExtractResult = z.infer<typeof extractResultSchema>;

/** A saved record: the CSL item plus the library's own fields. */
export const libraryRecordSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  savedAt: z.number().check(z.int(), z.gte(0)),
  updatedAt: z.number().check(z.int(), z.gte(0)),
  tags: z._default(z.array(text(60)).check(z.maxLength(100)), []),
  note: z._default(z.string().check(z.maxLength(LIMITS.long)), ''),
  item: cslItemSchema,
  provenance: z._default(provenanceMapSchema, {}),
});
export type LibraryRecord = z.infer<typeof libraryRecordSchema>;
