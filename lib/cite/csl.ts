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
  const who = asciiWord((first?.family ?? first?.literal ?? item.publisher ?? '').split(/\s+/)[0] ?? '');
  const year = item.issued?.['date-parts'][0]?.[0];
  const word = item.title
    .split(/[\s\p{P}]+/u)
    .map(asciiWord)
    .find((w) => w.length > 0 && !STOP_WORDS.has(w));
  return `${who}${year ?? ''}${word ?? ''}` || 'untitled';
}

/** Converts records to CSL items with unique keys (a second `smith2020x` becomes `smith2020xb`). */
export function toCslItems(records: readonly LibraryRecord[]): CslExportItem[] {
  const used = new Map<string, number>();
  return records.map((record) => {
    const base = baseCitationKey(record.item);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const key = n === 0 ? base : `${base}${String.fromCharCode(97 + ((n) % 26))}${n >= 26 ? Math.floor(n / 26) : ''}`;
    return { ...record.item, id: key, 'citation-key': key };
  });
}
