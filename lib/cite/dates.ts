/**
 * CSL dates ⇄ the date notations of the export formats: ISO 8601 as BibLaTeX's `date` field writes it
 * (`2004-05-03`, ranges `2004/2005`), and RIS's `DA` (`2004/05/03/`).
 */
import type { CslDate } from '../model';

type DateParts = CslDate['date-parts'][number];

const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');

/** One date as ISO 8601 (`2004`, `2004-05`, `2004-05-03`; years padded to four digits). */
export function isoDate(parts: DateParts): string {
  const [year, month, day] = parts;
  return [pad(year, 4), month === undefined ? undefined : pad(month, 2), day === undefined ? undefined : pad(day, 2)]
    .filter((p) => p !== undefined)
    .join('-');
}

/** A CSL date (one date or a range) as BibLaTeX's `date` field. */
export function formatIsoDate(date: CslDate): string {
  return date['date-parts'].map(isoDate).join('/');
}

const ISO = /^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** Parses `2004`, `2004-05`, `2004-05-03` or a range joined by `/`; undefined when it is not such a date. */
export function parseIsoDate(value: string): CslDate | undefined {
  const ranges = value.trim().split('/');
  if (ranges.length > 2) return undefined;
  const parts: DateParts[] = [];
  for (const part of ranges) {
    const m = ISO.exec(part.trim());
    if (!m) return undefined;
    parts.push(toParts(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])));
  }
  return { 'date-parts': parts as CslDate['date-parts'] };
}

export function toParts(year: number, month?: number, day?: number): DateParts {
  if (month === undefined) return [year];
  if (day === undefined) return [year, month];
  return [year, month, day];
}

/** Month names and abbreviations (BibTeX macros `jan`…`dec`, English and ISO numbers) → 1–12. */
export function parseMonth(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (/^\d{1,2}$/.test(v)) {
    const n = Number(v);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const i = MONTHS.findIndex((m) => v.startsWith(m));
  return i >= 0 ? i + 1 : undefined;
}
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
