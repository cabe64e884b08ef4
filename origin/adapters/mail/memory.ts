import { MAIL_ID_PATTERN, type Mailbox, type MailMessage, newestFirst, summaryOf } from './types';

/** Messages a memory mailbox keeps; older ones are dropped (a load test sends thousands). */
export const MEMORY_MAILBOX_LIMIT = 1_000;

/**
 * A mailbox in process memory: the default when no `MAILBOX_DIR` is set, and the one unit
 * tests read. Keeps the last `limit` messages sent. Passes the same contract as the directory
 * mailbox.
 * @example const mail = createMemoryMailbox(); await mail.send(msg); await mail.list();
 */
export function createMemoryMailbox(limit = MEMORY_MAILBOX_LIMIT): Mailbox {
  const messages = new Map<string, MailMessage>();
  return {
    async send(message) {
      if (!MAIL_ID_PATTERN.test(message.id)) throw new Error(`bad mail id "${message.id}"`);
      messages.delete(message.id);
      messages.set(message.id, { ...message });
      // A Map iterates in insertion order: the first key is the oldest send.
      for (const oldest of messages.keys()) {
        if (messages.size <= limit) break;
        messages.delete(oldest);
      }
    },
    async list(limit = 100) {
      return [...messages.values()].map(summaryOf).sort(newestFirst).slice(0, limit);
    },
    async get(id) {
      const found = messages.get(id);
      return found ? { ...found } : undefined;
    },
  };
}
