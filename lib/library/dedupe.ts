/**
 * De-duplication (issue 4): is an incoming publication one the library already holds, and if so, which of
 * its fields would update the saved record. Pure: items in, verdicts out; the repository does the lookups.
 *
 * Rules, strongest first:
 *   doi    same DOI (case-insensitive)
 *   isbn   an ISBN in common, compared as ISBN-13 digits (so 10- and 13-digit forms match)
 *   url    same URL (scheme, www., fragment, tracking parameters ignored) and a near-identical title
 *   title  near-identical title, same year, and an author, editor or publisher in common
 */
import { CSL_FIELDS, type CslItem, type LibraryRecord, type Name, type ProvenanceMap } from '../model';
import { doiKey, foldText, isbnKeys, titleKey, urlKey } from './normalize';
import { withinEdits } from './search/fuzzy';

export type DuplicateRule = 'doi' | 'isbn' | 'url' | 'title';

/** What the user may take from the incoming copy, field by field. */
export interface FieldChange {
  field: keyof CslItem;
  saved: CslItem[keyof CslItem];
  incoming: CslItem[keyof CslItem];
  /** The user edited this field in the library: keep theirs unless they say otherwise. */
  userEdited: boolean;
  /** Proposed by default: the saved record lacks the field, or holds an extracted value that differs. */
  proposed: boolean;
}

/** The source name that marks a field the user edited (in the record's provenance). */
export const USER_SOURCE = 'user';

/** Titles shorter than this (folded, no spaces) are matched whole only. */
const TITLE_SPLIT = 20;

/**
 * The lookup keys of an item, for the `*keys` index: every record sharing a key with an incoming item is a
 * candidate, then `duplicateRule` decides. Title keys: a short title whole; a longer one as its first and second
 * halves, so a title with a typo still shares a key with its twin (the typo is in one half only), and its exact
 * twin shares both (`nearbyIn` finds it even when both halves are common).
 *
 * A long title used to be a key whole as well: it found nothing the two halves do not, and every key is an index
 * entry each record writes (a tenth of a large import apiece). Records saved before still carry it, harmlessly.
 */
export function duplicateKeys(item: CslItem): string[] {
  const { doi, isbns, url, title } = fingerprint(item);
  const keys: string[] = [];
  if (doi) keys.push(`doi:${doi}`);
  for (const isbn of isbns) keys.push(`isbn:${isbn}`);
  if (url) keys.push(`url:${url}`);
  if (title.length >= TITLE_SPLIT) {
    const half = Math.floor(title.length / 2);
    keys.push(`head:${title.slice(0, half)}`, `tail:${title.slice(half)}`);
  } else if (title) keys.push(`title:${title}`);
  return keys;
}

/**
 * A half-title shared by more than this many records tells nothing on its own ("annual report 20…"): comparing an
 * incoming item against all of them would make each save cost O(library).
 */
export const CROWDED_KEY = 50;
const HALF = /^(head|tail):/;

/**
 * Whatever shares a key with an item, from `listOf` (records, or their ids, by key): every key's list, except a
 * crowded half-title's. When both halves are crowded, what is in both: an exact twin always is.
 */
export function nearbyIn<T>(keys: readonly string[], listOf: (key: string) => readonly T[] | undefined): T[] {
  const nearby: T[] = [];
  const crowded: (readonly T[])[] = [];
  for (const key of keys) {
    const list = listOf(key);
    if (!list) continue;
    if (list.length > CROWDED_KEY && HALF.test(key)) crowded.push(list);
    else nearby.push(...list);
  }
  if (crowded.length === 2) {
    const other = new Set(crowded[1]);
    for (const found of crowded[0]!) if (other.has(found)) nearby.push(found);
  }
  return nearby;
}

/**
 * What the rules compare, computed once per item: an import compares each incoming item with dozens of saved
 * records that share a key, and folding titles or parsing URLs again for every pair was most of its time.
 * Items are never changed in place (edits make new objects), so an item's fingerprint is cached by identity.
 */
interface Fingerprint {
  doi: string | undefined;
  isbns: string[];
  url: string | undefined;
  title: string;
  /** The numbers in the title: "Volume 12" and "Volume 13" are different publications, not typos. */
  numbers: string;
  year: number | undefined;
  people: Set<string>;
}
const fingerprints = new WeakMap<CslItem, Fingerprint>();

const nameKeys = (names: readonly Name[] | undefined) => (names ?? []).map((n) => foldText(n.literal ?? n.family ?? '')).filter(Boolean);
const titleNumbers = (title: string) => (title.match(/\d+/g) ?? []).join(' ');

function fingerprint(item: CslItem): Fingerprint {
  let found = fingerprints.get(item);
  if (!found) {
    found = {
      doi: doiKey(item.DOI),
      isbns: isbnKeys(item.ISBN),
      url: urlKey(item.URL),
      title: titleKey(item.title),
      numbers: titleNumbers(item.title),
      year: item.issued?.['date-parts'][0]?.[0],
      // An organisation may be the author of one copy and the publisher of the other.
      people: new Set([...nameKeys(item.author), ...nameKeys(item.editor), ...(item.publisher ? [foldText(item.publisher)] : [])]),
    };
    fingerprints.set(item, found);
  }
  return found;
}

/** Same folded title, or one within a few typos (1 per 20 letters, at least 1) for titles of 10+ letters. */
function sameTitle(a: Fingerprint, b: Fingerprint): boolean {
  const x = a.title;
  const y = b.title;
  if (x === y) return x.length > 0;
  const shorter = Math.min(x.length, y.length);
  if (shorter < 10) return false;
  if (a.numbers !== b.numbers) return false;
  return withinEdits(x, y, Math.max(1, Math.floor(shorter / 20)));
}

export function nearIdenticalTitles(a: string, b: string): boolean {
  return sameTitle(fingerprint({ type: 'document', title: a }), fingerprint({ type: 'document', title: b }));
}

/**
 * An author, editor or publisher in common. Two copies that name nobody at all also agree: nothing tells them apart.
 */
function sharesPeople(a: Fingerprint, b: Fingerprint): boolean {
  if (a.people.size === 0 && b.people.size === 0) return true;
  for (const k of b.people) if (a.people.has(k)) return true;
  return false;
}

/** Which rule, if any, makes `incoming` a duplicate of `saved`. */
export function duplicateRule(incoming: CslItem, saved: CslItem): DuplicateRule | undefined {
  const a = fingerprint(incoming);
  const b = fingerprint(saved);
  if (a.doi && a.doi === b.doi) return 'doi';
  if (a.isbns.length && b.isbns.some((k) => a.isbns.includes(k))) return 'isbn';
  const titles = sameTitle(a, b);
  if (titles && a.url && a.url === b.url) return 'url';
  if (titles && a.year === b.year && sharesPeople(a, b)) return 'title';
  return undefined;
}

const RULE_ORDER: readonly DuplicateRule[] = ['doi', 'isbn', 'url', 'title'];

/** The saved record `incoming` duplicates, by the strongest rule (then the oldest record), if any. */
export function findDuplicate(incoming: CslItem, saved: readonly LibraryRecord[]): { record: LibraryRecord; rule: DuplicateRule } | undefined {
  let best: { record: LibraryRecord; rule: DuplicateRule } | undefined;
  for (const record of saved) {
    const rule = duplicateRule(incoming, record.item);
    if (!rule) continue;
    const better = !best || RULE_ORDER.indexOf(rule) < RULE_ORDER.indexOf(best.rule) || (rule === best.rule && record.savedAt < best.record.savedAt);
    if (better) best = { record, rule };
  }
  return best;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Field by field, what the incoming copy would change in the saved record. Fields the incoming copy lacks
 * are never proposed for removal; fields the user edited are listed but not proposed.
 */
export function proposeChanges(saved: LibraryRecord, incoming: CslItem): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CSL_FIELDS) {
    const next = incoming[field];
    const current = saved.item[field];
    if (next === undefined || same(next, current)) continue;
    const userEdited = saved.provenance[field]?.source === USER_SOURCE;
    changes.push({ field, saved: current, incoming: next, userEdited, proposed: !userEdited });
  }
  return changes;
}

/** The saved item with the chosen fields taken from the incoming copy, and their provenance. */
export function applyChanges(
  saved: LibraryRecord,
  incoming: CslItem,
  incomingProvenance: ProvenanceMap,
  fields: readonly (keyof CslItem)[],
): { item: CslItem; provenance: ProvenanceMap } {
  const item: Record<string, unknown> = { ...saved.item };
  const provenance: ProvenanceMap = { ...saved.provenance };
  for (const field of fields) {
    if (incoming[field] === undefined) continue;
    item[field] = incoming[field];
    const from = incomingProvenance[field];
    if (from) provenance[field] = from;
    else delete provenance[field];
  }
  return { item: item as CslItem, provenance };
}
