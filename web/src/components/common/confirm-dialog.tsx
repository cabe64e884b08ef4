import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** When set, the confirm button stays disabled until exactly this text is typed. */
  requireText?: string;
  busy?: boolean;
  error?: string | null;
  /** Gets the optional reason typed in the dialog. */
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * A modal "are you sure?" for things that cannot be undone (refunds, cancelling an event):
 * a native `<dialog>` (focus is trapped, Escape cancels), an optional reason, and for the
 * biggest ones the name typed out first.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const typed = useSignal('');
  const reason = useSignal('');

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    // Closing (not just removing) gives focus back to the button that opened the dialog.
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, []);

  const allowed = !props.busy && (!props.requireText || typed.value.trim() === props.requireText);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (allowed) props.onConfirm(reason.value.trim());
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        {props.children}
        {props.requireText && (
          <label>
            Type <strong>{props.requireText}</strong> to confirm
            <input
              autoComplete="off"
              value={typed.value}
              onInput={(e) => {
                typed.value = e.currentTarget.value;
              }}
            />
          </label>
        )}
        <label>
          Reason (optional, kept with the refund)
          <input
            maxLength={200}
            value={reason.value}
            onInput={(e) => {
              reason.value = e.currentTarget.value;
            }}
          />
        </label>
        {props.error && (
          <p class="notice" role="alert">
            {props.error}
          </p>
        )}
        <div class="row">
          <button type="button" onClick={props.onCancel}>
            Keep it
          </button>
          <button type="submit" class="danger" disabled={!allowed}>
            {props.busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
