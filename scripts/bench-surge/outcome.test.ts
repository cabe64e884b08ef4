import { describe, expect, it } from 'vitest';
import { classify, statusLabel } from './outcome';

const answer = (status: number, code?: string) => ({
  status,
  ms: 1,
  body: code ? JSON.stringify({ error: { code, message: 'x', requestId: 'r' } }) : '',
});

describe('classifying benchmark answers', () => {
  it('treats contention and sell-outs as rejected, not errors', () => {
    expect(classify(answer(409, 'seat_taken'))).toBe('rejected');
    expect(classify(answer(409, 'sold_out'))).toBe('rejected');
    expect(classify(answer(503, 'lock_busy'))).toBe('rejected');
    expect(classify(answer(202))).toBe('ok');
  });

  it('counts server failures, unexpected refusals and timeouts as errors', () => {
    expect(classify(answer(503, 'unavailable'))).toBe('error');
    expect(classify(answer(502))).toBe('error');
    expect(classify(answer(401, 'token_invalid'))).toBe('error');
    expect(classify({ status: 0, body: '', ms: 10_000, failure: 'timeout' })).toBe('error');
  });

  it('labels an answer with its status and error code', () => {
    expect(statusLabel(answer(409, 'seat_taken'))).toBe('409 seat_taken');
    expect(statusLabel(answer(502))).toBe('502');
    expect(statusLabel({ status: 0, body: '', ms: 1, failure: 'network' })).toBe('network');
  });
});
