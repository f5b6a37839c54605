import { describe, expect, it } from 'vitest';
import { extractJsonLd } from '../../lib/extract/json-ld';
import { dom, URL } from './helpers';

const page = (json: string) => dom(`<html><head><title>x</title><script type="application/ld+json">${json}</script></head><body></body></html>`);

describe('JSON-LD and microdata', () => {
  it('reads a Book in an @graph with Person, Organization and string authors', () => {
    const doc = page(JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Shop' }, { '@type': 'Book', name: 'The Creative Industries', author: [{ '@type': 'Person', name: 'Terry Flew' }, { '@type': 'Organization', name: 'UNESCO' }, 'Ana Barbarić'], numberOfPages: 312, isbn: '978-92-871-6696-8', datePublished: '2012-05-01' }] }));
    const d = extractJsonLd(doc, URL).drafts.find((x) => x.describes === 'publication')!;
    expect(d.item).toMatchObject({ type: 'book', title: 'The Creative Industries', 'number-of-pages': '312', ISBN: '978-92-871-6696-8', issued: [2012, 5, 1] });
    expect(d.item.author).toEqual([{ family: 'Flew', given: 'Terry' }, { literal: 'UNESCO' }, { family: 'Barbarić', given: 'Ana' }]);
  });
  it('skips malformed JSON and keeps news articles page-level', () => {
    expect(extractJsonLd(page('{"@type": "Book", name: broken'), URL).drafts).toEqual([]);
    const d = extractJsonLd(page('{"@type":"NewsArticle","headline":"News","author":{"@type":"Person","name":"admin"}}'), URL).drafts;
    expect(d[0]?.describes).toBe('page');
  });
  it('reads microdata', () => {
    const doc = dom('<div itemscope itemtype="https://schema.org/Book"><h1 itemprop="name">Atlas of Things</h1><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Barbarić</span></span><meta itemprop="datePublished" content="2021"></div>');
    const d = extractJsonLd(doc, URL).drafts.find((x) => x.source === 'microdata')!;
    expect(d.item).toMatchObject({ title: 'Atlas of Things', issued: [2021], author: [{ family: 'Barbarić', given: 'Ana' }] });
  });
});
