import { useState } from 'preact/hooks';

/** "Tag…" for the selection: a small inline input. */
export function TagButton({ onTag }: { onTag(tag: string): void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  if (!editing)
    return (
      <button type="button" onClick={() => setEditing(true)} data-testid="bulk-tag">
        Tag…
      </button>
    );
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onTag(value.trim());
        setEditing(false);
        setValue('');
      }}
    >
      <input
        aria-label="Tag to add"
        placeholder="Tag, then Enter"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          setEditing(false);
          setValue('');
        }}
        autoFocus
        data-testid="bulk-tag-input"
      />
    </form>
  );
}
