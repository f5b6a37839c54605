/**
 * Where each element of a JSON array starts (1-based lines), for reporting a bad CSL-JSON item or backup record
 * by line: `JSON.parse` keeps no positions. `key` picks the array under that key of a root object
 * (`records` in a backup); without it, the root array.
 */
import { lineAt, lineStarts } from './bib-parse';

export function arrayElementLines(text: string, key?: string): number[] {
  const starts = lineStarts(text);
  const lines: number[] = [];
  // Each open container: is it the array whose elements we want?
  const stack: { array: boolean; target: boolean }[] = [];
  let lastKey: string | undefined;
  let i = 0;
  const n = text.length;
  const elementStart = (at: number) => {
    const top = stack[stack.length - 1];
    if (top?.target) lines.push(lineAt(starts, at));
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      let k = j + 1;
      while (k < n && /\s/.test(text[k]!)) k++;
      if (top && !top.array && text[k] === ':') lastKey = stack.length === 1 ? JSON.parse(text.slice(i, j + 1)) as string : undefined;
      else elementStart(i);
      i = j + 1;
    } else if (ch === '{' || ch === '[') {
      elementStart(i);
      const target = ch === '[' && (key === undefined ? stack.length === 0 : stack.length === 1 && !stack[0]!.array && lastKey === key);
      stack.push({ array: ch === '[', target });
      i++;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
    } else if (ch === ',' || ch === ':' || /\s/.test(ch)) {
      i++;
    } else {
      elementStart(i);
      while (i < n && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  }
  return lines;
}

/** The line of a `JSON.parse` syntax error, from V8's "at position N" (1 when unknown). */
export function jsonErrorLine(text: string, error: unknown): number {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (m) return lineAt(lineStarts(text), Number(m[1]));
  const lineCol = /line (\d+)/.exec(error instanceof Error ? error.message : '');
  return lineCol ? Number(lineCol[1]) : 1;
}
