/**
 * One-line summaries of an item for lists: "Kowalska & Novák · Arts Institute, Prague · 2018 · 214 pp.".
 */
import type { CslItem, Name } from './record';

const nameOf = (n: Name) => n.literal ?? n.family ?? '';

/** Authors (or editors, marked "ed."), short: "Kowalska & Novák", "Kowalska et al.", "Adam (ed.)"; '' when none. */
export function describePeople(item: CslItem): string {
  const people = item.author?.length ? item.author : item.editor;
  const names = (people ?? []).map(nameOf).filter(Boolean);
  const who = names.length > 2 ? `${names[0]} et al.` : names.join(' & ');
  if (who && !item.author?.length) return who + (names.length > 1 ? ' (eds.)' : ' (ed.)');
  return who;
}

/** Authors (or editors, marked "ed."), publisher and place, year, page count; parts that are absent are left out. */
export function describeItem(item: CslItem): string {
  const names = (item.author?.length ? item.author : (item.editor ?? [])).map(nameOf).filter(Boolean);
  const who = describePeople(item);
  const publisher = item.publisher && item.publisher !== names[0] ? item.publisher : undefined;
  const imprint = [publisher, item['publisher-place']].filter(Boolean).join(', ');
  const year = item.issued?.['date-parts'][0]?.[0];
  const pages = item['number-of-pages'] ? `${item['number-of-pages']} pp.` : undefined;
  return [who, imprint || item['container-title'], year, pages].filter(Boolean).join(' · ');
}
