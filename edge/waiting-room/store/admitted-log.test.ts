import { describe, expect, it } from 'vitest';
import { AdmittedLog, compareStreamIds } from './admitted-log';

describe('memory admitted log', () => {
  it('mints increasing stream ids, so a cursor always points before newer entries', () => {
    const log = new AdmittedLog();
    for (let i = 1; i <= 5; i++) log.append(`t_${i}`, i, i);
    const ids = log.since(undefined, 10).entries.map((e) => e.id);
    expect(ids).toHaveLength(5);
    for (let i = 1; i < ids.length; i++) {
      expect(compareStreamIds(ids[i - 1] as string, ids[i] as string)).toBeLessThan(0);
    }
    expect(log.since(ids[2], 10).entries.map((e) => e.ticketId)).toEqual(['t_4', 't_5']);
  });

  it('orders ids by milliseconds, then sequence, as numbers', () => {
    expect(compareStreamIds('9-5', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('10-10', '10-9')).toBeGreaterThan(0);
  });

  it('drops the oldest entries once past its cap (in chunks, like MAXLEN ~)', () => {
    const log = new AdmittedLog(10);
    for (let i = 1; i <= 2_000; i++) log.append(`t_${i}`, i, i);
    const kept = log.since(undefined, 5_000).entries;
    expect(kept.length).toBeLessThan(2_000);
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept.at(-1)?.ticketId).toBe('t_2000');
  });
});
