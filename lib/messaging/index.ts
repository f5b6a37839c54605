/**
 * `send()` for the popup and `handle()` for the background. Both parse with the protocol's schemas:
 * a message from anything but our own extension pages is refused.
 */
import { browser, type Browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import { envelopeSchema, protocol, replySchema, type MessageName, type Protocol, type Reply, type RequestOf, type ResponseOf } from './protocol';

export * from './protocol';

/** One async handler per message: it receives the parsed request and returns the response (parsed again on the way out). */
export type Handlers = {
  [N in MessageName]: (request: z.output<Protocol[N]['request']>) => Promise<z.input<Protocol[N]['response']>>;
};

/** Sends a request to the background and returns its parsed response; throws the background's error text. */
export async function send<N extends MessageName>(name: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
  const request = protocol[name].request.parse(data);
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ name, data: request });
  } catch (error) {
    // The service worker was stopped mid-request (MV3 may do that at any time): its transaction rolled back.
    throw new Error(`Colophon's background was restarted before it answered; nothing was changed. Please try again. (${error instanceof Error ? error.message : String(error)})`);
  }
  if (raw === undefined) throw new Error('Colophon’s background did not answer; nothing was changed. Please try again.');
  const reply = replySchema.parse(raw);
  if (!reply.ok) throw new Error(reply.error);
  return protocol[name].response.parse(reply.data) as ResponseOf<N>;
}

/** True when the sender is a page of this extension (popup, options), not a content script or another extension. */
export function isOwnPage(sender: Browser.runtime.MessageSender, extensionOrigin: string): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** Dispatches one raw message to its handler; the reply is always a `Reply`, never a thrown error. */
export async function dispatch(handlers: Handlers, raw: unknown): Promise<Reply> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: 'Unknown message' };
  const { name, data } = envelope.data;
  try {
    const request = protocol[name].request.parse(data);
    const response = await (handlers[name] as (r: unknown) => Promise<unknown>)(request);
    return { ok: true, data: protocol[name].response.parse(response) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Installs the background's message listener; returns the function that removes it. */
export function handle(handlers: Handlers): () => void {
  const origin = browser.runtime.getURL('/');
  const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isOwnPage(sender, origin)) return undefined; // not ours to answer
    return dispatch(handlers, raw);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
