/**
 * Formats exports off the UI thread: citeproc needs seconds for thousands of records, and the popup must never
 * freeze. The worker stays up between exports so the style engine stays warm; cancelling terminates it.
 */
import * as z from 'zod';
import { formatRecords, unsupportedFields, STYLE_NAMES, type FormatName } from '@/lib/cite';
import { libraryRecordSchema } from '@/lib/model';

const jobSchema = z.object({
  records: z.array(libraryRecordSchema),
  format: z.enum(['bibtex', 'biblatex', 'ris', 'csl-json', 'backup', 'bibliography', 'citation']),
  style: z.enum(STYLE_NAMES as [string, ...string[]]).optional(),
});

self.onmessage = (event: MessageEvent<unknown>) => {
  try {
    const job = jobSchema.parse(event.data);
    const format = job.format as FormatName;
    const style = job.style as Parameters<typeof formatRecords>[1]['style'];
    const styled = format === 'bibliography' || format === 'citation';
    const text = formatRecords(job.records, { format, style, output: 'text' });
    const html = styled ? formatRecords(job.records, { format, style, output: 'html' }) : undefined;
    self.postMessage({ ok: true, text, html, notes: unsupportedFields(format, job.records) });
  } catch (error) {
    self.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
