import type { MailSummary } from '../../api/types';
import { formatWhen } from '../../lib/when';

/** The local mailbox's messages, newest first: to, subject, time; each opens on click/Enter. */
export function MessageList(props: {
  messages: MailSummary[];
  openId?: string;
  onOpen: (message: MailSummary) => void;
}) {
  if (props.messages.length === 0) {
    return <p class="card">No emails yet. Sign in or buy a ticket, and they show up here.</p>;
  }
  return (
    <ul class="mail-list" aria-label="Messages">
      {props.messages.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            class="mail-item"
            aria-current={m.id === props.openId ? 'true' : undefined}
            onClick={() => props.onOpen(m)}
          >
            <strong>{m.subject}</strong>
            <span class="muted">
              to {m.to} · <time dateTime={m.createdAt}>{formatWhen(m.createdAt)}</time>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
