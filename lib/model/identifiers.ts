/** Identifier checks shared by the extractor and the editor's validation. */

/** True when the digits (hyphens and spaces ignored) form a valid ISBN-10 or ISBN-13. */
export function isValidIsbn(raw: string): boolean {
  const d = raw.toUpperCase().replace(/[^0-9X]/g, '');
  if (d.length === 10) {
    if (!/^\d{9}[\dX]$/.test(d)) return false;
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
    return sum % 11 === 0;
  }
  if (d.length === 13) {
    if (!/^97[89]\d{10}$/.test(d)) return false;
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
    return sum % 10 === 0;
  }
  return false;
}
