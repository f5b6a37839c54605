/**
 * Records → CSL-JSON items ready for a citation library: each gets a stable, readable citation key
 * (`eurocities2017cities`), unique within one export.
 */
import { foldText, type CslItem, type LibraryRecord } from '../model';

export type CslExportItem = CslItem & { id: string; 'citation-key': string };

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'for', 'to', 'la', 'le', 'les', 'der', 'die', 'das', 'el', 'il']);

const asciiWord = (s: string) => foldText(s).replace(/[^a-z0-9]+/g, '');

/** `family-or-organisation` + year + first significant title word, lower-case ASCII. */
export function baseCitationKey(item: CslItem): string {
  const first = item.author?.[0] ?? item.editor?.[0];
  // The family name without its particle ("van der Berg" → "berg"), else the organisation's first word.
  const words = (first?.family ?? first?.literal ?? item.publisher ?? '').split(/\s+/);
  const who = asciiWord((first?.family !== undefined ? words.find((w) => /^\p{Lu}/u.test(w)) : undefined) ?? words[0] ?? '');
  const year = item.issued?.['date-parts'][0]?.[0];
  let word: string | undefined;
  for (const raw of item.title.split(/[\s\p{P}]+/u)) {
    const w = asciiWord(raw);
    if (w.length > 0 && !STOP_WORDS.has(w)) {
      word = w;
      break;
    }
  }
  return `${who}${year ?? ''}${word ?? ''}` || 'untitled';
}

/** Unique citation keys for records, in order (a second `smith2020x` becomes `smith2020xa`, then `…b`). */
export function citationKeys(records: readonly LibraryRecord[]): string[] {
  const used = new Set<string>();
  // Next suffix to try per base key, so a thousand namesakes cost a thousand steps, not half a million.
  const next = new Map<string, number>();
  return records.map((record) => {
    const base = baseCitationKey(record.item);
    let key = base;
    let n = next.get(base) ?? 0;
    while (used.has(key)) key = `${base}${suffix(n++)}`;
    next.set(base, n);
    used.add(key);
    return key;
  });
}

/** Converts records to CSL items with unique keys as `id` and `citation-key` (`keys`: given when part of a larger export). */
export function toCslItems(records: readonly LibraryRecord[], keys: readonly string[] = citationKeys(records)): CslExportItem[] {
  return records.map((record, i) => ({ ...record.item, id: keys[i]!, 'citation-key': keys[i]! }));
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  return (n >= 26 ? suffix(Math.floor(n / 26) - 1) : '') + String.fromCharCode(97 + (n % 26));
}
