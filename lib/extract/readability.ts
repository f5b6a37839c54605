/**
 * Mozilla Readability on a clone of the document (it mutates what it reads): byline, site name, published time
 * and title. These describe the page, so they only complete a publication that the page itself is (an article),
 * never outvote the publication's own metadata. Skipped above an element limit, with a note.
 */
import { Readability } from '@mozilla/readability';
import { parseDate } from './dates';
import { parseNameList } from './names';
import type { Draft, DraftItem, SourceOutput } from './types';

export const DEFAULT_READABILITY_ELEMENT_LIMIT = 3000;

/** Counts elements, stopping as soon as `stopAt` is reached (cheap on huge pages). */
function countElements(doc: Document, stopAt: number): number {
  let n = 0;
  const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
  while (stack.length && n < stopAt) {
    const el = stack.pop()!;
    n++;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return n;
}

/**
 * `needed`: false when no other source found a publication for these page fields to complete; the (costly)
 * parse is then skipped, but a page too large for it still gets its note.
 */
export function extractReadability(doc: Document, _url: string, elementLimit = DEFAULT_READABILITY_ELEMENT_LIMIT, needed = true): SourceOutput {
  const count = countElements(doc, elementLimit + 1);
  if (count > elementLimit) {
    return { drafts: [], notes: [`Page too large for Readability (over ${elementLimit} elements); read through its metadata and visible text.`] };
  }
  if (!needed) return { drafts: [] };
  let article: ReturnType<Readability<string>['parse']> = null;
  try {
    const clone = doc.cloneNode(true) as Document;
    article = new Readability(clone, { charThreshold: 200, maxElemsToParse: elementLimit * 2 }).parse();
  } catch {
    return { drafts: [], notes: ['Readability could not read this page.'] };
  }
  if (!article) return { drafts: [] };
  const item: DraftItem = {};
  if (article.title) item.title = article.title;
  const byline = (article.byline ?? '').replace(/^\s*(?:by|von|par|door|autor(?:in)?:?)\s+/i, '').trim();
  if (byline && byline.length < 120 && /^\p{Lu}/u.test(byline)) {
    const names = parseNameList(byline, 10);
    if (names.length) item.author = names;
  }
  if (article.siteName) item['container-title'] = article.siteName;
  const date = article.publishedTime ? parseDate(article.publishedTime) : null;
  if (date) item.issued = date;
  const draft: Draft = { source: 'readability', describes: 'page', order: 0, confidence: 0.35, item };
  return { drafts: Object.keys(item).length ? [draft] : [] };
}
