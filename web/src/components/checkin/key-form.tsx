import { useSignal } from '@preact/signals';

/** Sign-in for door staff: a scanner key (`SCANNER_KEYS`) or the organizer key. */
export function KeyForm({
  error,
  onSubmit,
}: {
  error: string | null;
  onSubmit: (key: string) => void;
}) {
  const value = useSignal('');
  return (
    <main class="page narrow">
      <h1>Check-in</h1>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          const key = value.value.trim();
          if (key) onSubmit(key);
        }}
      >
        <label>
          Scanner or organizer key
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
          Start checking in
        </button>
      </form>
    </main>
  );
}
