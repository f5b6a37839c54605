import { FORM_FIELDS, ITEM_TYPES, type FormField, type ItemForm, type ProvenanceMap } from '@/lib/model';
import { ProvenanceMark } from './provenance-mark';

const MULTILINE: ReadonlySet<FormField> = new Set(['title', 'author', 'editor']);

interface Props {
  index: number;
  form: ItemForm;
  /** A one-line summary of the fields (authors · publisher · year · pages). */
  summary: string;
  provenance: ProvenanceMap;
  checked: boolean;
  saved: boolean;
  expanded: boolean;
  error: string | undefined;
  /** "Already in your library", with an offer to update the saved record instead of a second copy. */
  duplicate?: { text: string; canUpdate: boolean; onUpdate(): void } | undefined;
  onToggle(checked: boolean): void;
  onExpand(expanded: boolean): void;
  onChange(form: ItemForm): void;
}

/** One found publication: a checkbox to include it, and every field editable, each with where it came from. */
export function CandidateEditor({ index, form, summary, provenance, checked, saved, expanded, error, duplicate, onToggle, onExpand, onChange }: Props) {
  const id = (field: string) => `c${index}-${field}`;
  return (
    <fieldset class={`candidate${checked ? '' : ' unchecked'}${saved ? ' saved' : ''}`} data-testid="candidate">
      <legend>
        <label>
          <input
            type="checkbox"
            checked={checked}
            disabled={saved}
            onChange={(e) => onToggle(e.currentTarget.checked)}
            data-testid="candidate-check"
          />{' '}
          {form.title || 'Untitled'}
        </label>
      </legend>
      <div class="summary">
        <span>{saved ? <strong class="info">Saved ✓ </strong> : null}{summary || 'No details found: add them below.'}</span>
        <button type="button" class="link" aria-expanded={expanded} aria-controls={id('fields')} onClick={() => onExpand(!expanded)}>
          {expanded ? 'Hide fields' : 'Edit'}
        </button>
      </div>
      {duplicate && (
        <p class="duplicate" data-testid="duplicate">
          {duplicate.text}{' '}
          {duplicate.canUpdate && (
            <button type="button" class="link" onClick={duplicate.onUpdate} data-testid="update-duplicate">
              Update the saved record
            </button>
          )}
        </p>
      )}
      <div id={id('fields')} hidden={!expanded}>
      <div class="row">
        <label for={id('type')}>Type</label>
        <select id={id('type')} value={form.type} onChange={(e) => onChange({ ...form, type: e.currentTarget.value as ItemForm['type'] })}>
          {ITEM_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {FORM_FIELDS.map(([field, label]) => (
        <div class="row" key={field}>
          <label for={id(field)}>
            {label} <ProvenanceMark provenance={provenance[field]} />
          </label>
          {MULTILINE.has(field) ? (
            <textarea
              id={id(field)}
              name={field}
              rows={field === 'title' ? 2 : 1}
              placeholder={field === 'title' ? '' : 'Family, Given — or an organisation; one per line'}
              value={form[field]}
              onInput={(e) => onChange({ ...form, [field]: e.currentTarget.value })}
            />
          ) : (
            <input id={id(field)} name={field} value={form[field]} onInput={(e) => onChange({ ...form, [field]: e.currentTarget.value })} />
          )}
        </div>
      ))}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
