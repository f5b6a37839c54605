/**
 * The citation worker's side of the protocol, run in Node with `self` standing in for the worker's global: a long
 * bibliography tells the page how far it has come before its one reply, and a download gets no HTML. Helpers
 * (copies of the worker formatting parts of a long bibliography) are stand-ins running the same job handler.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatBibliographyTextAndHtml } from '@/lib/cite';
import type { HelperWorker } from '@/components/worker/cite-worker';
import { benchRecords } from '../../scripts/bench/cite';

type Message = { progress?: [number, number]; ok?: boolean; text?: string; html?: string; error?: string; parts?: number; helped?: number };
const posted: Message[] = [];
const worker = { postMessage: (m: Message) => posted.push(m), onmessage: null as null | ((e: { data: unknown }) => void) };
let worker$: typeof import('@/components/worker/cite-worker');

beforeAll(async () => {
  Object.assign(globalThis, { self: worker });
  worker$ = await import('@/components/worker/cite-worker');
});
afterEach(() => worker$.useHelpers(undefined));

async function run(job: unknown): Promise<Message[]> {
  const messages: Message[] = [];
  await worker$.handleJob(job, (m) => messages.push(m as Message));
  return messages;
}

/**
 * A helper in the same process: it answers asynchronously, with structured-cloned messages, as a Worker does.
 * `late`: it first answers an earlier job (one given up on), with no entries.
 */
function helper(jobs: unknown[], fail = false, late = false): HelperWorker {
  const h: HelperWorker = {
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage(job) {
      jobs.push(job);
      setTimeout(() => {
        if (fail) return h.onerror?.({ message: 'helper crashed' });
        const { id } = job as { id: number };
        if (late) h.onmessage?.({ data: { id: id - 1, ok: true, part: { entries: [], frame: { text: ['', ''], html: ['', ''] } } } });
        void worker$.handleJob(structuredClone(job), (m) => h.onmessage?.({ data: structuredClone(m) }));
      });
    },
  };
  return h;
}

describe('citation worker', () => {
  const records = benchRecords(120);

  it('answers on its message port', async () => {
    posted.length = 0;
    worker.onmessage!({ data: { kind: 'export', records: records.slice(0, 2), format: 'bibtex' } });
    await new Promise((r) => setTimeout(r));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain('@');
  });

  it('tells a bibliography’s progress in order, up to the whole, then replies once with text and HTML', async () => {
    const messages = await run({ kind: 'export', records, format: 'bibliography', style: 'apa' });
    const reply = messages.at(-1)!;
    const progress = messages.slice(0, -1).map((m) => m.progress!);
    expect(reply).toMatchObject({ ok: true, ...formatBibliographyTextAndHtml(records, { style: 'apa' }) });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.length).toBeLessThanOrEqual(110); // about a hundred messages, not one per entry
    expect(progress.every(([done, total], k) => total === 360 && done > (progress[k - 1]?.[0] ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual([360, 360]);
  }, 30_000);

  it('renders no HTML when the page asks for text only (a download)', async () => {
    const reply = (await run({ kind: 'export', records, format: 'bibliography', style: 'mla', html: false })).at(-1)!;
    expect(reply.ok).toBe(true);
    expect(reply.html).toBe('');
    expect(reply.text).toBe(formatBibliographyTextAndHtml(records, { style: 'mla' }).text);
    const citation = (await run({ kind: 'export', records: records.slice(0, 2), format: 'citation', style: 'apa', html: false })).at(-1)!;
    expect(citation).toMatchObject({ ok: true });
    expect(citation.html).toBeUndefined();
  }, 30_000);

  it('says nothing of progress for a file format', async () => {
    const messages = await run({ kind: 'export', records, format: 'bibtex' });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('@');
  });

  it('refuses a malformed job with a clear error', async () => {
    const [reply] = await run({ kind: 'export', records: [{ id: 1 }], format: 'bibliography' });
    expect(reply).toMatchObject({ ok: false });
    expect(reply!.error).toMatch(/./);
  });

  describe('a long bibliography, in parts', () => {
    const many = benchRecords(250);

    it('gives helpers their parts and joins them into the whole bibliography, progress in order', async () => {
      expect(worker$.PARTS_FROM).toBeLessThanOrEqual(many.length);
      const jobs: unknown[] = [];
      worker$.useHelpers(() => helper(jobs), 3);
      const messages = await run({ kind: 'export', records: many, format: 'bibliography', style: 'apa' });
      expect(messages.at(-1)).toMatchObject({ ok: true, ...formatBibliographyTextAndHtml(many, { style: 'apa' }), parts: 3, helped: 2 });
      expect(jobs).toHaveLength(2); // three parts: two for helpers, one here
      const sizes = jobs.map((j) => (j as { records: unknown[] }).records.length);
      for (const size of sizes) expect(size).toBeGreaterThan(many.length / 4);
      const progress = messages.slice(0, -1).map((m) => m.progress!);
      expect(progress.every(([done, total], k) => total === 3 * many.length && done > (progress[k - 1]?.[0] ?? 0))).toBe(true);
      expect(progress.at(-1)).toEqual([3 * many.length, 3 * many.length]);
    }, 60_000);

    it('takes no answer to an earlier job for this one’s', async () => {
      worker$.useHelpers(() => helper([], false, true), 2);
      const reply = (await run({ kind: 'export', records: many, format: 'bibliography', style: 'apa', html: false })).at(-1)!;
      expect(reply.text).toBe(formatBibliographyTextAndHtml(many, { style: 'apa' }).text);
    }, 60_000);

    it('formats a failed helper’s part itself', async () => {
      worker$.useHelpers(() => helper([], true), 2);
      const reply = (await run({ kind: 'export', records: many, format: 'bibliography', style: 'chicago-author-date', html: false })).at(-1)!;
      expect(reply).toMatchObject({ ok: true, text: formatBibliographyTextAndHtml(many, { style: 'chicago-author-date' }).text, html: '', parts: 2, helped: 0 });
    }, 60_000);

    it('formats a numbered style whole', async () => {
      const jobs: unknown[] = [];
      worker$.useHelpers(() => helper(jobs), 2);
      const reply = (await run({ kind: 'export', records: many, format: 'bibliography', style: 'ieee', html: false })).at(-1)!;
      expect(jobs).toHaveLength(0);
      expect(reply.text).toBe(formatBibliographyTextAndHtml(many, { style: 'ieee' }).text);
    }, 60_000);
  });
});
