import { describe, expect, it } from 'vitest';
import { extractMetaTags } from '../../lib/extract/meta-tags';
import { extractPage } from '../../lib/extract';
import { dom, URL } from './helpers';

describe('meta tags', () => {
  it('reads Highwire citation_* and prefers the dated over the placeholder date', () => {
    const doc = dom(`<html><head><title>x</title>
      <meta name="citation_title" content="A Map of Things">
      <meta name="citation_author" content="Gordon, David E."><meta name="citation_author" content="Jang, Gwendolyn M.">
      <meta name="citation_publication_date" content="2020/01/01"><meta name="citation_date" content="2020-03-27">
      <meta name="citation_journal_title" content="bioRxiv"><meta name="citation_doi" content="doi:10.1101/2020.03.22.002386">
      <meta name="citation_reference" content="citation_title=Cited work; citation_author=Someone">
      </head><body><h1>A Map of Things</h1></body></html>`);
    const d = extractMetaTags(doc, URL).drafts.find((x) => x.source === 'highwire')!;
    expect(d.item).toMatchObject({ title: 'A Map of Things', issued: [2020, 3, 27], DOI: '10.1101/2020.03.22.002386', type: 'article' });
    expect(d.item.author).toEqual([{ family: 'Gordon', given: 'David E.' }, { family: 'Jang', given: 'Gwendolyn M.' }]);
    const items = extractPage(doc, URL).items;
    expect(items).toHaveLength(1); // cited works are not items
  });
  it('reads Dublin Core in any case, PRISM, and meta written with value=', () => {
    const doc = dom(`<html><head><title>x</title>
      <meta name="DC.Title" value="remoteStorage"><meta name="DC.Creator" value="Kooman, F.">
      <meta name="dc.date.issued" content="2014-12-15"><meta name="prism.volume" content="596">
      </head><body></body></html>`);
    const drafts = extractMetaTags(doc, URL).drafts;
    expect(drafts.find((d) => d.source === 'dublin-core')?.item).toMatchObject({ title: 'remoteStorage', author: [{ family: 'Kooman', given: 'F.' }], issued: [2014, 12, 15] });
    expect(drafts.find((d) => d.source === 'prism')?.item.volume).toBe('596');
  });
  it('treats og:title as a weak, page-level witness', () => {
    const doc = dom(`<html><head><title>x</title><meta property="og:title" content="Site Name"></head><body></body></html>`);
    const og = extractMetaTags(doc, URL).drafts.find((d) => d.source === 'open-graph');
    expect(og?.describes).toBe('page');
    expect(extractPage(doc, URL).items).toEqual([]);
  });
  it('reads a preprint repository as publisher and its own DOI link, never a reference DOI', () => {
    const doc = dom(`<html><head><title>x</title><meta name="citation_title" content="Attention"><meta name="citation_arxiv_id" content="1706.03762"></head>
      <body><ol><li><a href="https://doi.org/10.1000/other.1234">ref</a></li></ol><a href="https://doi.org/10.48550/arXiv.1706.03762">doi</a>
      <p>By Someone, Paris: Fake Press, 2001, 20 pages</p></body></html>`);
    const [c] = extractPage(doc, URL).items;
    expect(c?.item).toMatchObject({ title: 'Attention', publisher: 'arXiv', DOI: '10.48550/arXiv.1706.03762' });
    // Scholarly metadata describes the work: the page's prose is not read over it.
    expect(c?.item['publisher-place']).toBeUndefined();
  });
});
