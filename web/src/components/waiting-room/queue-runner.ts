import { TICKET_COOKIE } from '../../../../edge/token/claims';
import { ApiError, friendlyMessage } from '../../api/errors';
import type { JoinAnswer } from '../../api/types';
import { admit, joinQueue, roomState } from '../../api/waiting-room';
import { saveAccess } from '../../models/access';
import { pollDelaySeconds, type QueueModel, queueView } from '../../models/queue-position';

/**
 * Drives one buyer through the waiting room: join (or resume a ticket kept for this tab), poll
 * the shared room state at the interval the edge suggests, ask for admission once the serving
 * number reaches our position. Polling stops while the tab is hidden and resumes at once when
 * it is shown again.
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

/** Starts the loop; returns stop() for effect cleanup. */
export function runQueue(model: QueueModel, eventId: string, onAdmitted: () => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = storedTicket(eventId);
  let rejoins = 0;

  const schedule = (seconds: number) => {
    clearTimeout(timer);
    if (stopped || document.visibilityState === 'hidden') return;
    timer = setTimeout(step, seconds * 1000);
  };

  const tryAdmit = async (): Promise<number> => {
    model.phase.value = 'admitting';
    const answer = await admit(
      eventId,
      ticket?.clientSecret
        ? { ticket: ticket.ticket, clientSecret: ticket.clientSecret }
        : undefined,
    );
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
    model.position.value = answer.position;
    model.peopleAhead.value = answer.peopleAhead;
    model.estimatedWaitSeconds.value = answer.estimatedWaitSeconds;
    model.pollAfterSeconds.value = answer.pollAfterSeconds;
    return pollDelaySeconds(answer.pollAfterSeconds, answer.estimatedWaitSeconds);
  };

  async function step(): Promise<void> {
    if (stopped) return;
    try {
      if (!ticket) {
        model.phase.value = 'joining';
        ticket = await joinQueue(eventId);
        sessionStorage.setItem(TICKET_KEY + eventId, JSON.stringify(ticket));
        model.joined(ticket);
        if (ticket.peopleAhead === 0 && !model.opensAt.value) return schedule(await tryAdmit());
        return schedule(pollDelaySeconds(ticket.pollAfterSeconds, ticket.estimatedWaitSeconds));
      }
      if (model.position.value === 0) {
        model.joined(ticket);
        if (model.notice.value) model.notice.value = `${model.notice.value} You kept your place.`;
      }
      const state = await roomState(eventId);
      const view = queueView(model.position.value, state);
      model.observed(view, state.paused);
      model.observedRoom(state);
      model.error.value = null;
      const untilOpen = ((model.opensAt.value ?? 0) - Date.now()) / 1000;
      if (untilOpen > 0) return schedule(pollDelaySeconds(model.pollAfterSeconds.value, untilOpen));
      if (view.canAdmit && !state.paused) return schedule(await tryAdmit());
      schedule(pollDelaySeconds(model.pollAfterSeconds.value, view.estimatedWaitSeconds));
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
      schedule(error instanceof ApiError && error.retryAfter ? error.retryAfter : 3);
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
