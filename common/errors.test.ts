import { describe, expect, it } from 'vitest';
import { AppError, errorBody, isErrorCode, statusOf } from './errors';

describe('error shape', () => {
  it('builds the one error body with code, message and requestId', () => {
    expect(errorBody('seat_taken', 'Seat taken', 'req-1')).toEqual({
      error: { code: 'seat_taken', message: 'Seat taken', requestId: 'req-1' },
    });
  });

  it('maps every code to a 4xx or 5xx status', () => {
    expect(statusOf('validation_failed')).toBe(400);
    expect(statusOf('idempotency_conflict')).toBe(409);
    expect(statusOf('lock_busy')).toBe(503);
    expect(new AppError('not_found', 'x').code).toBe('not_found');
  });

  it('recognises only known codes', () => {
    expect(isErrorCode('rate_limited')).toBe(true);
    expect(isErrorCode('nope')).toBe(false);
  });
});
