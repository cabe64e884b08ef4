// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../api/errors';
import { testRoot } from '../../testing/render';
import { type CheckinOutcome, outcomeOfError } from './checkin-outcome';
import { CheckinResult } from './checkin-result';

/** An API failure exactly as the origin sends it: the one error shape. */
function failure(status: number, code: string, details?: unknown) {
  const body = { error: { code, message: `server says ${code}`, requestId: 'r-1', details } };
  return errorFromResponse(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

const root = testRoot();

function show(outcome: CheckinOutcome) {
  act(() => render(<CheckinResult outcome={outcome} />, root));
  const result = root.querySelector('[data-testid="checkin-result"]');
  return {
    ok: result?.classList.contains('ok'),
    mark: result?.querySelector('.checkin-mark')?.textContent,
    title: result?.querySelector('h2')?.textContent,
    text: result?.textContent ?? '',
  };
}

describe('check-in outcomes from the one error shape', () => {
  it('reads a second scan with when, by whom and which seat', async () => {
    const details = { usedAt: '2030-05-01T19:02:00.000Z', by: 'scanner-2', seatId: 'floor-a:C:7' };
    expect(outcomeOfError(await failure(409, 'ticket_already_used', details))).toEqual({
      kind: 'already-used',
      details,
    });
  });

  it('tells forged, malformed, cancelled and key problems apart', async () => {
    expect(outcomeOfError(await failure(400, 'ticket_invalid'))).toEqual({ kind: 'invalid' });
    expect(outcomeOfError(await failure(400, 'validation_failed'))).toEqual({ kind: 'invalid' });
    expect(outcomeOfError(await failure(410, 'ticket_void'))).toEqual({ kind: 'void' });
    expect(outcomeOfError(await failure(403, 'forbidden')).kind).toBe('key-refused');
    expect(outcomeOfError(await failure(401, 'unauthorized')).kind).toBe('key-refused');
    expect(outcomeOfError(await failure(503, 'unavailable'))).toMatchObject({ kind: 'error' });
  });
});

describe('CheckinResult (happy-dom)', () => {
  it('shows a valid ticket as ✓ with its seat', () => {
    const view = show({
      kind: 'admitted',
      ticket: {
        ticketId: 't_abc',
        eventId: 'demo-arena',
        seatId: 'floor-a:C:7',
        orderId: 'o_1',
        checkedInAt: '2030-05-01T19:00:00.000Z',
      },
    });
    expect(view.ok).toBe(true);
    expect(view.mark).toBe('✓');
    expect(view.title).toBe('Valid — let in');
    expect(view.text).toContain('floor-a · row C · seat 7');
    expect(view.text).toContain('t_abc');
  });

  it('shows a second scan as ✗ with the first scan and the seat', () => {
    const view = show({
      kind: 'already-used',
      details: { usedAt: '2030-05-01T19:02:00.000Z', by: 'scanner-2', seatId: 'floor-a:GA:3' },
    });
    expect(view.ok).toBe(false);
    expect(view.mark).toBe('✗');
    expect(view.title).toBe('Already used — do not let in');
    expect(view.text).toContain('First scanned');
    expect(view.text).toContain('by scanner-2');
    expect(view.text).toContain('floor-a · standing');
  });

  it('still refuses a second scan clearly when the server sent no details', () => {
    const view = show({ kind: 'already-used' });
    expect(view.title).toBe('Already used — do not let in');
    expect(view.text).toContain('scanned before');
  });

  it('shows a forged code and a cancelled ticket as ✗ with what it means', () => {
    const forged = show({ kind: 'invalid' });
    expect([forged.mark, forged.title]).toEqual(['✗', 'Not a valid ticket']);
    expect(forged.text).toContain('forged, altered, or for another event');
    const cancelled = show({ kind: 'void' });
    expect(cancelled.title).toBe('Ticket cancelled');
    expect(cancelled.text).toContain('refunded');
  });
});
