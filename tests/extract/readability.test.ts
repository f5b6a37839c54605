import { describe, expect, it } from 'vitest';
import { extractReadability } from '../../lib/extract/readability';
import { extractPage } from '../../lib/extract';
import { dom, URL } from './helpers';

const article = `<html><head><title>The Hidden Heroines | Magazine</title><meta property="og:site_name" content="Quanta Magazine"></head><body>
  <article><h1>The Hidden Heroines</h1><p class="byline">By Joshua Sokol</p>${'<p>Two women programmers played a pivotal role in the birth of chaos theory, and their story shows how computation changed. </p>'.repeat(8)}</article></body></html>`;

describe('Readability', () => {
  it('reads a clone: the page is untouched and the draft is page-level', () => {
    const doc = dom(article);
    const before = doc.body.innerHTML.length;
    const out = extractReadability(doc, URL);
    expect(doc.body.innerHTML.length).toBe(before);
    expect(out.drafts[0]?.describes).toBe('page');
    expect(out.drafts[0]?.item['container-title']).toBe('Quanta Magazine');
  });
  it('is skipped above the element limit, with a note', () => {
    const out = extractReadability(dom(article), URL, 5);
    expect(out.drafts).toEqual([]);
    expect(out.notes?.[0]).toMatch(/too large/);
    expect(extractPage(dom(article), URL, { readabilityElementLimit: 5 }).notes.join(' ')).toMatch(/too large/);
  });
  it('is not run when no other source found a publication to complete', () => {
    expect(extractReadability(dom(article), URL, 3000, false).drafts).toEqual([]);
  });
});
