/**
 * The import worker's side of the protocol, run in Node: a file's entries go out in chunks of JSON text as they
 * are read, then one reply with what only the end tells; a job without a file gets a clear error.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_CHUNK, handleImport, IMPORT_CHUNK } from '@/components/worker/import-worker';
import { formatBibtex, parseImport, type ImportChunk } from '@/lib/cite';
import { benchRecords } from '../../scripts/bench/cite';

function run(job: unknown): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  handleImport(job, (m) => messages.push(m));
  return messages;
}

describe('import worker', () => {
  it('reads a file in chunks of JSON text before its one reply', () => {
    const bib = formatBibtex(benchRecords(2_500)).replace('title = {', 'title = {Broken {'); // the first entry is broken
    const messages = run({ bytes: new TextEncoder().encode(bib) });
    const reply = messages.at(-1)!;
    expect(reply).toMatchObject({ ok: true, format: 'bibtex', errors: [{ line: 1 }] });
    expect(reply.entries).toBeUndefined(); // every entry went out in a chunk
    const chunks = messages.slice(0, -1).map((m) => m.chunk as ImportChunk);
    // A small first chunk, so the background starts writing sooner; the second makes it up to a whole chunk.
    expect(chunks.map((c) => [c.lines.length, c.expected])).toEqual([
      [FIRST_CHUNK, 2_499],
      [IMPORT_CHUNK - FIRST_CHUNK, 2_499],
      [IMPORT_CHUNK, 2_499],
      [499, 2_499],
    ]);
    const whole = parseImport(bib).entries;
    expect(chunks.flatMap((c) => c.lines)).toEqual(whole.map((e) => e.line));
    expect((chunks.flatMap((c) => JSON.parse(c.items) as { title?: string }[])).map((i) => i.title)).toEqual(whole.map((e) => e.item.title));
  });

  it('answers a job without a file, or a file too large, with an error and nothing else', () => {
    expect(run({})).toEqual([{ ok: false, error: 'No file to read.' }]);
    const [reply, ...rest] = run({ bytes: new Uint8Array(51 * 1024 * 1024) });
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('up to 50 MB') });
  });
});
