import type { ResolvedDeps } from './deps';

type SlotDeps = Pick<ResolvedDeps, 'admission'> & Partial<Pick<ResolvedDeps, 'onDegraded'>>;

/**
 * Frees a buyer's waiting-room slot once their hold is done with (sold, failed or expired).
 * Redis down must not fail work that DynamoDB already recorded: the failure is reported through
 * `onDegraded` and never thrown, and the slot ends with its session instead.
 * @example await releaseSlot(deps, hold);
 */
export async function releaseSlot(
  deps: SlotDeps,
  hold: { eventId: string; ticketId: string },
): Promise<void> {
  await deps.admission
    .release(hold.eventId, hold.ticketId)
    .catch((error: unknown) => deps.onDegraded?.(error, 'slot release'));
}
