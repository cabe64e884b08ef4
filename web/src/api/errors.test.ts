import { describe, expect, it } from 'vitest';
import {
  ApiError,
  errorFromResponse,
  friendlyMessage,
  isRetryable,
  lostSeats,
  needsQueue,
} from './errors';

describe('API errors', () => {
  it('reads the one error shape, status and Retry-After', async () => {
    const res = new Response(
      JSON.stringify({ error: { code: 'seat_taken', message: 'gone', requestId: 'r1' } }),
      { status: 409, headers: { 'retry-after': '2' } },
    );
    const error = await errorFromResponse(res);
    expect(error).toMatchObject({
      code: 'seat_taken',
      status: 409,
      requestId: 'r1',
      retryAfter: 2,
    });
    expect(friendlyMessage(error)).toBe('Someone got there first — here are the nearest seats.');
  });

  it('treats a non-JSON 5xx as unavailable and retryable', async () => {
    const error = await errorFromResponse(new Response('<html>', { status: 502 }));
    expect(error.code).toBe('unavailable');
    expect(isRetryable(error)).toBe(true);
  });

  it('sends the buyer back to the queue when the access token is refused', () => {
    expect(needsQueue(new ApiError('token_expired', 'x', 401))).toBe(true);
    expect(needsQueue(new ApiError('session_ended', 'x', 403))).toBe(true);
    expect(needsQueue(new ApiError('seat_taken', 'x', 409))).toBe(false);
    expect(friendlyMessage(new ApiError('internal', 'Server says hi', 500))).toBe('Server says hi');
  });
});

describe('retries and seat_taken details', () => {
  it('backs off exponentially with jitter, honours Retry-After and caps the wait', async () => {
    const { backoffMs, MAX_BACKOFF_MS } = await import('./http');
    expect(backoffMs(0, undefined, 0.5)).toBe(500);
    expect(backoffMs(2, undefined, 0)).toBe(1000);
    expect(backoffMs(2, undefined, 0.999)).toBe(2998);
    expect(backoffMs(10, undefined, 0.999)).toBeLessThanOrEqual(MAX_BACKOFF_MS * 1.5);
    expect(backoffMs(0, 3)).toBe(3000);
    expect(backoffMs(0, 600)).toBe(MAX_BACKOFF_MS);
  });

  it('reads which seats were lost from a seat_taken answer', async () => {
    const error = await errorFromResponse(
      new Response(
        JSON.stringify({
          error: {
            code: 'seat_taken',
            message: 'x',
            requestId: 'r',
            details: { seats: ['a:A:1'] },
          },
        }),
        { status: 409 },
      ),
    );
    expect(lostSeats(error)).toEqual(['a:A:1']);
    expect(lostSeats(new ApiError('sold_out', 'x', 409))).toEqual([]);
  });
});
