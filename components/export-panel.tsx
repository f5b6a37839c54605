import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES, type FileFormatChoice, type StyleChoice } from '@/lib/cite/catalog';
import { foldWords } from '@/lib/model/text';
import type { LibraryRecord } from '@/lib/model';
import { SettingsContext } from './settings-context';

/** What the export worker is asked to do. */
export interface ExportJob {
  records: LibraryRecord[];
  format: FileFormatChoice | 'bibliography' | 'citation';
  style?: StyleChoice;
  /** A style's HTML too, for rich-text copy (default); a download asks for the text alone, a third less work. */
  html?: boolean;
}
export interface ExportOutput {
  text: string;
  /** HTML twin for formatted styles (rich text on the clipboard). */
  html?: string;
  /** Fields some records have that the format cannot hold. */
  notes: { field: string; records: number }[];
}

export interface ExportScope {
  id: string;
  label: string;
  count: number;
  load(): Promise<LibraryRecord[]>;
}

interface Props {
  scopes: ExportScope[];
  /** Formats off the UI thread; `onProgress` is told how far a long job has come (a bibliography: records registered, then entries rendered). */
  runExport(job: ExportJob, signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
  onClose(): void;
}

type Choice = { kind: 'file'; format: FileFormatChoice } | { kind: 'style'; format: 'bibliography' | 'citation'; style: StyleChoice };

const choiceValue = (c: Choice) => (c.kind === 'file' ? c.format : `${c.format}:${c.style}`);
function parseChoice(value: string): Choice {
  const [format, style] = value.split(':');
  if (style) return { kind: 'style', format: format as 'bibliography' | 'citation', style: style as StyleChoice };
  return { kind: 'file', format: format as FileFormatChoice };
}

/** File name from content: one record → `eurocities-2017-cities-external-cultural-relations.bib`. */
export function exportFileName(records: readonly LibraryRecord[], extension: string): string {
  if (records.length !== 1) return `colophon-${records.length}-records.${extension}`;
  const { item } = records[0]!;
  const first = item.author?.[0] ?? item.editor?.[0];
  const words = foldWords([first?.family ?? first?.literal ?? item.publisher, item.issued?.['date-parts'][0]?.[0], item.title].filter(Boolean).join(' '));
  // Keep ASCII letters and digits only: file systems and mail attachments all accept them.
  const stem = words
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, 7)
    .join('-')
    .slice(0, 80);
  return `${stem || 'colophon'}.${extension}`;
}

/** The export dialog: what (selection, results, library), which format or style, then copy or download. */
export function ExportPanel({ scopes, runExport, copy, download, onClose }: Props) {
  const [scopeId, setScopeId] = useState(scopes[0]?.id ?? '');
  const settings = useContext(SettingsContext);
  // Starts on the user's default (Settings on the library page).
  const [choice, setChoice] = useState<Choice>(() =>
    settings.exportKind === 'bibliography' ? { kind: 'style', format: 'bibliography', style: settings.citationStyle } : { kind: 'file', format: settings.exportFormat },
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [notes, setNotes] = useState<ExportOutput['notes']>([]);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const scope = scopes.find((s) => s.id === scopeId) ?? scopes[0];

  const run = async (action: 'copy' | 'download') => {
    if (!scope) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStatus(null);
    setProgress(null);
    setBusy(`Formatting ${scope.count.toLocaleString('en')} ${scope.count === 1 ? 'record' : 'records'}…`);
    try {
      const records = await scope.load();
      const job: ExportJob = choice.kind === 'file' ? { records, format: choice.format } : { records, format: choice.format, style: choice.style, html: action === 'copy' };
      const out = await runExport(job, controller.signal, (done, total) => {
        if (abort.current === controller) setProgress({ done, total });
      });
      setNotes(out.notes);
      const file = choice.kind === 'file' ? FILE_FORMAT_CHOICES.find((f) => f.format === choice.format)! : { extension: out.html ? 'html' : 'txt', mime: 'text/plain' };
      const entries = `${records.length} ${records.length === 1 ? 'entry' : 'entries'}`;
      if (action === 'copy') {
        await copy(out.text, out.html);
        setStatus({ kind: 'info', text: `Copied ${entries}.` });
      } else {
        const name = exportFileName(records, choice.kind === 'file' ? file.extension : 'txt');
        download(name, out.text, choice.kind === 'file' ? file.mime : 'text/plain');
        setStatus({ kind: 'info', text: `Downloaded ${entries} as ${name}.` });
      }
    } catch (error) {
      if (controller.signal.aborted) setStatus({ kind: 'info', text: 'Export cancelled.' });
      else setStatus({ kind: 'error', text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      if (abort.current === controller) abort.current = null;
      setBusy(null);
      setProgress(null);
    }
  };

  return (
    <section class="export" aria-label="Export citations" data-testid="export-panel">
      <div class="row">
        <label for="export-scope">Export</label>
        <select id="export-scope" value={scopeId} onChange={(e) => setScopeId(e.currentTarget.value)} data-testid="export-scope">
          {scopes.map((s) => (
            <option key={s.id} value={s.id} disabled={s.count === 0}>
              {s.label} ({s.count.toLocaleString('en')})
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <label for="export-format">As</label>
        <select id="export-format" value={choiceValue(choice)} onChange={(e) => (setChoice(parseChoice(e.currentTarget.value)), setNotes([]))} data-testid="export-format">
          <optgroup label="Files">
            {FILE_FORMAT_CHOICES.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Bibliography">
            {STYLE_CHOICES.map((s) => (
              <option key={s.style} value={`bibliography:${s.style}`}>
                {s.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="In-text citation">
            {STYLE_CHOICES.map((s) => (
              <option key={s.style} value={`citation:${s.style}`}>
                {s.label} citation
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {notes.length > 0 && (
        <p class="muted" data-testid="export-notes">
          This format cannot hold: {notes.map((n) => `${n.field} (${n.records})`).join(', ')}. Use CSL-JSON or a backup to keep everything.
        </p>
      )}
      <div class="actions">
        {busy ? (
          <>
            {/* Indeterminate until the worker says how far it has come. */}
            {progress ? <progress aria-label={busy} value={progress.done} max={progress.total} data-testid="export-progress" /> : <progress aria-label={busy} />}
            <span class="muted">{busy}</span>
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" disabled={!scope || scope.count === 0} onClick={() => run('copy')} data-testid="export-copy">
              Copy
            </button>
            <button type="button" class="primary" disabled={!scope || scope.count === 0} onClick={() => run('download')} data-testid="export-download">
              Download
            </button>
          </>
        )}
      </div>
      {status && (
        <p class={status.kind} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
