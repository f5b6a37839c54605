/**
 * The publication record: CSL-JSON at its core (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html),
 * plus the library's own fields. Every value that crosses a trust boundary (page, file, message) is parsed here:
 * text is cleaned and capped, URLs must be http(s).
 */
import * as z from 'zod';
import { cleanText, isWebUrl, LIMITS } from './text';

const text = (max: number) =>
  z
    .string()
    .transform((s) => cleanText(s, max))
    .pipe(z.string().min(1));

const webUrl = z
  .string()
  .transform((s) => s.trim().slice(0, LIMITS.url))
  .refine(isWebUrl, { message: 'only http(s) URLs are kept' });

export const ITEM_TYPES = [
  'book',
  'chapter',
  'report',
  'pamphlet',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'article',
  'thesis',
  'periodical',
  'paper-conference',
  'webpage',
  'document',
] as const;
export const itemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof itemTypeSchema>;

/** A person ({family, given}) or an organisation ({literal}). */
export const nameSchema = z
  .object({
    family: text(LIMITS.short).optional(),
    given: text(LIMITS.short).optional(),
    literal: text(LIMITS.short).optional(),
  })
  .refine((n) => n.family !== undefined || n.literal !== undefined, { message: 'a name needs family or literal' });
export type Name = z.infer<typeof nameSchema>;

const datePart = z.number().int().min(-9999).max(9999);
/** CSL date: `[[year, month?, day?]]`; month 1–12 and day 1–31 checked, impossible dates refused. */
export const dateSchema = z.object({
  'date-parts': z
    .array(z.tuple([datePart]).or(z.tuple([datePart, z.number().int().min(1).max(12)])).or(
      z.tuple([datePart, z.number().int().min(1).max(12), z.number().int().min(1).max(31)]),
    ))
    .min(1)
    .max(2),
});
export type CslDate = z.infer<typeof dateSchema>;

const names = z.array(nameSchema).max(100);

/** The CSL-JSON fields Colophon keeps. Unknown keys are stripped. */
export const cslItemSchema = z.object({
  type: itemTypeSchema,
  title: text(LIMITS.title),
  author: names.optional(),
  editor: names.optional(),
  publisher: text(LIMITS.short).optional(),
  'publisher-place': text(LIMITS.short).optional(),
  issued: dateSchema.optional(),
  'number-of-pages': z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  page: text(40).optional(),
  'container-title': text(LIMITS.title).optional(),
  'collection-title': text(LIMITS.title).optional(),
  volume: text(40).optional(),
  issue: text(40).optional(),
  edition: text(40).optional(),
  DOI: z
    .string()
    .trim()
    .regex(/^10\.\d{4,9}\/\S{1,300}$/)
    .optional(),
  ISBN: text(60).optional(),
  ISSN: text(60).optional(),
  URL: webUrl.optional(),
  abstract: text(LIMITS.long).optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
});
export type CslItem = z.infer<typeof cslItemSchema>;
export const CSL_FIELDS = Object.keys(cslItemSchema.shape) as (keyof CslItem)[];

/** Where a field's value came from, and how sure the extractor was (0–1). */
export const provenanceSchema = z.object({
  source: z.string().max(40),
  confidence: z.number().min(0).max(1),
});
export type Provenance = z.infer<typeof provenanceSchema>;
export const provenanceMapSchema = z.partialRecord(z.enum(CSL_FIELDS as [keyof CslItem, ...(keyof CslItem)[]]), provenanceSchema);
export type ProvenanceMap = z.infer<typeof provenanceMapSchema>;

/** A publication found on a page, before the user saves it. */
export const candidateSchema = z.object({
  item: cslItemSchema,
  provenance: provenanceMapSchema.default({}),
});
export type Candidate = z.infer<typeof candidateSchema>;

/** What one extraction returns: items in page order, and notes for the user (e.g. "page too large for Readability"). */
export const extractResultSchema = z.object({
  url: webUrl,
  pageTitle: z.string().transform((s) => cleanText(s, LIMITS.title)),
  items: z.array(candidateSchema).max(500),
  notes: z.array(z.string().transform((s) => cleanText(s, LIMITS.short))).max(20).default([]),
});
export type ExtractResult = z.infer<typeof extractResultSchema>;

/** A saved record: the CSL item plus the library's own fields. */
export const libraryRecordSchema = z.object({
  id: z.string().min(1).max(64),
  savedAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  tags: z.array(text(60)).max(100).default([]),
  note: z.string().max(LIMITS.long).default(''),
  item: cslItemSchema,
  provenance: provenanceMapSchema.default({}),
});
export type LibraryRecord = z.infer<typeof libraryRecordSchema>;
