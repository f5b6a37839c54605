/**
 * The import's logic without the page: chunks arrive while the file is read and go out as they come, two at a time,
 * and the report holds what was saved, what was refused and why an import stopped.
 */
import { describe, expect, it } from 'vitest';
import { IN_FLIGHT, runImport, type ImportRun, type ImportServices } from '@/components/import-run';
import type { ImportChunk, ImportSummary } from '@/lib/cite';

const CHUNK = 1000;

type Outcome = Awaited<ReturnType<ImportServices['importItems']>>;

/**
 * A file read by hand: `give(n)` hands over a chunk of the next n entries (line = 10 × index), `chunks(k)` k whole
 * chunks of CHUNK, `end()` finishes the reading.
 */
function fileOf(count: number) {
  let onChunk: ((chunk: ImportChunk) => void) | undefined;
  let finish: (summary: ImportSummary) => void = () => {};
  let fail: (error: Error) => void = () => {};
  let given = 0;
  const read: ImportRun['read'] = (handler) => {
    onChunk = handler;
    return new Promise((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return {
    read,
    chunks(k: number) {
      for (let i = 0; i < k; i++) this.give(CHUNK);
    },
    give(n: number) {
      const at = Array.from({ length: n }, (_, k) => given + k);
      given += n;
      onChunk!({ format: 'bibtex', expected: count, lines: at.map((i) => i * 10), items: JSON.stringify(at.map((i) => ({ type: 'book', title: `T${i}` }))) });
    },
    end: (errors: ImportSummary['errors'] = [], warnings: ImportSummary['warnings'] = []) => finish({ format: 'bibtex', errors, warnings }),
    fail: (message: string) => fail(new Error(message)),
  };
}

/** A background that answers each chunk when told to, and records what it was sent. */
function backgroundOf() {
  const sent: { titles: string[]; offset: number; total: number; answer: (outcome: Outcome) => void; refuse: (error: Error) => void }[] = [];
  let inFlight = 0;
  let most = 0;
  const importItems: ImportServices['importItems'] = (items, part) =>
    new Promise((resolve, reject) => {
      most = Math.max(most, ++inFlight);
      const settle = <T>(f: (v: T) => void) => (v: T) => (inFlight--, f(v));
      const list = (typeof items === 'string' ? JSON.parse(items) : items) as { title: string }[];
      sent.push({ titles: list.map((i) => i.title), offset: part!.offset, total: part!.total, answer: settle(resolve), refuse: settle(reject) });
    });
  const ok = (n: number, extra: Partial<Outcome> = {}): Outcome => ({ added: n, duplicates: 0, invalid: [], ...extra });
  return { sent, importItems, ok, most: () => most };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Starts an import of `file` into `bg`; `stop()` is the user's Stop, `progress` what the bar was told. */
function start(file: ReturnType<typeof fileOf>, bg: ReturnType<typeof backgroundOf>) {
  let stopped = false;
  const progress: [number, number][] = [];
  const run = runImport({ read: file.read, importItems: bg.importItems, cancelled: () => stopped, onProgress: (d, t) => progress.push([d, t]) });
  return { run, progress, stop: () => (stopped = true) };
}

/** An import of a file of `k` whole chunks, all read (and sent, two at a time) before the background answers any. */
async function readWhole(k: number) {
  const file = fileOf(k * CHUNK);
  const bg = backgroundOf();
  const { run } = start(file, bg);
  file.chunks(k);
  file.end();
  await tick();
  return { bg, run };
}

describe('runImport', () => {
  it('reports the reader\'s notes apart from the entries it could not read, both by line', async () => {
    const file = fileOf(3);
    const bg = backgroundOf();
    const { run } = start(file, bg);
    file.give(3);
    file.end([{ line: 40, reason: 'unbalanced braces' }], [
      { line: 20, key: 'b', reason: 'duplicate key "a" (first at line 10); both entries kept' },
      { line: 10, reason: 'unknown type "scroll" read as a document' },
    ]);
    await tick();
    bg.sent[0]!.answer(bg.ok(3));
    const report = await run;
    expect(report.added).toBe(3);
    expect(report.problems).toEqual([{ line: 40, reason: 'unbalanced braces' }]);
    expect(report.notes).toEqual([
      { line: 10, reason: 'unknown type "scroll" read as a document' },
      { line: 20, reason: 'duplicate key "a" (first at line 10); both entries kept' },
    ]);
  });

  it('sends the first chunks while the file is still being read, two at a time, in order', async () => {
    const all = 3 * CHUNK + 500;
    const file = fileOf(all);
    const bg = backgroundOf();
    const { run, progress } = start(file, bg);
    await tick();
    expect(bg.sent).toHaveLength(0);
    file.give(CHUNK);
    await tick();
    expect(bg.sent.map((s) => [s.offset, s.titles.length, s.total])).toEqual([[0, CHUNK, all]]); // at once
    file.chunks(2);
    await tick();
    expect(bg.sent).toHaveLength(IN_FLIGHT); // the third waits for the first one's answer
    bg.sent[0]!.answer(bg.ok(CHUNK));
    await tick();
    expect(bg.sent).toHaveLength(3);
    file.give(500);
    file.end([{ line: 5, reason: 'broken' }]);
    await tick();
    expect(bg.sent).toHaveLength(3); // read to the end, but two are in flight
    bg.sent[1]!.answer(bg.ok(CHUNK - 1, { duplicates: 1, invalid: [{ index: 3, message: 'title: missing' }] }));
    await tick();
    expect(bg.sent.map((s) => [s.offset, s.titles.length])).toEqual([
      [0, CHUNK],
      [CHUNK, CHUNK],
      [2 * CHUNK, CHUNK],
      [3 * CHUNK, 500],
    ]);
    expect(bg.sent.flatMap((s) => s.titles)).toEqual(Array.from({ length: all }, (_, i) => `T${i}`));
    bg.sent[2]!.answer(bg.ok(CHUNK));
    bg.sent[3]!.answer(bg.ok(500));
    const report = await run;
    expect(bg.most()).toBe(IN_FLIGHT);
    expect(report).toEqual({
      format: 'bibtex',
      added: all - 1,
      duplicates: 1,
      notes: [],
      problems: [
        { line: 5, reason: 'broken' },
        { line: (CHUNK + 3) * 10, reason: 'title: missing' },
      ],
    });
    expect(progress.at(-1)).toEqual([all, all]);
  });

  it('keeps what was saved when a chunk is refused, and commits nothing after it', async () => {
    const { bg, run } = await readWhole(3);
    bg.sent[0]!.answer(bg.ok(CHUNK));
    await tick();
    bg.sent[1]!.refuse(new Error('The background stopped.'));
    await tick();
    bg.sent[2]?.answer(bg.ok(CHUNK)); // sent before the refusal was known: the background does not write it
    const report = await run;
    expect(report.added).toBe(CHUNK);
    expect(report.stopped).toBe('The background stopped. Import the file again to finish.');
  });

  it('stops at a full disk that a chunk reports', async () => {
    const { bg, run } = await readWhole(2);
    bg.sent[0]!.answer(bg.ok(200, { error: 'Your browser’s storage is full.' }));
    bg.sent[1]!.answer(bg.ok(0, { error: 'An earlier part failed.' }));
    const report = await run;
    expect(report).toMatchObject({ added: 200, stopped: 'Your browser’s storage is full.' });
  });

  it('throws when the file cannot be read at all, and reports a reading that fails half-way', async () => {
    const unreadable = fileOf(0);
    const bg = backgroundOf();
    const first = start(unreadable, bg).run;
    unreadable.fail('The citation worker failed.');
    await expect(first).rejects.toThrow('The citation worker failed.');

    const half = fileOf(3 * CHUNK);
    const { run } = start(half, bg);
    half.give(CHUNK);
    await tick();
    half.fail('Out of memory.');
    bg.sent[0]!.answer(bg.ok(CHUNK));
    const report = await run;
    expect(report).toMatchObject({ added: CHUNK, stopped: 'Out of memory. Import the file again to finish.' });
  });

  it('sends nothing more once stopped, even while the file is still being read', async () => {
    const file = fileOf(5 * CHUNK);
    const bg = backgroundOf();
    const { run, stop } = start(file, bg);
    file.give(CHUNK);
    await tick();
    stop();
    file.chunks(2);
    await tick();
    bg.sent[0]!.answer(bg.ok(CHUNK));
    const report = await run; // the reading never ends: a stopped import does not wait for it
    expect(bg.sent).toHaveLength(1);
    expect(report).toMatchObject({ added: CHUNK, stopped: `Stopped after 1,000 of 5,000 entries; import the file again to finish.` });
  });

  it('ends at once when a Stop ends the reading, and says where it stopped', async () => {
    const file = fileOf(5 * CHUNK);
    const bg = backgroundOf();
    const { run, stop } = start(file, bg);
    file.give(CHUNK);
    await tick();
    bg.sent[0]!.answer(bg.ok(CHUNK));
    await tick(); // every chunk read so far is answered; the loop waits for the next
    stop();
    file.fail('Cancelled'); // what the panel's Stop does: the worker reading the file is terminated
    const report = await run;
    expect(bg.sent).toHaveLength(1);
    expect(report).toMatchObject({ added: CHUNK, stopped: `Stopped after 1,000 of 5,000 entries; import the file again to finish.` });
  });
});
