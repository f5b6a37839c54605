import { parseHTML } from 'linkedom';

/** A Document from an HTML string (linkedom, as the CLI uses). */
export function dom(html: string): Document {
  const full = /<html/i.test(html) ? html : `<!doctype html><html><head><title>Test page</title></head><body>${html}</body></html>`;
  return parseHTML(full).document as unknown as Document;
}

export const URL = 'https://example.org/news/1';
