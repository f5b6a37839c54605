import { describe, expect, it } from 'vitest';
import { candidateSchema, cleanText, cslItemSchema, formToItem, itemToForm, textToNames } from '@/lib/model';

describe('record schema at the trust boundary', () => {
  it('cleans control, zero-width and bidi characters and caps length', () => {
    const item = cslItemSchema.parse({ type: 'book', title: `A\u202eB\u200b C\u0000\n\tD${'x'.repeat(5000)}` });
    expect(item.title.startsWith('A B C D')).toBe(true);
    expect(item.title.length).toBeLessThanOrEqual(1000);
    expect(cleanText('\ud83d\ude00'.repeat(10), 5)).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('keeps http(s) URLs only and plain-text titles as text', () => {
    expect(cslItemSchema.safeParse({ type: 'book', title: 't', URL: 'javascript:alert(1)' }).success).toBe(false);
    expect(cslItemSchema.safeParse({ type: 'book', title: 't', URL: 'data:text/html,x' }).success).toBe(false);
    expect(cslItemSchema.parse({ type: 'book', title: '<script>alert(1)</script>' }).title).toBe('<script>alert(1)</script>');
  });

  it('refuses impossible values', () => {
    expect(cslItemSchema.safeParse({ type: 'book', title: 't', 'number-of-pages': '1e309' }).success).toBe(false);
    expect(cslItemSchema.safeParse({ type: 'book', title: 't', issued: { 'date-parts': [[2017, 13]] } }).success).toBe(false);
    expect(cslItemSchema.safeParse({ type: 'book', title: '   ' }).success).toBe(false);
    expect(cslItemSchema.safeParse({ type: 'poem', title: 't' }).success).toBe(false);
    expect(candidateSchema.safeParse({ item: { type: 'book', title: 't' }, provenance: { title: { source: 'x', confidence: 2 } } }).success).toBe(false);
  });

  it('strips unknown and prototype keys', () => {
    const parsed = cslItemSchema.parse(JSON.parse('{"type":"book","title":"t","__proto__":{"polluted":1},"evil":1}'));
    expect(Object.keys(parsed)).toEqual(['type', 'title']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the editable form', () => {
  const item = cslItemSchema.parse({
    type: 'report',
    title: "Cities' External Cultural Relations",
    author: [{ literal: 'EUROCITIES' }, { family: 'Švob-Đokić', given: 'Nada' }],
    issued: { 'date-parts': [[2017, 6]] },
    'number-of-pages': '26',
    volume: '3',
  });

  it('round-trips an item, keeping fields the form does not show', () => {
    const form = itemToForm(item);
    expect(form.author).toBe('EUROCITIES\nŠvob-Đokić, Nada');
    expect(form.issued).toBe('2017-06');
    expect(formToItem(form, item)).toEqual({ ok: true, item });
  });

  it('reads persons with a comma and organisations without', () => {
    expect(textToNames('Council of Europe\nSmith, J.; Doe')).toEqual([{ literal: 'Council of Europe' }, { family: 'Smith', given: 'J.' }, { literal: 'Doe' }]);
  });

  it('names the field a user must fix', () => {
    const form = { ...itemToForm(item), issued: 'last year' };
    expect(formToItem(form, item)).toMatchObject({ ok: false, field: 'Year' });
    expect(formToItem({ ...itemToForm(item), 'number-of-pages': 'many' }, item)).toMatchObject({ ok: false, field: 'Pages' });
    expect(formToItem({ ...itemToForm(item), title: ' ' }, item)).toMatchObject({ ok: false, field: 'Title' });
  });
});
