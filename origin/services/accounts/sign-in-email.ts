import { escapeHtml, mailButton, mailDocument } from '../../adapters/mail/html';
import type { MailMessage } from '../../adapters/mail/types';

/**
 * The sign-in email: one button with the single-use link. Pure.
 * @example signInEmail({ id: 'm_…', to, link, createdAt: now, minutes: 15 })
 */
export function signInEmail(input: {
  id: string;
  to: string;
  link: string;
  createdAt: number;
  minutes: number;
}): MailMessage {
  const subject = 'Your Floodgate sign-in link';
  const note = `The link works once, for ${input.minutes} minutes. If you did not ask for it, ignore this email.`;
  return {
    id: input.id,
    to: input.to,
    subject,
    kind: 'sign-in',
    createdAt: input.createdAt,
    text: `Sign in to see your tickets:\n\n${input.link}\n\n${note}`,
    html: mailDocument(
      subject,
      `<p>Sign in to see your tickets.</p>${mailButton(input.link, 'Sign in')}` +
        `<p style="font-size:.8rem;word-break:break-all">${escapeHtml(input.link)}</p><p>${escapeHtml(note)}</p>`,
    ),
  };
}
