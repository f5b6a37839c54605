/**
 * Bounded edit distance for typo tolerance: Levenshtein plus adjacent transposition ("optimal string
 * alignment"), since swapped letters are the commonest typing slip. Pure; no allocation per call.
 */

/** How many typos a query word may carry: none under 5 letters, 1 from 5, 2 from 9 (issue 4). */
export function typoBudget(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * True when `word` (or, with `prefix`, some prefix of `word`) is within `max` edits of `query`.
 * Columns beyond `query.length + max` are never needed, so the cost is bounded by the query, not the word.
 */
export function withinEdits(query: string, word: string, max: number, prefix = false): boolean {
  const m = query.length;
  const n = prefix ? Math.min(word.length, m + max) : word.length;
  if (!prefix && Math.abs(m - n) > max) return false;
  if (prefix && n < m - max) return false;
  if (n + 1 > rows[0].length) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const qc = query.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const wc = word.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (qc === wc ? 0 : 1));
      if (i > 1 && j > 1 && qc === word.charCodeAt(j - 2) && query.charCodeAt(i - 2) === wc) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A transposition can reach back two rows, so stop only when two rows in a row are over budget.
    if (rowMin > max && prevMin > max) return false;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  if (!prefix) return prev[n]! <= max;
  for (let j = Math.max(0, m - max); j <= n; j++) if (prev[j]! <= max) return true;
  return false;
}

/** A 32-bit set of the characters in a word (folded together mod 32), for a cheap test before `withinEdits`. */
export function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) set |= 1 << (word.charCodeAt(i) & 31);
  return set;
}

/**
 * False when `word` certainly is not within `max` edits of `query`: each edit brings in at most one
 * character the word lacks, so more than `max` such characters rule it out. (Sets are of the whole word, so
 * the test is also safe for prefix matching.)
 */
export function mayBeWithin(querySet: number, wordSet: number, max: number): boolean {
  let missing = querySet & ~wordSet;
  let n = 0;
  while (missing) {
    missing &= missing - 1;
    if (++n > max) return false;
  }
  return true;
}
