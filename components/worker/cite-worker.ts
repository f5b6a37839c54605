/**
 * Citation work off the UI thread: citeproc needs seconds for thousands of records and parsing a 10,000-entry
 * file takes a second, and neither the popup nor the library page may freeze. One job in, one reply out; the
 * page cancels by terminating the worker. The worker stays up between jobs so the style engine stays warm.
 */
import * as z from 'zod/mini';
import { formatBibliographyTextAndHtml, formatRecords, parseImportBytes, unsupportedFields, STYLE_NAMES, type FormatName } from '@/lib/cite';
import { libraryRecordSchema } from '@/lib/model';

const jobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('export'),
    records: z.array(libraryRecordSchema),
    format: z.enum(['bibtex', 'biblatex', 'ris', 'csl-json', 'backup', 'bibliography', 'citation']),
    style: z.optional(z.enum(STYLE_NAMES as [string, ...string[]])),
    /** HTML too (rich-text copy); a download needs the text only. */
    html: z.optional(z.boolean()),
  }),
  z.object({ kind: z.literal('import'), bytes: z.instanceof(Uint8Array) }),
]);

self.onmessage = (event: MessageEvent<unknown>) => {
  try {
    const job = jobSchema.parse(event.data);
    if (job.kind === 'import') {
      const result = parseImportBytes(job.bytes);
      self.postMessage({ ok: true, ...result });
      return;
    }
    const format = job.format as FormatName;
    const style = job.style as Parameters<typeof formatRecords>[1]['style'];
    const notes = unsupportedFields(format, job.records);
    const withHtml = job.html ?? true;
    if (format === 'bibliography') {
      // Text and HTML (rich-text copy) from one citeproc run: for a thousand records, seconds saved. The page hears
      // how far it has come about a hundred times in all (each message costs the worker a little).
      let told = 0;
      const onProgress = (done: number, total: number) => {
        if (done === total || done - told >= total / 100) self.postMessage({ progress: [(told = done), total] });
      };
      self.postMessage({ ok: true, ...formatBibliographyTextAndHtml(job.records, { ...(style ? { style } : {}), html: withHtml, onProgress }), notes });
      return;
    }
    const text = formatRecords(job.records, { format, style, output: 'text' });
    const html = format === 'citation' && withHtml ? formatRecords(job.records, { format, style, output: 'html' }) : undefined;
    self.postMessage({ ok: true, text, html, notes });
  } catch (error) {
    self.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
