/** One email as the buyer would get it. `id` makes sending idempotent: same id, one message. */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  /** Plain-text body (always present, for clients that show no HTML). */
  text: string;
  /** HTML body; values in it are escaped by whoever built it. */
  html: string;
  /** Epoch ms. */
  createdAt: number;
  /** What sent it, e.g. `sign-in` or `order.confirmed` (for the mailbox list). */
  kind: string;
}

/** A message in a mailbox list (no bodies). */
export type MailSummary = Pick<MailMessage, 'id' | 'to' | 'subject' | 'createdAt' | 'kind'>;

/**
 * Sends email. `send` is idempotent by `message.id`: sending the same id again leaves one
 * message, which is what lets an at-least-once consumer deliver exactly one email.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer whose messages can be read back: the local mailbox a developer opens. */
export interface Mailbox extends Mailer {
  /** Newest first, at most `limit`. */
  list(limit?: number): Promise<MailSummary[]>;
  get(id: string): Promise<MailMessage | undefined>;
}

/** Message ids are file names in the directory mailbox, so they are kept to a safe alphabet. */
export const MAIL_ID_PATTERN = /^[A-Za-z0-9_-]{8,80}$/;

/** Newest first, then by id, so a list is stable. */
export function newestFirst(a: MailSummary, b: MailSummary): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The list fields of a message. */
export function summaryOf(message: MailMessage): MailSummary {
  const { id, to, subject, createdAt, kind } = message;
  return { id, to, subject, createdAt, kind };
}
