// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { testRoot } from '../../testing/render';
import { KeyForm } from './key-form';

const root = testRoot();

function show(error: string | null = null) {
  const onSubmit = vi.fn();
  act(() =>
    render(
      <KeyForm
        title="Organizer console"
        label="Organizer key"
        submitLabel="Sign in"
        error={error}
        onSubmit={onSubmit}
      />,
      root,
    ),
  );
  return onSubmit;
}

describe('KeyForm (happy-dom)', () => {
  it('hands over the typed key without the spaces around it', async () => {
    const onSubmit = show();
    const field = root.querySelector('label input') as HTMLInputElement;
    expect(root.querySelector('label')?.textContent).toBe('Organizer key');
    expect(field.type).toBe('password');
    await act(async () => {
      field.value = '  dev-organizer-key  ';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      field.form?.requestSubmit();
    });
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('dev-organizer-key');
  });

  it('shows the title, the last failure as an alert and the submit text', () => {
    show('That key was refused.');
    expect(root.querySelector('h1')?.textContent).toBe('Organizer console');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('That key was refused.');
    expect(root.querySelector('button[type="submit"]')?.textContent).toBe('Sign in');
  });
});
