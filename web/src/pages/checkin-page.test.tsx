// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testRoot } from '../testing/render';
import CheckinPage from './checkin-page';

const KEY = 'door-scanner-key-0001';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A door API: the first scan of a code is let in, the next ones are "already used". */
function doorApi() {
  const used = new Map<string, string>();
  const calls: { auth: string | null; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    if (url.pathname === '/api/catalog/events') return json(200, { events: [] });
    if (url.pathname !== '/api/checkin') return json(404, {});
    const auth = request.headers.get('authorization');
    const body = (await request.json()) as { code: string };
    calls.push({ auth, body });
    const error = (status: number, code: string, details?: unknown) =>
      json(status, { error: { code, message: code, requestId: 'r', details } });
    if (auth !== `Bearer ${KEY}`) return error(403, 'forbidden');
    if (!body.code.startsWith('good.')) return error(400, 'ticket_invalid');
    const usedAt = used.get(body.code);
    if (usedAt)
      return error(409, 'ticket_already_used', { usedAt, by: 'scanner-1', seatId: 'floor-a:B:4' });
    used.set(body.code, '2030-05-01T19:00:00.000Z');
    return json(200, {
      ticket: {
        ticketId: 't_door',
        eventId: 'demo-arena',
        seatId: 'floor-a:B:4',
        orderId: 'o_x',
        checkedInAt: '2030-05-01T19:00:00.000Z',
      },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

beforeEach(() => {
  sessionStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
});
const root = testRoot();

const input = (label: RegExp) => {
  const found = [...root.querySelectorAll('label')].find((l) => label.test(l.textContent ?? ''));
  return found?.querySelector('input') as HTMLInputElement;
};

async function submit(label: RegExp, value: string) {
  const field = input(label);
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    field.form?.requestSubmit();
  });
  for (let i = 0; i < 20; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

const result = () => root.querySelector('[data-testid="checkin-result"]');

describe('CheckinPage (happy-dom, stubbed API)', () => {
  it('lets a ticket in once with its seat, then refuses the second scan with the first time', async () => {
    const calls = doorApi();
    act(() => render(<CheckinPage />, root));
    await submit(/Scanner or organizer key/, KEY);
    expect(sessionStorage.getItem('fg_checkin_key')).toBe(KEY);

    await submit(/Ticket code/, '  good.ticket.one  ');
    expect(result()?.classList.contains('ok')).toBe(true);
    expect(result()?.textContent).toContain('floor-a · row B · seat 4');
    expect(calls[0]).toEqual({ auth: `Bearer ${KEY}`, body: { code: 'good.ticket.one' } });
    expect(input(/Ticket code/).value).toBe('');

    await submit(/Ticket code/, 'good.ticket.one');
    expect(result()?.classList.contains('refused')).toBe(true);
    expect(result()?.querySelector('h2')?.textContent).toBe('Already used — do not let in');
    expect(result()?.textContent).toContain('by scanner-1');
  });

  it('refuses a forged code', async () => {
    doorApi();
    sessionStorage.setItem('fg_checkin_key', KEY);
    act(() => render(<CheckinPage />, root));
    await submit(/Ticket code/, 'forged.ticket.code');
    expect(result()?.querySelector('h2')?.textContent).toBe('Not a valid ticket');
  });

  it('goes back to the key form with a message when the key is refused', async () => {
    doorApi();
    sessionStorage.setItem('fg_checkin_key', 'wrong-key-wrong-key');
    act(() => render(<CheckinPage />, root));
    await submit(/Ticket code/, 'good.ticket.two');
    expect(sessionStorage.getItem('fg_checkin_key')).toBeNull();
    expect(input(/Scanner or organizer key/)).toBeDefined();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'not a scanner or organizer key',
    );
  });
});
