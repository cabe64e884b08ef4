import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { mailbox } from '../api/client';
import { ApiError, friendlyMessage } from '../api/errors';
import type { MailSummary } from '../api/types';
import { NotFound } from '../components/common/not-found';
import { EmailFrame } from '../components/mailbox/email-frame';
import { MessageList } from '../components/mailbox/message-list';

const REFRESH_MS = 3000;

interface OpenMessage {
  message: MailSummary;
  html?: string;
  error?: string;
}

/**
 * `/mailbox`: the local mailbox, so a developer sees the emails a buyer would get (sign-in
 * links, confirmations, refunds). The origin answers `404` in production (or `DEV_MAILBOX=off`),
 * and then this page is "not found" like any unknown path. `?to=` shows one address only.
 */
export default function MailboxPage({ to }: { to?: string }) {
  const messages = useSignal<MailSummary[] | undefined>(undefined);
  const absent = useSignal(false);
  const error = useSignal<string | null>(null);
  const open = useSignal<OpenMessage | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const answer = await mailbox.list(to);
        if (!live) return;
        messages.value = answer.messages;
        error.value = null;
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) {
          absent.value = true;
          return;
        }
        error.value = friendlyMessage(e);
      }
      // New mail arrives on its own (the relay delivers within a second or two).
      timer = setTimeout(refresh, REFRESH_MS);
    };
    void refresh();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [to]);

  const show = async (message: MailSummary) => {
    open.value = { message };
    try {
      const html = await mailbox.html(message.id);
      if (open.value?.message.id === message.id) open.value = { message, html };
    } catch (e) {
      if (open.value?.message.id === message.id)
        open.value = { message, error: friendlyMessage(e) };
    }
  };

  if (absent.value) return <NotFound />;
  const current = open.value;
  return (
    <main class="page">
      <h1>Local mailbox</h1>
      <p class="muted">
        Development only: the emails buyers would get.{' '}
        {to ? (
          <>
            Showing mail to <strong>{to}</strong> · <a href="/mailbox">show all</a>
          </>
        ) : (
          'Showing every address.'
        )}
      </p>
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
      {!messages.value && !error.value && <p aria-busy="true">Loading the mailbox…</p>}
      <div class="mailbox">
        {messages.value && (
          <MessageList messages={messages.value} openId={current?.message.id} onOpen={show} />
        )}
        {current && (
          <section class="card mail-view" aria-label="Open email">
            <h2>{current.message.subject}</h2>
            <p class="muted">
              to {current.message.to} ·{' '}
              <a href={current.message.href} target="_blank" rel="noopener">
                open on its own
              </a>
            </p>
            {current.error && (
              <p class="notice" role="alert">
                {current.error}
              </p>
            )}
            {current.html === undefined && !current.error && <p aria-busy="true">Opening…</p>}
            {current.html !== undefined && (
              <EmailFrame html={current.html} subject={current.message.subject} />
            )}
          </section>
        )}
      </div>
    </main>
  );
}
