import { useEffect, useState } from 'preact/hooks';
import { formToItem, itemToForm, type Candidate, type CslItem, type ExtractResult, type ItemForm } from '@/lib/model';
import { CandidateEditor } from './candidate-editor';

interface Draft {
  base: CslItem;
  form: ItemForm;
  provenance: Candidate['provenance'];
  checked: boolean;
  error?: string;
}

interface Props {
  /** Finds the publications on the target tab (through the background). */
  capture(): Promise<ExtractResult>;
  /** Saves the checked candidates (through the background); resolves when they are stored. */
  save(candidates: Candidate[]): Promise<number>;
}

const toDraft = (c: Candidate): Draft => ({ base: c.item, form: itemToForm(c.item), provenance: c.provenance, checked: true });

/** What the page offers: each found publication with a checkbox and its fields, and the Save button. */
export function CapturePanel({ capture, save }: Props) {
  const [state, setState] = useState<
    { phase: 'reading' } | { phase: 'error'; message: string } | { phase: 'ready'; result: ExtractResult }
  >({ phase: 'reading' });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    capture().then(
      (result) => {
        setState({ phase: 'ready', result });
        setDrafts(result.items.map(toDraft));
      },
      (error: unknown) => setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  if (state.phase === 'reading') return <p class="muted">Reading this page…</p>;
  if (state.phase === 'error') return <p class="error" role="alert">{state.message}</p>;
  const { result } = state;

  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch, error: undefined } : d)));
  const saveAsWebPage = () =>
    setDrafts([toDraft({ item: { type: 'webpage', title: result.pageTitle || result.url, URL: result.url }, provenance: { title: { source: 'page', confidence: 0.3 } } })]);

  const onSave = async () => {
    const chosen: Candidate[] = [];
    let invalid = false;
    const checked = drafts.map((d) => {
      if (!d.checked) return d;
      const parsed = formToItem(d.form, d.base);
      if (!parsed.ok) {
        invalid = true;
        return { ...d, error: `${parsed.field}: ${parsed.message}` };
      }
      chosen.push({ item: parsed.item, provenance: d.provenance });
      return d;
    });
    setDrafts(checked);
    if (invalid || chosen.length === 0) return;
    setSaving(true);
    setStatus(null);
    try {
      const n = await save(chosen);
      setStatus({ kind: 'info', text: n === 1 ? 'Saved to your library.' : `Saved ${n} publications to your library.` });
      setDrafts((ds) => ds.map((d) => ({ ...d, checked: false })));
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  const checkedCount = drafts.filter((d) => d.checked).length;
  return (
    <section class="capture" aria-label="Found on this page">
      {result.notes.map((note) => (
        <p class="muted" key={note}>
          {note}
        </p>
      ))}
      {drafts.length === 0 ? (
        <div class="empty">
          <p>No publication found on this page.</p>
          <button type="button" onClick={saveAsWebPage}>
            Save the page itself as a web page
          </button>
        </div>
      ) : (
        <>
          <p class="muted">
            Found {drafts.length === 1 ? 'one publication' : `${drafts.length} publications`}: check the fields, then save.
          </p>
          {drafts.map((d, i) => (
            <CandidateEditor
              key={i}
              index={i}
              form={d.form}
              provenance={d.provenance}
              checked={d.checked}
              error={d.error}
              onToggle={(checked) => update(i, { checked })}
              onChange={(form) => update(i, { form })}
            />
          ))}
          <div class="actions">
            <button type="button" class="primary" disabled={saving || checkedCount === 0} onClick={onSave} data-testid="save">
              {saving ? 'Saving…' : checkedCount > 1 ? `Save ${checkedCount}` : 'Save'}
            </button>
          </div>
        </>
      )}
      {status && (
        <p class={status.kind} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
