import { describe, expect, it } from 'vitest';
import { ConfigError, parseOriginConfig } from './config';
import { generateTicketKeyRing, ticketKeysSetting } from './domain/ticket-code-keys';

const production = {
  NODE_ENV: 'production',
  ORGANIZER_KEY: 'organizer-key-1234',
  TOKEN_KEYS: JSON.stringify({ activeKid: 'k1', keys: { k1: 'x'.repeat(32) } }),
  TICKET_KEYS: ticketKeysSetting(generateTicketKeyRing()),
};

describe('account, mailbox and event bus settings', () => {
  it('turns the dev mailbox on locally and always off in production', () => {
    expect(parseOriginConfig({}).accounts.devMailbox).toBe(true);
    expect(parseOriginConfig({ DEV_MAILBOX: 'off' }).accounts.devMailbox).toBe(false);
    expect(parseOriginConfig({ ...production, DEV_MAILBOX: 'on' }).accounts.devMailbox).toBe(false);
  });

  it('derives distinct link and session secrets when none are set, and takes given ones', () => {
    const derived = parseOriginConfig({}).accounts.secrets;
    expect(derived.linkSecret).not.toBe(derived.sessionSecret);
    const given = parseOriginConfig({ ACCOUNT_LINK_SECRET: 'l'.repeat(32) }).accounts.secrets;
    expect(given.linkSecret).toBe('l'.repeat(32));
  });

  it('names the bad setting', () => {
    expect(() => parseOriginConfig({ ACCOUNT_SESSION_SECRET: 'short' })).toThrow(
      /ACCOUNT_SESSION_SECRET: secrets need at least 32/,
    );
    expect(() => parseOriginConfig({ SCANNER_KEYS: 'a,b' })).toThrow(ConfigError);
    expect(() => parseOriginConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  it('reads scanner keys, the mailbox folder and the event bus', () => {
    const config = parseOriginConfig({
      SCANNER_KEYS: 'door-one-key-0001,door-two-key-0002',
      MAILBOX_DIR: '/tmp/mail',
      EVENT_BUS_NAME: 'floodgate-events',
    });
    expect(config.accounts.scannerKeys).toEqual(['door-one-key-0001', 'door-two-key-0002']);
    expect(config.mailboxDir).toBe('/tmp/mail');
    expect(config.eventBusName).toBe('floodgate-events');
  });
});
