import { describe, expect, it } from 'vitest';
import { formProblems, formToItem, itemToForm, type CslItem } from '@/lib/model';

const item: CslItem = { type: 'book', title: 'Kulturna politika i razvoj', publisher: 'IMO', issued: { 'date-parts': [[2004]] }, ISBN: '953-6096-32-3' };
const form = itemToForm(item);

describe('inline validation of the editor (plain words, field by field)', () => {
  it('finds nothing wrong with a good record', () => {
    expect(formProblems(form)).toEqual({});
  });

  it('wants a year that is a year', () => {
    for (const bad of ['20017', '17', 'soon', '2017-13', '3050']) expect(formProblems({ ...form, issued: bad }).issued, bad).toMatch(/a year like 2017/);
    for (const good of ['1789', '2017', '2017-05', '2017-05-14']) expect(formProblems({ ...form, issued: good }).issued, good).toBeUndefined();
  });

  it('wants pages as a positive whole number', () => {
    for (const bad of ['0', 'many', '-3', '12.5', '214 pp.']) expect(formProblems({ ...form, 'number-of-pages': bad })['number-of-pages'], bad).toMatch(/digits/);
    expect(formProblems({ ...form, 'number-of-pages': '214' })).toEqual({});
  });

  it('checks the ISBN check digit, for one ISBN or several', () => {
    expect(formProblems({ ...form, ISBN: '953-6096-32-1' }).ISBN).toMatch(/check digit/);
    expect(formProblems({ ...form, ISBN: '978-92-3-103985-0' }).ISBN).toBeUndefined();
    expect(formProblems({ ...form, ISBN: '978-92-3-103985-0, 92-3-103985-7' }).ISBN).toBeUndefined();
    expect(formProblems({ ...form, ISBN: '978-92-3-103985-0; 92-3-103985-1' }).ISBN).toMatch(/check digit/);
  });

  it('wants a DOI shaped like a DOI, a web address and a title', () => {
    const problems = formProblems({ ...form, DOI: 'doi is 10/abc', URL: 'javascript:alert(1)', title: '  ' });
    expect(problems).toEqual({ DOI: expect.stringMatching(/10\.1234/), URL: expect.stringMatching(/http/), title: expect.stringMatching(/title/) });
  });

  it('holds fields left as found to the schema only, so an odd imported value never blocks another edit', () => {
    const imported: CslItem = { ...item, ISBN: '0262033844 9780262033848 12345', issued: { 'date-parts': [[950]] }, 'number-of-pages': '0' };
    const edited = { ...itemToForm(imported), title: 'Kulturna politika i razvoj (2nd ed.)' };
    expect(formProblems(edited, itemToForm(imported))).toEqual({});
    expect(formToItem(edited, imported)).toMatchObject({ ok: true });
    // Typed by the user, the same values are marked.
    expect(Object.keys(formProblems({ ...edited, ISBN: '12345', issued: '950', 'number-of-pages': '0' }, itemToForm(item))).sort()).toEqual(['ISBN', 'issued', 'number-of-pages']);
    // Whole ISBNs separated by spaces are fine; hyphens and spaces inside one ISBN too.
    expect(formProblems({ ...form, ISBN: '0262033844 9780262033848' }).ISBN).toBeUndefined();
    expect(formProblems({ ...form, ISBN: '978 92 3 103985 0' }).ISBN).toBeUndefined();
  });

  it('formToItem refuses what the editor marks, naming the field', () => {
    expect(formToItem({ ...form, ISBN: '953-6096-32-1' }, item)).toMatchObject({ ok: false, field: 'ISBN' });
    expect(formToItem({ ...form, 'number-of-pages': '0' }, item)).toMatchObject({ ok: false, field: 'Pages' });
    expect(formToItem(form, item)).toEqual({ ok: true, item });
  });
});
