import { useSignal } from '@preact/signals';

export interface KeyFormProps {
  /** The page heading. */
  title: string;
  /** The password field's label (what tests and screen readers find it by). */
  label: string;
  /** The submit button's text. */
  submitLabel: string;
  /** A narrow page (one column on a wide screen). */
  narrow?: boolean;
  /** The last sign-in failure, shown as an alert under the field. */
  error: string | null;
  /** Called with the trimmed key. */
  onSubmit: (key: string) => void;
}

/**
 * A whole-page sign-in by one secret key (organizer console, door check-in): a password field
 * the browser's password manager can fill, an alert for the last failure and a submit button.
 * @example <KeyForm title="Organizer console" label="Organizer key" submitLabel="Sign in" error={null} onSubmit={load} />
 */
export function KeyForm({ title, label, submitLabel, narrow, error, onSubmit }: KeyFormProps) {
  const value = useSignal('');
  return (
    <main class={narrow ? 'page narrow' : 'page'}>
      <h1>{title}</h1>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(value.value.trim());
        }}
      >
        <label>
          {label}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={value.value}
            onInput={(e) => {
              value.value = e.currentTarget.value;
            }}
          />
        </label>
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          {submitLabel}
        </button>
      </form>
    </main>
  );
}
