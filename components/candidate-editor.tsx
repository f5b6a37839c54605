import { dateToText, FORM_FIELDS, formProblems, ITEM_TYPES, namesToText, type FormField, type ItemForm, type Name, type ProvenanceMap } from '@/lib/model';
import type { FieldChange } from './capture-panel';

const FIELD_LABELS = new Map<string, string>(FORM_FIELDS);

/** A field value as a person reads it (names, dates, text). */
function showValue(value: unknown): string {
  if (Array.isArray(value)) return namesToText(value as Name[]).replace(/\n/g, '; ');
  if (value && typeof value === 'object' && 'date-parts' in value) return dateToText(value as Parameters<typeof dateToText>[0]);
  return value === undefined || value === null ? '' : String(value);
}
import { ProvenanceMark } from './provenance-mark';

const MULTILINE: ReadonlySet<FormField> = new Set(['title', 'author', 'editor']);

interface Props {
  index: number;
  form: ItemForm;
  /** The fields as the page gave them: an edited field can be reset to its found value. */
  found: ItemForm;
  /** A one-line summary of the fields (authors · publisher · year · pages). */
  summary: string;
  provenance: ProvenanceMap;
  checked: boolean;
  saved: boolean;
  expanded: boolean;
  error: string | undefined;
  /** "Already in your library", with an offer to update the saved record instead of a second copy. */
  duplicate?:
    | {
        text: string;
        canUpdate: boolean;
        /** Field by field: what the saved record holds and what this page says; the checked ones are applied. */
        changes: readonly FieldChange[];
        chosen: ReadonlySet<string>;
        onChoose(field: string, on: boolean): void;
        onUpdate(): void;
      }
    | undefined;
  onToggle(checked: boolean): void;
  onExpand(expanded: boolean): void;
  onChange(form: ItemForm): void;
}

/** One found publication: a checkbox to include it, and every field editable, each with where it came from. */
export function CandidateEditor({ index, form, found, summary, provenance, checked, saved, expanded, error, duplicate, onToggle, onExpand, onChange }: Props) {
  const id = (field: string) => `c${index}-${field}`;
  // Checked as the user types: each problem in plain words beside its field.
  const problems = expanded ? formProblems(form, found) : {};
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
        <div class="duplicate" data-testid="duplicate">
          <p>{duplicate.text}</p>
          {duplicate.changes.length > 0 && (
            <ul class="changes">
              {duplicate.changes.map((c) => (
                <li key={c.field}>
                  <label>
                    <input type="checkbox" checked={duplicate.chosen.has(c.field)} onChange={(e) => duplicate.onChoose(c.field, e.currentTarget.checked)} />{' '}
                    {FIELD_LABELS.get(c.field) ?? c.field}: <del>{showValue(c.saved) || '(empty)'}</del> → <ins>{showValue(c.incoming) || '(empty)'}</ins>
                    {c.userEdited ? <em class="muted"> (you edited this)</em> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {duplicate.canUpdate && (
            <button type="button" class="link" disabled={duplicate.chosen.size === 0} onClick={duplicate.onUpdate} data-testid="update-duplicate">
              Update the saved record
            </button>
          )}
        </div>
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
      {FORM_FIELDS.map(([field, label]) => {
        const problem = problems[field];
        const edited = form[field].trim() !== found[field].trim();
        const common = {
          id: id(field),
          name: field,
          value: form[field],
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? id(`${field}-problem`) : undefined,
        };
        return (
          <div class="row" key={field}>
            <label for={id(field)}>
              {label} {edited ? <span class="prov">your edit</span> : <ProvenanceMark provenance={provenance[field]} />}
            </label>
            {MULTILINE.has(field) ? (
              <textarea
                {...common}
                rows={field === 'title' ? 2 : 1}
                placeholder={field === 'title' ? '' : 'Family, Given — or an organisation; one per line'}
                onInput={(e) => onChange({ ...form, [field]: e.currentTarget.value })}
              />
            ) : (
              <input {...common} onInput={(e) => onChange({ ...form, [field]: e.currentTarget.value })} />
            )}
            {(problem || edited) && (
              <p class="field-note">
                {problem && (
                  <span class="problem" id={id(`${field}-problem`)}>
                    {problem}
                  </span>
                )}{' '}
                {edited && (
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      onChange({ ...form, [field]: found[field] });
                      // The button goes away with the edit: keep the keyboard on the field it reset.
                      requestAnimationFrame(() => document.getElementById(id(field))?.focus());
                    }}
                    aria-label={`Reset ${label} to the value found${found[field] ? `: ${found[field]}` : ' (empty)'}`}
                    data-testid="reset-field"
                  >
                    Reset to the found value
                  </button>
                )}
              </p>
            )}
          </div>
        );
      })}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
