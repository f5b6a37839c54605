/**
 * The editable form of a CSL item: every field as the text a person types. `itemToForm` and `formToItem`
 * convert both ways; `formToItem` parses with the record schema, so an edit can never store an invalid value.
 */
import { isValidIsbn } from './identifiers';
import { cslItemSchema, type CslItem, type ItemType, type Name } from './record';

export const FORM_FIELDS = [
  ['title', 'Title'],
  ['author', 'Authors'],
  ['editor', 'Editors'],
  ['publisher', 'Publisher'],
  ['publisher-place', 'Place'],
  ['issued', 'Year'],
  ['number-of-pages', 'Pages'],
  ['container-title', 'In (journal, book)'],
  ['DOI', 'DOI'],
  ['ISBN', 'ISBN'],
  ['URL', 'URL'],
] as const satisfies readonly (readonly [keyof CslItem, string])[];
export type FormField = (typeof FORM_FIELDS)[number][0];
export type ItemForm = Record<FormField, string> & { type: ItemType };

/** What to type, in plain words, for the fields a person can get wrong (zod's own messages are for developers). */
const HINTS: Record<string, string> = {
  title: 'a title is needed',
  'number-of-pages': 'the number of pages, in digits (like 214)',
  DOI: 'a DOI looks like 10.1234/abc-56',
  ISBN: 'an ISBN of 10 or 13 digits whose check digit matches: look for a typo',
  issued: 'a year like 2017, or a date like 2017-05 or 2017-05-14',
  URL: 'an address starting with http:// or https://',
  language: 'a language code like en, fr or hr',
  author: 'one name per line: "Family, Given" or an organisation',
  editor: 'one name per line: "Family, Given" or an organisation',
};

/** "Family, Given" for persons, the bare name for organisations; one name per line. */
export function namesToText(names: readonly Name[] | undefined): string {
  return (names ?? []).map((n) => n.literal ?? (n.given ? `${n.family}, ${n.given}` : (n.family ?? ''))).join('\n');
}

/** Lines with a comma are persons ("Family, Given"); lines without are kept whole as organisations. */
export function textToNames(text: string): Name[] {
  return text
    .split(/\n|;/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(',');
      if (comma < 0) return { literal: line };
      const family = line.slice(0, comma).trim();
      const given = line.slice(comma + 1).trim();
      return given ? { family, given } : { family };
    });
}

/** "2017", "2017-05" or "2017-05-14" from a CSL date. */
export function dateToText(date: CslItem['issued']): string {
  const parts = date?.['date-parts'][0];
  return parts ? parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-') : '';
}

export function textToDate(text: string): CslItem['issued'] {
  const m = /^\s*(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
  return { 'date-parts': [parts as [number] | [number, number] | [number, number, number]] };
}

export function itemToForm(item: CslItem): ItemForm {
  const form = { type: item.type } as ItemForm;
  for (const [field] of FORM_FIELDS) {
    const value = item[field];
    form[field] =
      field === 'author' || field === 'editor'
        ? namesToText(value as Name[] | undefined)
        : field === 'issued'
          ? dateToText(item.issued)
          : typeof value === 'string'
            ? value
            : '';
  }
  return form;
}

/** The item a form describes, before validation (fields not on the form are kept from `base`). */
function formDraft(form: ItemForm, base: CslItem): Record<string, unknown> {
  const next: Record<string, unknown> = { ...base, type: form.type };
  for (const [field] of FORM_FIELDS) {
    const text = form[field].trim();
    if (field === 'author' || field === 'editor') next[field] = text ? textToNames(text) : undefined;
    else if (field === 'issued') next.issued = text ? textToDate(text) : undefined;
    else next[field] = text || undefined;
  }
  return next;
}

/** The latest year a publication may carry: announced ones are dated a little ahead. */
const latestYear = () => new Date().getFullYear() + 5;

/** One ISBN or several, separated by commas, semicolons, slashes or (between whole ISBNs) spaces. */
function validIsbns(text: string): boolean {
  return text
    .split(/[,;/]+/)
    .filter((part) => part.trim())
    .every((part) => isValidIsbn(part) || part.trim().split(/\s+/).every((word) => isValidIsbn(word)));
}

/**
 * What is wrong with each field of a form, in plain words, for messages beside the fields as the user types.
 * The record schema decides (so the form and storage agree), plus what a person gets wrong that the schema
 * lets through: a year that is not a plausible year, pages that are not a positive number, an ISBN whose check
 * digit does not match. Those extra checks apply to what the user typed: fields still as `found` (the page's or
 * the saved record's values) are held to the schema only, so an odd imported value never blocks another edit.
 */
export function formProblems(form: ItemForm, found?: ItemForm): Partial<Record<FormField, string>> {
  const draft = formDraft(form, { type: form.type, title: form.title || 'x' });
  const problems: Partial<Record<FormField, string>> = {};
  const shape = cslItemSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  for (const [field] of FORM_FIELDS) {
    const text = form[field].trim();
    const value = draft[field];
    const typed = !found || text !== found[field].trim();
    if (field === 'title' && !text) problems.title = HINTS.title!;
    else if (field === 'issued' && text && !typed) {
      if (!value || !shape.issued!.safeParse(value).success) problems.issued = HINTS.issued!;
    } else if (field === 'issued' && text) {
      const year = (value as CslItem['issued'])?.['date-parts'][0]?.[0];
      if (!year || year < 1000 || year > latestYear() || !shape.issued!.safeParse(value).success) problems.issued = HINTS.issued!;
    } else if (field === 'ISBN' && text && typed) {
      if (!validIsbns(text)) problems.ISBN = HINTS.ISBN!;
    } else if (field === 'number-of-pages' && text && typed && !/^[1-9]\d{0,5}$/.test(text)) problems['number-of-pages'] = HINTS['number-of-pages']!;
    else if (value !== undefined && !shape[field]!.safeParse(value).success) problems[field] = HINTS[field] ?? 'this value cannot be kept';
  }
  return problems;
}

/**
 * Applies a form to an item (fields not on the form are kept). Returns the parsed item or the first
 * problem, named by field, for the user to fix.
 */
export function formToItem(form: ItemForm, base: CslItem): { ok: true; item: CslItem } | { ok: false; field: string; message: string } {
  const problems = formProblems(form, itemToForm(base));
  const first = FORM_FIELDS.find(([field]) => problems[field]);
  if (first) return { ok: false, field: first[1], message: problems[first[0]]! };
  const parsed = cslItemSchema.safeParse(formDraft(form, base));
  if (parsed.success) return { ok: true, item: parsed.data };
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? 'title');
  const label = FORM_FIELDS.find(([f]) => f === key)?.[1] ?? key;
  return { ok: false, field: label, message: HINTS[key] ?? issue?.message ?? 'invalid value' };
}
