import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../lib/extract';
import { extractResultSchema } from '../../lib/model';
import { dom, URL } from './helpers';

const valid = (html: string) => {
  const r = extractPage(dom(html), URL);
  const parsed = extractResultSchema.safeParse(r);
  expect(parsed.success).toBe(true);
  return r;
};

describe('hostile pages', () => {
  it('survives script strings, malformed JSON-LD, __proto__ keys, control/bidi characters, absurd numbers', () => {
    const r = valid(`<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
      <script type="application/ld+json">{"@type":"Book","name":"<img src=x onerror=alert(1)>\u202e\u200bTitle\u0007","__proto__":{"polluted":1},"numberOfPages":"1e309","datePublished":"2021-13-45","author":{"__proto__":null}}</script>
      <script type="application/ld+json">{not json</script></head>
      <body><h2>Book \u202eevil\u200b title</h2><p>Paris, UNESCO, 2015, 1e309 pages, ISBN 978-92-871-6696-8</p></body></html>`);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    for (const c of r.items) {
      expect(c.item.title).not.toMatch(/[\u202e\u200b\u0007]/);
      if (c.item['number-of-pages']) expect(c.item['number-of-pages']).toMatch(/^\d{1,6}$/);
    }
  });
  it('caps absurdly long titles', () => {
    const r = valid(`<html><head><meta name="citation_title" content="${'A'.repeat(50000)}"></head><body></body></html>`);
    expect(r.items[0]!.item.title.length).toBeLessThanOrEqual(1000);
  });
  it('never throws or leaves the schema on arbitrary markup (property)', () => {
    const fragment = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('<h1>', '</h1>', '<p>', '</p>', '<em>', '</em>', '<br>', '<li>', '<table><tr><th>Title:</th><td>', '</td></tr></table>', 'By ', ', 2017, 26 pages', 'ISBN 978-3-934868-17-5', '“', '”', 'edited by ', '<span class="Z3988" title="rft.btitle=x&rft.date=1e309">', '<meta name="citation_title" content="', '">', '\u202e', '\u0000', '__proto__'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        valid(`<html><head><title>t</title></head><body>${parts.join('')}</body></html>`);
      }),
      { numRuns: 60 },
    );
  });
  it('a 10 MB page finishes quickly with a note', () => {
    const para = '<div><p>Filler text about culture and policy, 2019, with no publication at all. </p></div>';
    const html = `<html><head><title>big</title></head><body>${para.repeat(Math.ceil(10_000_000 / para.length))}</body></html>`;
    const doc = dom(html);
    const t0 = performance.now();
    const r = extractPage(doc, URL);
    const ms = performance.now() - t0;
    expect(extractResultSchema.safeParse(r).success).toBe(true);
    expect(r.notes.join(' ')).toMatch(/too large/);
    expect(ms).toBeLessThan(3000);
  }, 60000);
});
