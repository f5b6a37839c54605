/**
 * The one protocol table (STYLE.md 5): every message the popup sends the background, with its request and
 * response schemas side by side. Both ends parse with these; nothing is queued (MV3 workers may be killed).
 */
import * as z from 'zod';
import { candidateSchema, extractResultSchema, libraryRecordSchema } from '../model';

export const protocol = {
  /** Run the extractor in a tab and return what it found. */
  capture: {
    request: z.object({ tabId: z.number().int().nonnegative() }),
    response: extractResultSchema,
  },
  /** Save candidates the user checked; returns the saved records, newest first. */
  save: {
    request: z.object({ candidates: z.array(candidateSchema).min(1).max(500) }),
    response: z.object({ saved: z.array(libraryRecordSchema) }),
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
