/**
 * Citation work off the UI thread: citeproc needs seconds for thousands of records, and neither the popup nor the
 * library page may freeze (import files are read by import-worker.ts). One job in, one reply out; the page cancels
 * by terminating the worker. The worker stays up between jobs so the style engine stays warm.
 *
 * A long bibliography in a style that sorts its entries is formatted in parts side by side: this worker formats
 * one part and copies of itself (helpers, started on first need and kept warm like it) format the others, then
 * it joins them (lib/cite/bibliography.ts, planBibliographyParts). Terminating this worker ends its helpers too.
 */
import * as z from 'zod/mini';
import {
  formatBibliographyPart,
  formatBibliographyTextAndHtml,
  formatRecords,
  joinBibliographyParts,
  planBibliographyParts,
  toCslItems,
  unsupportedFields,
  STYLE_NAMES,
  type BibliographyPart,
  type FormatName,
  type StyleName,
} from '@/lib/cite';
import { libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const style = z.enum(STYLE_NAMES as [StyleName, ...StyleName[]]);
const jobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('export'),
    records: z.array(libraryRecordSchema),
    format: z.enum(['bibtex', 'biblatex', 'ris', 'csl-json', 'backup', 'bibliography', 'citation']),
    style: z.optional(style),
    /** HTML too (rich-text copy); a download needs the text only. */
    html: z.optional(z.boolean()),
  }),
  /** A helper's job: some of a bibliography's records, with their citation keys and places in the whole export. */
  z.object({
    kind: z.literal('part'),
    /** Echoed in every message about it: a helper's late answer to an earlier job is told apart. */
    id: z.number(),
    records: z.array(libraryRecordSchema),
    keys: z.array(z.string()),
    indices: z.array(z.number()),
    style,
    html: z.boolean(),
  }),
]);

/** What a worker posts: progress, then one reply. */
type Post = (message: Record<string, unknown>) => void;

/** The least a helper must be: a Worker, or a stand-in in tests. */
export interface HelperWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Below this many records a bibliography is formatted in one piece: a fraction of a second, not worth the hand-over. */
export const PARTS_FROM = 200;
/** At most this many parts (each worker holds its own citeproc engine, tens of MB). */
const MAX_PARTS = 4;

const helpers: HelperWorker[] = [];
/** Part jobs sent so far: each one's id. */
let partJobs = 0;
let createHelper: (() => HelperWorker) | undefined =
  typeof Worker === 'function' && typeof self !== 'undefined' && 'location' in self
    ? () => new Worker(self.location.href, { name: 'cite-helper' }) as unknown as HelperWorker
    : undefined;
let partCount = Math.min(MAX_PARTS, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2);

/** For tests in Node: how helpers are made (undefined: none), and how many parts a bibliography may have. */
export function useHelpers(create: (() => HelperWorker) | undefined, parts = 2): void {
  helpers.length = 0;
  createHelper = create;
  partCount = parts;
}

/**
 * Handles one job, posting progress and then exactly one reply. A bibliography's says in how many parts it was made
 * and how many of them helpers made (the others fell to this worker).
 */
export async function handleJob(data: unknown, post: Post): Promise<void> {
  try {
    const job = jobSchema.parse(data);
    if (job.kind === 'part') {
      const items = toCslItems(job.records, job.keys);
      const onProgress = nowAndThen((done) => post({ id: job.id, progress: [done] }));
      return post({ id: job.id, ok: true, part: formatBibliographyPart(items, { style: job.style, html: job.html, indices: job.indices, onProgress }) });
    }
    const format = job.format as FormatName;
    const notes = unsupportedFields(format, job.records);
    const withHtml = job.html ?? true;
    if (format === 'bibliography') {
      const onProgress = nowAndThen((done, total) => post({ progress: [done, total] }));
      return post({ ok: true, ...(await formatBibliography(job.records, job.style ?? 'apa', withHtml, onProgress)), notes });
    }
    const text = formatRecords(job.records, { format, style: job.style, output: 'text' });
    const html = format === 'citation' && withHtml ? formatRecords(job.records, { format, style: job.style, output: 'html' }) : undefined;
    post({ ok: true, text, html, notes });
  } catch (error) {
    post({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Progress told about a hundred times in all, and at the end: each message costs the worker a little. */
function nowAndThen(tell: (done: number, total: number) => void): (done: number, total: number) => void {
  let told = 0;
  return (done, total) => {
    if (done === total || done - told >= total / 100) tell((told = done), total);
  };
}

/**
 * The bibliography, in parts when it is long, the style allows it and helpers can be started; otherwise whole.
 * Progress: this worker's own part is told as it goes, scaled to the whole (the parts are of about equal size and
 * run side by side), and never past what is done until every part is in.
 */
async function formatBibliography(
  records: LibraryRecord[],
  style: StyleName,
  html: boolean,
  onProgress: (done: number, total: number) => void,
): Promise<{ text: string; html: string; parts: number; helped: number }> {
  const plan = createHelper && records.length >= PARTS_FROM ? planBibliographyParts(records, style, partCount) : undefined;
  if (!plan || plan.parts.length < 2) return { ...formatBibliographyTextAndHtml(records, { style, html, onProgress }), parts: 1, helped: 0 };
  const total = records.length * (html ? 3 : 2);
  const told = plan.parts.map(() => 0);
  let shown = 0;
  const tell = () => {
    const ownScaled = Math.floor((told[0]! * records.length) / plan.parts[0]!.length);
    const next = Math.min(total - 1, Math.max(told.reduce((a, b) => a + b, 0), ownScaled));
    if (next > shown) onProgress((shown = next), total);
  };
  const formatHere = (indices: number[], part: number) => {
    const items = toCslItems(
      indices.map((i) => records[i]!),
      indices.map((i) => plan.keys[i]!),
    );
    return formatBibliographyPart(items, { style, html, indices, onProgress: (done) => ((told[part] = done), tell()) });
  };
  let helped = 0;
  const others = plan.parts.slice(1).map((indices, k) =>
    askHelper(k, { kind: 'part', id: ++partJobs, records: indices.map((i) => records[i]), keys: indices.map((i) => plan.keys[i]), indices, style, html }, (done) => {
      told[k + 1] = done;
      tell();
    }).then(
      (part) => (helped++, part),
      () => formatHere(indices, k + 1), // a helper that fails leaves its part to this worker
    ),
  );
  let own: BibliographyPart;
  try {
    own = formatHere(plan.parts[0]!, 0);
  } catch (error) {
    // The job fails: its helpers stop working on it (and start afresh next time).
    for (const helper of helpers.splice(0)) helper?.terminate();
    throw error;
  }
  const joined = joinBibliographyParts([own, ...(await Promise.all(others))], style);
  onProgress(total, total);
  return { ...joined, parts: plan.parts.length, helped };
}

/** Sends a part to helper `k` (started if need be) and resolves with its reply. */
function askHelper(k: number, job: { id: number } & Record<string, unknown>, onProgress: (done: number) => void): Promise<BibliographyPart> {
  return new Promise((resolve, reject) => {
    let helper: HelperWorker;
    try {
      helper = helpers[k] ??= createHelper!();
    } catch (error) {
      return reject(error instanceof Error ? error : new Error(String(error)));
    }
    helper.onmessage = ({ data }) => {
      const message = data as { id?: number; progress?: [number]; ok?: boolean; part?: BibliographyPart; error?: string };
      // A job given up on (this worker's own part failed) may still be answered: not this job's answer.
      if (message.id !== job.id) return;
      if (message.progress) return onProgress(message.progress[0]);
      if (message.ok && message.part) resolve(message.part);
      else reject(new Error(message.error ?? 'A citation helper failed.'));
    };
    helper.onerror = (event) => {
      (event as { preventDefault?: () => void }).preventDefault?.(); // handled here: not this worker's error too
      helper.terminate(); // an error does not end a worker: its engine would linger
      if (helpers[k] === helper) delete helpers[k]; // started afresh next time
      reject(new Error(`A citation helper failed: ${String((event as { message?: unknown }).message ?? event)}`));
    };
    helper.postMessage(job);
  });
}

if (typeof self !== 'undefined') self.onmessage = (event: MessageEvent<unknown>) => void handleJob(event.data, (message) => self.postMessage(message));
