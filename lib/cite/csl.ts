/**
 * Records → CSL-JSON items ready for a citation library: each gets a stable, readable citation key
 * (`eurocities2017cities`), unique within one export.
 */
import type { CslItem, LibraryRecord } from '../model';

export type CslExportItem = CslItem & { id: string; 'citation-key': string };

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'for', 'to', 'la', 'le', 'les', 'der', 'die', 'das', 'el', 'il']);

const asciiWord = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** `family-or-organisation` + year + first significant title word, lower-case ASCII. */
export function baseCitationKey(item: CslItem): string {
  const first = item.author?.[0] ?? item.editor?.[0];
  // The family name without its particle ("van der Berg" → "berg"), else the organisation's first word.
  const words = (first?.family ?? first?.literal ?? item.publisher ?? '').split(/\s+/);
  const who = asciiWord((first?.family !== undefined ? words.find((w) => /^\p{Lu}/u.test(w)) : undefined) ?? words[0] ?? '');
  const year = item.issued?.['date-parts'][0]?.[0];
  const word = item.title
    .split(/[\s\p{P}]+/u)
    .map(asciiWord)
    .find((w) => w.length > 0 && !STOP_WORDS.has(w));
  return `${who}${year ?? ''}${word ?? ''}` || 'untitled';
}

/** Converts records to CSL items with unique keys (a second `smith2020x` becomes `smith2020xa`, then `…b`). */
export function toCslItems(records: readonly LibraryRecord[]): CslExportItem[] {
  const used = new Set<string>();
  return records.map((record) => {
    const base = baseCitationKey(record.item);
    let key = base;
    for (let n = 0; used.has(key); n++) key = `${base}${suffix(n)}`;
    used.add(key);
    return { ...record.item, id: key, 'citation-key': key };
  });
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  return (n >= 26 ? suffix(Math.floor(n / 26) - 1) : '') + String.fromCharCode(97 + (n % 26));
}
