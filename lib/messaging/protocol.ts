/**
 * The one protocol table (STYLE.md 5): every message the popup sends the background, with its request and
 * response schemas side by side. Both ends parse with these; nothing is queued (MV3 workers may be killed).
 */
import * as z from 'zod/mini';
import { candidateSchema, CSL_FIELDS, cslItemSchema, extractResultSchema, libraryRecordSchema, type CslItem } from '../model';

const id = z.string().check(z.minLength(1), z.maxLength(64));
const ids = z.array(id).check(z.minLength(1), z.maxLength(100_000));
const count = z.number().check(z.int());
/** A part of an import: never empty, and a file of 100,000 entries at most. */
const importItems = z.array(z.unknown()).check(z.minLength(1), z.maxLength(100_000));

/** An import request's items, its JSON text parsed and held to the same limits as an array sent as such. */
export function importItemsOf(items: string | unknown[]): unknown[] {
  if (typeof items !== 'string') return items;
  let parsed: unknown;
  try {
    parsed = JSON.parse(items);
  } catch {
    throw new Error('This part of the import is not valid JSON; nothing of it was saved.');
  }
  return importItems.parse(parsed);
}
const field = z.enum(CSL_FIELDS as [keyof CslItem, ...(keyof CslItem)[]]);
const tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));

/** "Already in your library": the saved record and what updating it from the new capture would change. */
export const duplicateProposalSchema = z.object({
  index: z.number().check(z.int(), z.gte(0)),
  candidate: candidateSchema,
  duplicateOf: libraryRecordSchema,
  rule: z.enum(['doi', 'isbn', 'url', 'title']),
  changes: z.array(z.object({ field, saved: z.unknown(), incoming: z.unknown(), userEdited: z.boolean(), proposed: z.boolean() })),
});
export type DuplicateProposalMessage = z.infer<typeof duplicateProposalSchema>;

export const protocol = {
  /** Run the extractor in a tab and return what it found. */
  capture: {
    request: z.object({ tabId: z.number().check(z.int(), z.gte(0)) }),
    response: extractResultSchema,
  },
  /**
   * What "Save selection as publication" read in this tab, waiting for the popup's editor (null when nothing is
   * pending). It stays until saved, dropped or the tab navigates, so a popup closed by accident loses nothing.
   */
  pendingSelection: {
    request: z.object({ tabId: z.number().check(z.int(), z.gte(0)) }),
    response: z.object({ result: z.nullable(extractResultSchema) }),
  },
  /** Read the text selected in a tab as publications (the popup's "Save selected text as a publication"). */
  readSelection: {
    request: z.object({ tabId: z.number().check(z.int(), z.gte(0)) }),
    response: extractResultSchema,
  },
  /** Forget the tab's pending selection (saved, or the user went back to the page's own publications). */
  dropSelection: {
    request: z.object({ tabId: z.number().check(z.int(), z.gte(0)) }),
    response: z.object({ dropped: z.boolean() }),
  },
  /** Save candidates the user checked: new ones are saved (all or none), ones already held come back as proposals. */
  save: {
    request: z.object({ candidates: z.array(candidateSchema).check(z.minLength(1), z.maxLength(500)) }),
    response: z.object({ saved: z.array(libraryRecordSchema), duplicates: z.array(duplicateProposalSchema) }),
  },
  /** Read only: which of these candidates the library already holds (the popup marks them as soon as a page is read). */
  findDuplicates: {
    request: z.object({ candidates: z.array(candidateSchema).check(z.minLength(1), z.maxLength(500)) }),
    response: z.object({ duplicates: z.array(duplicateProposalSchema) }),
  },
  /** Update a saved record from a new capture: the chosen fields, never one the user edited unless chosen. */
  applyDuplicate: {
    request: z.object({ id, candidate: candidateSchema, fields: z.optional(z.array(field)) }),
    response: z.object({ record: libraryRecordSchema }),
  },
  /** Edit a record's fields, tags or note; `clear` names the fields to empty (JSON has no `undefined`). */
  update: {
    request: z.object({
      id,
      item: z.optional(z.partial(cslItemSchema)),
      clear: z.optional(z.array(field).check(z.maxLength(30))),
      tags: z.optional(z.array(tag).check(z.maxLength(100))),
      note: z.optional(z.string().check(z.maxLength(5000))),
    }),
    response: z.object({ record: libraryRecordSchema }),
  },
  /** Delete records; the response carries them so the popup can offer undo. */
  remove: {
    request: z.object({ ids }),
    response: z.object({ removed: z.array(libraryRecordSchema) }),
  },
  /** Undo of remove: put records back unchanged. */
  restore: {
    request: z.object({ records: z.array(libraryRecordSchema).check(z.minLength(1), z.maxLength(100_000)) }),
    response: z.object({ restored: count }),
  },
  /** Add and/or remove tags on many records. */
  tag: {
    request: z.object({ ids, add: z.optional(z.array(tag).check(z.maxLength(20))), remove: z.optional(z.array(tag).check(z.maxLength(20))) }),
    response: z.object({ changed: count }),
  },
  /** Bring the stored search pack up to date (a view's load had to read many blocks besides it). */
  refreshSearchPack: {
    request: z.object({}),
    response: z.object({ stored: z.boolean() }),
  },
  /**
   * Import CSL items (validated entry by entry in the background), in chunks, skipping what the library holds. Parts
   * of one file share an `importId`: each is committed only after the part sent before it, and not if that failed.
   */
  import: {
    request: z.object({
      /**
       * The items, or their JSON text (how the library page passes on a file's chunks: see ImportChunk in
       * lib/cite/import.ts); the background parses it and holds it to the same limits.
       */
      items: z.union([importItems, z.string().check(z.minLength(2), z.maxLength(64 * 1024 * 1024))]),
      importId: z.optional(id),
      /** The part's place in the file (entries before it) and the file's entries: one clock for the whole file. */
      offset: z.optional(count),
      total: z.optional(count),
    }),
    response: z.object({
      added: count,
      duplicates: count,
      invalid: z.array(z.object({ index: count, message: z.string().check(z.maxLength(500)) })).check(z.maxLength(1000)),
      error: z.optional(z.string()),
    }),
  },
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.input<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<Protocol[N]['response']>;

/** What travels over runtime messaging: a name, a payload, and on the way back either data or an error text. */
export const envelopeSchema = z.object({ name: z.enum(Object.keys(protocol) as [MessageName, ...MessageName[]]), data: z.unknown() });
export const replySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string().check(z.maxLength(2000)) }),
]);
export type Reply = z.infer<typeof replySchema>;
