/**
 * The one protocol table (STYLE.md 5): every message the popup sends the background, with its request and
 * response schemas side by side. Both ends parse with these; nothing is queued (MV3 workers may be killed).
 */
import * as z from 'zod';
import { candidateSchema, CSL_FIELDS, cslItemSchema, extractResultSchema, libraryRecordSchema, type CslItem } from '../model';

const ids = z.array(z.string().min(1).max(64)).min(1).max(100_000);
const field = z.enum(CSL_FIELDS as [keyof CslItem, ...(keyof CslItem)[]]);
const tag = z.string().trim().min(1).max(60);

/** "Already in your library": the saved record and what updating it from the new capture would change. */
export const duplicateProposalSchema = z.object({
  index: z.number().int().nonnegative(),
  candidate: candidateSchema,
  duplicateOf: libraryRecordSchema,
  rule: z.enum(['doi', 'isbn', 'url', 'title']),
  changes: z.array(z.object({ field, saved: z.unknown(), incoming: z.unknown(), userEdited: z.boolean(), proposed: z.boolean() })),
});
export type DuplicateProposalMessage = z.infer<typeof duplicateProposalSchema>;

export const protocol = {
  /** Run the extractor in a tab and return what it found. */
  capture: {
    request: z.object({ tabId: z.number().int().nonnegative() }),
    response: extractResultSchema,
  },
  /** Save candidates the user checked: new ones are saved (all or none), ones already held come back as proposals. */
  save: {
    request: z.object({ candidates: z.array(candidateSchema).min(1).max(500) }),
    response: z.object({ saved: z.array(libraryRecordSchema), duplicates: z.array(duplicateProposalSchema) }),
  },
  /** Update a saved record from a new capture: the chosen fields, never one the user edited unless chosen. */
  applyDuplicate: {
    request: z.object({ id: z.string().min(1).max(64), candidate: candidateSchema, fields: z.array(field).optional() }),
    response: z.object({ record: libraryRecordSchema }),
  },
  /** Edit a record's fields, tags or note; `clear` names the fields to empty (JSON has no `undefined`). */
  update: {
    request: z.object({
      id: z.string().min(1).max(64),
      item: cslItemSchema.partial().optional(),
      clear: z.array(field).max(30).optional(),
      tags: z.array(tag).max(100).optional(),
      note: z.string().max(5000).optional(),
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
    request: z.object({ records: z.array(libraryRecordSchema).min(1).max(100_000) }),
    response: z.object({ restored: z.number().int() }),
  },
  /** Add and/or remove tags on many records. */
  tag: {
    request: z.object({ ids, add: z.array(tag).max(20).optional(), remove: z.array(tag).max(20).optional() }),
    response: z.object({ changed: z.number().int() }),
  },
  /** Import CSL items (validated entry by entry in the background), in chunks, skipping what the library holds. */
  import: {
    request: z.object({ items: z.array(z.unknown()).min(1).max(100_000) }),
    response: z.object({
      added: z.number().int(),
      duplicates: z.number().int(),
      invalid: z.array(z.object({ index: z.number().int(), message: z.string().max(500) })).max(1000),
      error: z.string().optional(),
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
  z.object({ ok: z.literal(false), error: z.string().max(2000) }),
]);
export type Reply = z.infer<typeof replySchema>;
