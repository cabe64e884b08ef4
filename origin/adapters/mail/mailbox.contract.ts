import { describe, expect, it } from 'vitest';
import type { Mailbox, MailMessage } from './types';

function message(id: string, createdAt: number, subject = 'Your tickets'): MailMessage {
  return {
    id,
    to: 'ann@example.com',
    subject,
    text: 'hello',
    html: '<p>hello</p>',
    createdAt,
    kind: 'order.confirmed',
  };
}

/** The behaviour every mailbox must have; run against each adapter. */
export function mailboxContract(name: string, make: () => Promise<Mailbox> | Mailbox): void {
  describe(`${name} mailbox contract`, () => {
    it('reads back a sent message with its bodies', async () => {
      const mail = await make();
      await mail.send(message('m_aaaaaaaaaa', 1));
      expect(await mail.get('m_aaaaaaaaaa')).toEqual(message('m_aaaaaaaaaa', 1));
    });

    it('keeps one message when the same id is sent twice', async () => {
      const mail = await make();
      await mail.send(message('m_bbbbbbbbbb', 1, 'first'));
      await mail.send(message('m_bbbbbbbbbb', 1, 'second'));
      const listed = await mail.list();
      expect(listed.filter((m) => m.id === 'm_bbbbbbbbbb')).toHaveLength(1);
      expect((await mail.get('m_bbbbbbbbbb'))?.subject).toBe('second');
    });

    it('lists newest first, without bodies, up to the limit', async () => {
      const mail = await make();
      await mail.send(message('m_old0000000', 10));
      await mail.send(message('m_new0000000', 20));
      await mail.send(message('m_mid0000000', 15));
      const listed = await mail.list(2);
      expect(listed.map((m) => m.id)).toEqual(['m_new0000000', 'm_mid0000000']);
      expect(listed[0]).not.toHaveProperty('html');
    });

    it('answers undefined for an unknown or malformed id', async () => {
      const mail = await make();
      expect(await mail.get('m_nothere000')).toBeUndefined();
      expect(await mail.get('../../etc/passwd')).toBeUndefined();
    });

    it('refuses ids that are not safe file names', async () => {
      const mail = await make();
      await expect(mail.send(message('../escape', 1))).rejects.toThrow(/bad mail id/);
    });
  });
}
