import { useEffect, useRef, useState } from 'preact/hooks';
import { describeItem, formToItem, itemToForm, type Candidate, type CslItem, type ExtractResult, type ItemForm, type LibraryRecord } from '@/lib/model';
import { CandidateEditor } from './candidate-editor';

interface Draft {
  base: CslItem;
  form: ItemForm;
  provenance: Candidate['provenance'];
  checked: boolean;
  saved: boolean;
  expanded: boolean;
  error?: string;
  /** Set when the library already holds this publication: which record, and by which rule. */
  duplicate?: { id: string; rule: string; candidate: Candidate; updated: boolean; changes: FieldChange[]; chosen: ReadonlySet<string> };
}

/** A candidate the library already holds: the saved record, the rule that matched, and what an update would change. */
export interface DuplicateOffer {
  /** Its position in the candidates asked about. */
  index: number;
  duplicateOf: LibraryRecord;
  rule: string;
  candidate: Candidate;
  changes: FieldChange[];
}

/** What the capture panel asks of the background (the popup's services provide them). */
export interface CaptureServices {
  /** Finds the publications on the target tab (through the background). */
  capture(): Promise<ExtractResult>;
  /** What "Save selection as publication" read on the target tab and left for the editor (null when nothing). */
  pendingSelection(): Promise<ExtractResult | null>;
  /** Reads the text selected on the target tab as publications. */
  readSelection(): Promise<ExtractResult>;
  /** Forgets the tab's pending selection (saved, or the user went back to the page). */
  dropSelection(): Promise<void>;
  /** Saves the checked candidates (through the background): new ones are stored, known ones come back as duplicates. */
  save(candidates: Candidate[]): Promise<{ saved: LibraryRecord[]; duplicates: DuplicateOffer[] }>;
  /** Read only: which candidates the library already holds (asked as soon as the page is read). */
  findDuplicates(candidates: Candidate[]): Promise<DuplicateOffer[]>;
  /** Updates a saved record from this capture, the chosen fields only. */
  applyDuplicate(id: string, candidate: Candidate, fields: string[]): Promise<LibraryRecord>;
}

interface Props extends CaptureServices {
  /** Tells the library list what changed. */
  onSaved(records: LibraryRecord[]): void;
}

/** One field where the capture differs from the saved record (from the background's duplicate proposal). */
export interface FieldChange {
  field: string;
  saved: unknown;
  incoming: unknown;
  /** The user edited it in the library: left unchecked unless they choose it. */
  userEdited: boolean;
  proposed: boolean;
}

const RULES: Record<string, string> = { doi: 'same DOI', isbn: 'same ISBN', url: 'same address and title', title: 'same title, year and author' };

const toDraft = (c: Candidate, _i: number, all: readonly Candidate[]): Draft => ({
  base: c.item,
  form: itemToForm(c.item),
  provenance: c.provenance,
  checked: true,
  saved: false,
  // One publication: its fields are shown; a listing: one line each, fields on demand.
  expanded: all.length === 1,
});

/** Marks a draft as already held: unchecked (Save would not copy it), offering the field-by-field update instead. */
function markDuplicate(d: Draft, dup: DuplicateOffer): Draft {
  const chosen = new Set(dup.changes.filter((c) => c.proposed && !c.userEdited).map((c) => c.field));
  return { ...d, checked: false, duplicate: { id: dup.duplicateOf.id, rule: dup.rule, candidate: dup.candidate, updated: false, changes: dup.changes, chosen } };
}

/** The summary line of a draft as edited so far (falls back to the found item while the form is invalid). */
function summarise(d: Draft): string {
  const parsed = formToItem(d.form, d.base);
  return describeItem(parsed.ok ? parsed.item : d.base);
}

/** Where the candidates come from: the page as a whole, or the text the user selected on it. */
type Origin = 'page' | 'selection';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the page offers: each found publication with a checkbox and its fields, and the Save button. */
export function CapturePanel({ capture, pendingSelection, readSelection, dropSelection, save, findDuplicates, applyDuplicate, onSaved }: Props) {
  const [state, setState] = useState<
    { phase: 'reading'; origin: Origin } | { phase: 'error'; message: string; origin: Origin } | { phase: 'ready'; result: ExtractResult; origin: Origin }
  >({ phase: 'reading', origin: 'page' });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  // The latest duplicate check asked for each draft: an older answer arriving late is dropped.
  const rechecks = useRef(new Map<number, number>());
  // Which reading is shown: an answer about an earlier one (page or selection) is dropped.
  const shown = useRef(0);

  /** Shows what was read, and marks at once what the library already holds (not only after Save). */
  const show = (result: ExtractResult, origin: Origin) => {
    const reading = ++shown.current;
    rechecks.current.clear();
    setState({ phase: 'ready', result, origin });
    setDrafts(result.items.map(toDraft));
    setStatus(null);
    if (!result.items.length) return;
    findDuplicates(result.items).then(
      (duplicates) => {
        if (reading !== shown.current) return;
        const byIndex = new Map(duplicates.map((dup) => [dup.index, dup]));
        setDrafts((ds) => ds.map((d, i) => (byIndex.has(i) && !d.duplicate ? markDuplicate(d, byIndex.get(i)!) : d)));
      },
      (error: unknown) =>
        reading === shown.current &&
        setStatus({ kind: 'error', text: `Colophon could not check which of these are already in your library (${errorText(error)}); saving still will not make copies.` }),
    );
  };
  const fail = (origin: Origin) => (error: unknown) => setState({ phase: 'error', message: errorText(error), origin });
  const readPage = () => {
    setState({ phase: 'reading', origin: 'page' });
    capture().then((result) => show(result, 'page'), fail('page'));
  };
  const readSelected = () => {
    setState({ phase: 'reading', origin: 'selection' });
    readSelection().then((result) => show(result, 'selection'), fail('selection'));
  };
  /** Back from the selection to the page's own publications. */
  const backToPage = () => {
    void dropSelection().catch(() => undefined);
    readPage();
  };

  useEffect(() => {
    // A selection sent from the context menu comes first; otherwise the page is read.
    pendingSelection().then((pending) => (pending ? show(pending, 'selection') : readPage()), fail('selection'));
  }, []);

  const backButton = (
    <button type="button" class="link" onClick={backToPage} data-testid="read-page">
      Read the whole page instead
    </button>
  );
  if (state.phase === 'reading') return <p class="muted">{state.origin === 'selection' ? 'Reading the selected text…' : 'Reading this page…'}</p>;
  if (state.phase === 'error') {
    return (
      <div>
        <p class="error" role="alert">
          {state.message}
        </p>
        {state.origin === 'selection' && backButton}
      </div>
    );
  }
  const { result, origin } = state;
  const fromSelection = origin === 'selection';

  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch, error: undefined } : d)));
  /** An edited field of a held publication: asks again what updating the saved record would change. */
  const recheck = (i: number, d: Draft) => {
    const parsed = formToItem(d.form, d.base);
    if (!parsed.ok) return;
    const ticket = (rechecks.current.get(i) ?? 0) + 1;
    rechecks.current.set(i, ticket);
    const reading = shown.current;
    findDuplicates([{ item: parsed.item, provenance: d.provenance }]).then(
      ([dup]) => {
        if (rechecks.current.get(i) !== ticket || reading !== shown.current) return;
        setDrafts((ds) => ds.map((x, j) => (j !== i || x.duplicate?.updated ? x : dup ? { ...markDuplicate(x, dup), checked: x.checked } : { ...x, duplicate: undefined })));
      },
      () => undefined, // the offer shown stays; Save and Update still check in the background
    );
  };
  const saveAsWebPage = () => {
    const page: Candidate = { item: { type: 'webpage', title: result.pageTitle || result.url, URL: result.url }, provenance: { title: { source: 'page', confidence: 0.3 } } };
    setDrafts([toDraft(page, 0, [page])]);
  };

  const onSave = async () => {
    const chosen: Candidate[] = [];
    const chosenDraft: number[] = [];
    let invalid = false;
    const checked = drafts.map((d, i) => {
      if (!d.checked || d.saved) return d;
      const parsed = formToItem(d.form, d.base);
      if (!parsed.ok) {
        invalid = true;
        return { ...d, expanded: true, error: `${parsed.field}: ${parsed.message}` };
      }
      chosen.push({ item: parsed.item, provenance: d.provenance });
      chosenDraft.push(i);
      return d;
    });
    setDrafts(checked);
    if (invalid || chosen.length === 0) return;
    setSaving(true);
    setStatus(null);
    try {
      const { saved, duplicates } = await save(chosen);
      const dupByDraft = new Map(duplicates.map((dup) => [chosenDraft[dup.index], dup]));
      const n = saved.length;
      const parts = [n === 0 ? '' : n === 1 ? 'Saved to your library.' : `Saved ${n} publications to your library.`];
      if (duplicates.length) parts.push(duplicates.length === 1 ? 'One is already in your library.' : `${duplicates.length} are already in your library.`);
      setStatus({ kind: 'info', text: parts.filter(Boolean).join(' ') });
      setDrafts((ds) =>
        ds.map((d, i) => {
          const dup = dupByDraft.get(i);
          if (dup) return markDuplicate(d, dup);
          return d.checked && !d.saved ? { ...d, saved: true, checked: false, expanded: false } : d;
        }),
      );
      if (saved.length) onSaved(saved);
      // Saved: the next popup on this tab reads the page again.
      if (fromSelection) void dropSelection().catch(() => undefined);
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  const checkedCount = drafts.filter((d) => d.checked && !d.saved).length;
  const open = drafts.filter((d) => !d.saved);
  const setAll = (checked: boolean) => setDrafts((ds) => ds.map((d) => (d.saved ? d : { ...d, checked })));
  return (
    <section class="capture" aria-label={fromSelection ? 'Found in the selected text' : 'Found on this page'}>
      {fromSelection && (
        <div class="toolbar" data-testid="from-selection">
          <p class="info">From the text you selected on this page.</p>
          {backButton}
        </div>
      )}
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
          </button>{' '}
          <button type="button" onClick={readSelected} data-testid="save-selection">
            Save selected text as a publication
          </button>
        </div>
      ) : (
        <>
          <div class="toolbar">
            <p class="muted">
              Found {drafts.length === 1 ? 'one publication' : `${drafts.length} publications`}: check the fields, then save.
            </p>
            {open.length > 1 && (
              <button type="button" class="link" onClick={() => setAll(checkedCount < open.length)} data-testid="candidates-all">
                {checkedCount < open.length ? 'Select all' : 'Select none'}
              </button>
            )}
          </div>
          {drafts.map((d, i) => (
            <CandidateEditor
              key={i}
              index={i}
              form={d.form}
              found={itemToForm(d.base)}
              summary={summarise(d)}
              provenance={d.provenance}
              checked={d.checked}
              saved={d.saved}
              expanded={d.expanded}
              error={d.error}
              onToggle={(checked) => update(i, { checked })}
              onExpand={(expanded) => update(i, { expanded })}
              duplicate={
                d.duplicate && {
                  text: d.duplicate.updated ? 'Saved record updated ✓' : `Already in your library (${RULES[d.duplicate.rule] ?? d.duplicate.rule}).`,
                  canUpdate: !d.duplicate.updated && d.duplicate.changes.length > 0,
                  changes: d.duplicate.updated ? [] : d.duplicate.changes,
                  chosen: d.duplicate.chosen,
                  onChoose: (field: string, on: boolean) => {
                    const dup = d.duplicate!;
                    const chosen = new Set(dup.chosen);
                    if (on) chosen.add(field);
                    else chosen.delete(field);
                    update(i, { duplicate: { ...dup, chosen } });
                  },
                  onUpdate: async () => {
                    const dup = d.duplicate!;
                    try {
                      const record = await applyDuplicate(dup.id, dup.candidate, [...dup.chosen]);
                      update(i, { duplicate: { ...dup, updated: true } });
                      onSaved([record]);
                    } catch (error) {
                      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
                    }
                  },
                }
              }
              onChange={(form) => {
                update(i, { form });
                if (d.duplicate && !d.duplicate.updated) recheck(i, { ...d, form });
              }}
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
