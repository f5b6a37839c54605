/**
 * The citation worker's side of the protocol, run in Node with `self` standing in for the worker's global: a long
 * bibliography tells the page how far it has come before its one reply, and a download gets no HTML.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBibliographyTextAndHtml } from '@/lib/cite';
import { benchRecords } from '../../scripts/bench/cite';

type Message = { progress?: [number, number]; ok?: boolean; text?: string; html?: string; error?: string };
const posted: Message[] = [];
const worker = { postMessage: (m: Message) => posted.push(m), onmessage: null as null | ((e: { data: unknown }) => void) };

beforeAll(async () => {
  Object.assign(globalThis, { self: worker });
  await import('@/components/worker/cite-worker');
});

function run(job: unknown): Message[] {
  posted.length = 0;
  worker.onmessage!({ data: job });
  return [...posted];
}

describe('citation worker', () => {
  const records = benchRecords(120);

  it('tells a bibliography’s progress in order, up to the whole, then replies once with text and HTML', () => {
    const messages = run({ kind: 'export', records, format: 'bibliography', style: 'apa' });
    const reply = messages.at(-1)!;
    const progress = messages.slice(0, -1).map((m) => m.progress!);
    expect(reply).toMatchObject({ ok: true, ...formatBibliographyTextAndHtml(records, { style: 'apa' }) });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.length).toBeLessThanOrEqual(110); // about a hundred messages, not one per entry
    expect(progress.every(([done, total], k) => total === 360 && done > (progress[k - 1]?.[0] ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual([360, 360]);
  }, 30_000);

  it('renders no HTML when the page asks for text only (a download)', () => {
    const reply = run({ kind: 'export', records, format: 'bibliography', style: 'mla', html: false }).at(-1)!;
    expect(reply.ok).toBe(true);
    expect(reply.html).toBe('');
    expect(reply.text).toBe(formatBibliographyTextAndHtml(records, { style: 'mla' }).text);
    const citation = run({ kind: 'export', records: records.slice(0, 2), format: 'citation', style: 'apa', html: false }).at(-1)!;
    expect(citation).toMatchObject({ ok: true });
    expect(citation.html).toBeUndefined();
  }, 30_000);

  it('says nothing of progress for a file format', () => {
    const messages = run({ kind: 'export', records, format: 'bibtex' });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('@');
  });
});
