import { TICKET_COOKIE } from '../../../../edge/token/claims';
import { ApiError, friendlyMessage } from '../../api/errors';
import type { JoinAnswer } from '../../api/types';
import { admit, joinQueue, roomState } from '../../api/waiting-room';
import { saveAccess } from '../../models/access';
import { pollDelaySeconds, type QueueModel } from '../../models/queue-position';

/**
 * Drives one buyer through the waiting room: join (or resume a ticket kept for this tab), poll
 * the shared room state at the interval the edge suggests, ask for admission once the serving
 * number reaches our position, and call `admit` at least every `pollAfterSeconds` anyway: the
 * state is CDN-cached, so those polls rarely reach the edge, and a ticket the edge has not heard
 * from for about a minute is taken for gone. Nothing is fetched while the tab is hidden; polling
 * resumes at once when it is shown again.
 */

const TICKET_KEY = 'fg_queue:';
const STALE_TICKET = new Set<string>([
  'token_invalid',
  'token_expired',
  'not_admitted',
  'unauthorized',
  'forbidden',
]);

function forgetTicket(eventId: string): void {
  sessionStorage.removeItem(TICKET_KEY + eventId);
  // biome-ignore lint/suspicious/noDocumentCookie: expiring one cookie; the Cookie Store API is not everywhere yet
  document.cookie = `${TICKET_COOKIE}=; Max-Age=0; path=/`;
}

function storedTicket(eventId: string): JoinAnswer | undefined {
  try {
    const raw = sessionStorage.getItem(TICKET_KEY + eventId);
    return raw ? (JSON.parse(raw) as JoinAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/** The edge's keep-alive interval: its hint, within 1–30 s (15 s before it gave one). */
export function keepAliveSeconds(hint: number | undefined): number {
  return Math.min(30, Math.max(1, hint && hint > 0 ? hint : 15));
}

/** Starts the loop; returns stop() for effect cleanup. */
export function runQueue(model: QueueModel, eventId: string, onAdmitted: () => void): () => void {
  let stopped = false;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = storedTicket(eventId);
  let rejoins = 0;
  /** When the edge last heard from this ticket (join or admit); 0 = not yet in this tab. */
  let lastAdmitAt = 0;

  const untilKeepAlive = () =>
    (lastAdmitAt + keepAliveSeconds(model.pollAfterSeconds.value) * 1000 - Date.now()) / 1000;

  /** Next poll in `seconds`, or sooner when the keep-alive falls due (unless after an error). */
  const schedule = (seconds: number, keepAlive = true) => {
    clearTimeout(timer);
    if (stopped || document.visibilityState === 'hidden') return;
    const next = Math.max(0, keepAlive ? Math.min(seconds, untilKeepAlive()) : seconds);
    timer = setTimeout(step, next * 1000);
  };

  /** Calls `admit`; `turn` = the serving number reached us (else it is only a keep-alive). */
  const tryAdmit = async (turn: boolean): Promise<number> => {
    if (turn) model.phase.value = 'admitting';
    lastAdmitAt = Date.now();
    const answer = await admit(
      eventId,
      ticket?.clientSecret
        ? { ticket: ticket.ticket, clientSecret: ticket.clientSecret }
        : undefined,
    );
    if (stopped) return 0;
    if (answer.admitted) {
      saveAccess(eventId, answer.accessToken, answer.expiresAt);
      // The ticket is kept: if the buying session ends early, the edge may still honour it and
      // the buyer returns to the same place instead of the back of the line.
      model.phase.value = 'admitted';
      model.notice.value = null;
      stopped = true;
      onAdmitted();
      return 0;
    }
    model.phase.value = 'waiting';
    model.notYet(answer);
    return pollDelaySeconds(answer.pollAfterSeconds, answer.estimatedWaitSeconds ?? undefined);
  };

  async function poll(): Promise<void> {
    if (!ticket) {
      model.phase.value = 'joining';
      ticket = await joinQueue(eventId);
      lastAdmitAt = Date.now();
      sessionStorage.setItem(TICKET_KEY + eventId, JSON.stringify(ticket));
      model.joined(ticket);
      if (ticket.peopleAhead === 0 && !model.opensAt.value) return schedule(await tryAdmit(true));
      const wait = ticket.estimatedWaitSeconds ?? undefined;
      return schedule(pollDelaySeconds(ticket.pollAfterSeconds, wait));
    }
    if (model.position.value === 0) {
      model.joined(ticket);
      if (model.notice.value) model.notice.value = `${model.notice.value} You kept your place.`;
    }
    const state = await roomState(eventId);
    if (stopped) return;
    const view = model.observedState(state);
    model.error.value = null;
    const untilOpen = ((model.opensAt.value ?? 0) - Date.now()) / 1000;
    const turn = view.canAdmit && !state.paused && untilOpen <= 0;
    const delay = turn || untilKeepAlive() <= 0 ? await tryAdmit(turn) : undefined;
    if (stopped) return;
    if (untilOpen > 0) return schedule(pollDelaySeconds(model.pollAfterSeconds.value, untilOpen));
    schedule(
      delay ?? pollDelaySeconds(model.pollAfterSeconds.value, model.estimatedWaitSeconds.value),
    );
  }

  async function step(): Promise<void> {
    // One poll at a time: a visibility change during a slow request must not start a second.
    if (stopped || running) return;
    running = true;
    try {
      await poll();
    } catch (error) {
      if (stopped) return;
      if (error instanceof ApiError && STALE_TICKET.has(error.code) && ticket && rejoins < 3) {
        rejoins++;
        // The kept ticket is used up or unreadable (admitted once already, key rotated, server
        // restarted): drop it, including the ticket cookie, so the next join takes a new place.
        forgetTicket(eventId);
        ticket = undefined;
        model.position.value = 0;
        if (model.notice.value) {
          model.notice.value =
            'Your buying session ended and that place in line was used, so you have a new one.';
        }
        return schedule(1);
      }
      model.error.value = friendlyMessage(error);
      model.phase.value = ticket ? 'waiting' : 'failed';
      schedule(error instanceof ApiError && error.retryAfter ? error.retryAfter : 3, false);
    } finally {
      running = false;
    }
  }

  const onVisibility = () => {
    if (document.visibilityState === 'visible' && !stopped) schedule(0);
    else clearTimeout(timer);
  };
  document.addEventListener('visibilitychange', onVisibility);
  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
