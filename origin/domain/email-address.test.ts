import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email-address';

describe('email addresses as buyer identity', () => {
  it('folds case and surrounding space so one mailbox is one buyer', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
  });

  it('keeps dots and plus tags, which may be distinct mailboxes', () => {
    expect(normalizeEmail('a.nn+tix@example.com')).not.toBe(normalizeEmail('ann@example.com'));
  });

  it('treats composed and decomposed accents as the same address', () => {
    expect(normalizeEmail('jose\u0301@example.com')).toBe(normalizeEmail('josé@example.com'));
  });
});
