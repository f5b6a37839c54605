import { useState } from 'preact/hooks';
import { FORM_FIELDS, formToItem, ITEM_TYPES, itemToForm, type CslItem, type ItemForm, type LibraryRecord } from '@/lib/model';
import { ProvenanceMark } from './provenance-mark';

/** What the record view may ask the background to do. */
export interface RecordActions {
  update(id: string, change: { item?: Partial<CslItem>; clear?: (keyof CslItem)[]; tags?: string[]; note?: string }): Promise<LibraryRecord>;
  remove(ids: string[]): Promise<LibraryRecord[]>;
  restore(records: LibraryRecord[]): Promise<void>;
  tag(ids: string[], change: { add?: string[]; remove?: string[] }): Promise<number>;
}

interface Props {
  record: LibraryRecord;
  actions: RecordActions;
  onBack(): void;
  onChanged(record: LibraryRecord): void;
  onDelete(): void;
  onCite(): void;
  tagsStartingWith(prefix: string): Promise<string[]>;
  /** The back button's text (the library page shows the record beside its table: "Close"). */
  backLabel?: string;
}

/** One saved record: every field with its source, the source link, tags, note; edit, delete, cite. */
export function RecordView({ record, actions, onBack, onChanged, onDelete, onCite, tagsStartingWith, backLabel = '← Library' }: Props) {
  const [form, setForm] = useState<ItemForm | null>(null);
  const [note, setNote] = useState(record.note);
  const [tag, setTag] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { item } = record;

  const run = async (work: () => Promise<LibraryRecord>) => {
    setError(null);
    try {
      onChanged(await work());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const saveEdit = () => {
    if (!form) return;
    const parsed = formToItem(form, item);
    if (!parsed.ok) return setError(`${parsed.field}: ${parsed.message}`);
    const next = parsed.item;
    const changed = (Object.keys(next) as (keyof CslItem)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(item[k]));
    const clear = (Object.keys(item) as (keyof CslItem)[]).filter((k) => next[k] === undefined);
    void run(() => actions.update(record.id, { item: Object.fromEntries(changed.map((k) => [k, next[k]])), clear })).then(() => setForm(null));
  };

  const addTag = (value: string) => {
    const t = value.trim();
    if (!t || record.tags.includes(t)) return;
    setTag('');
    void run(() => actions.update(record.id, { tags: [...record.tags, t] }));
  };

  return (
    <section class="record-view" aria-label="Record" data-testid="record-view">
      <div class="toolbar">
        <button type="button" onClick={onBack} data-testid="back">
          {backLabel}
        </button>
        <button type="button" onClick={onCite} data-testid="cite">
          Cite…
        </button>
        <button type="button" onClick={() => setForm(form ? null : itemToForm(item))} aria-expanded={form !== null} data-testid="edit">
          Edit
        </button>
        <button type="button" onClick={onDelete} data-testid="delete">
          Delete
        </button>
      </div>
      <h2 data-testid="record-title">{item.title}</h2>
      {form ? (
        <form
          class="candidate"
          onSubmit={(e) => {
            e.preventDefault();
            saveEdit();
          }}
        >
          <div class="row">
            <label for="edit-type">Type</label>
            <select id="edit-type" value={form.type} onChange={(e) => setForm({ ...form, type: e.currentTarget.value as ItemForm['type'] })}>
              {ITEM_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </div>
          {FORM_FIELDS.map(([field, label]) => (
            <div class="row" key={field}>
              <label for={`edit-${field}`}>{label}</label>
              <input id={`edit-${field}`} name={field} value={form[field]} onInput={(e) => setForm({ ...form, [field]: e.currentTarget.value })} />
            </div>
          ))}
          <div class="actions">
            <button type="button" onClick={() => setForm(null)}>
              Cancel
            </button>
            <button type="submit" class="primary" data-testid="save-edit">
              Save changes
            </button>
          </div>
        </form>
      ) : (
        <dl class="fields">
          <dt>Type</dt>
          <dd>{item.type}</dd>
          {FORM_FIELDS.map(([field, label]) => {
            const text = itemToForm(item)[field];
            if (!text || field === 'title') return null;
            return (
              <>
                <dt>
                  {label} <ProvenanceMark provenance={record.provenance[field]} />
                </dt>
                <dd>{field === 'URL' ? <a href={text} target="_blank" rel="noopener noreferrer">{text}</a> : text.replace(/\n/g, '; ')}</dd>
              </>
            );
          })}
        </dl>
      )}
      <div class="tags">
        {record.tags.map((t) => (
          <span class="tag" key={t}>
            {t}{' '}
            <button type="button" class="link" aria-label={`Remove tag ${t}`} onClick={() => void run(() => actions.update(record.id, { tags: record.tags.filter((x) => x !== t) }))}>
              ×
            </button>
          </span>
        ))}
        <input
          list="tag-suggestions"
          aria-label="Add a tag"
          placeholder="Add a tag"
          value={tag}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setTag(value);
            void tagsStartingWith(value).then(setSuggestions);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addTag(tag);
            }
          }}
          data-testid="tag-input"
        />
        <datalist id="tag-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <label class="note">
        Note
        <textarea
          rows={3}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          onBlur={() => note !== record.note && void run(() => actions.update(record.id, { note }))}
          data-testid="note"
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="muted">Saved {new Date(record.savedAt).toLocaleString()}</p>
    </section>
  );
}
