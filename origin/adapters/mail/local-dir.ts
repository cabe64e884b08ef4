import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAIL_ID_PATTERN,
  type Mailbox,
  type MailMessage,
  type MailSummary,
  newestFirst,
  summaryOf,
} from './types';

/**
 * The local mailbox on disk: one `{id}.json` per message under `dir` (by default the data
 * folder's `mailbox/`), so several origin workers share it and it survives restarts. Writes go
 * to a temporary file first and are renamed into place, so a reader never sees half a message
 * and sending one id twice leaves one file.
 * @example const mail = createDirMailbox('.data/mailbox');
 */
export function createDirMailbox(dir: string): Mailbox {
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => {
    ready ??= mkdir(dir, { recursive: true });
    return ready;
  };
  const fileOf = (id: string) => join(dir, `${id}.json`);

  async function read(file: string): Promise<MailMessage | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as MailMessage;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (error instanceof SyntaxError) return undefined; // not one of ours
      throw error;
    }
  }

  return {
    async send(message) {
      if (!MAIL_ID_PATTERN.test(message.id)) throw new Error(`bad mail id "${message.id}"`);
      await ensureDir();
      const temp = join(dir, `.${message.id}.${process.pid}.${Date.now()}.tmp`);
      await writeFile(temp, JSON.stringify(message), 'utf8');
      await rename(temp, fileOf(message.id));
    },
    async list(limit = 100) {
      await ensureDir();
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      const found = await Promise.all(names.map((n) => read(join(dir, n))));
      return found
        .filter((m): m is MailMessage => m !== undefined)
        .map(summaryOf)
        .sort(newestFirst)
        .slice(0, limit) satisfies MailSummary[];
    },
    async get(id) {
      if (!MAIL_ID_PATTERN.test(id)) return undefined;
      return read(fileOf(id));
    },
  };
}
