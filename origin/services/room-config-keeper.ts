import type { EventAdmission } from '../adapters/dynamo/event-repo';
import { startBackgroundTask } from './background-task';
import type { ResolvedDeps } from './deps';

/** How often the keeper looks: joins come back within about this long after Redis does. */
export const ROOM_CONFIG_KEEPER_INTERVAL_MS = 2_000;

export interface RoomConfigKeeper {
  /** One round over every event whose room should exist; returns the ids it restored. */
  keepOnce(): Promise<string[]>;
  /** Stops the timer and waits for a round in progress. */
  close(): Promise<void>;
}

type KeeperDeps = Pick<ResolvedDeps, 'store' | 'admission' | 'clock'> &
  Partial<Pick<ResolvedDeps, 'onDegraded'>>;

export interface RoomConfigKeeperOptions {
  /** Default {@link ROOM_CONFIG_KEEPER_INTERVAL_MS}; 0 starts no timer. */
  intervalMs?: number;
  /** Told which rooms a timed round restored (for the log). */
  onRestored?: (eventIds: string[]) => void;
}

/** A room is kept until the event starts, unless the organizer cancelled it. */
function needsRoom(event: EventAdmission, now: number): boolean {
  return event.cancelledAt === undefined && Date.parse(event.startsAt) > now;
}

/**
 * Puts the waiting room back after Redis restarts empty. A room's admission config lives in
 * Redis (the room store), with a durable copy on the event item in DynamoDB (written by the
 * admin service whenever admission or the event changes). Every `intervalMs`, for each event
 * that has not started and is not cancelled, it asks the room store for the config (one cheap
 * read) and, only when the store has none, configures the room from the durable copy: a live
 * config always wins. Events without a durable copy are left alone (their settings are unknown,
 * and the wide-open default could flood the origin). Rounds do not overlap; a failed round
 * (Redis still down) is reported through `onDegraded` and the next one tries again.
 *
 * Several origin processes may restore the same room at once: configuring is one atomic script
 * and both apply the same config. An organizer change in the few milliseconds between the read
 * and the restore could be overwritten by the copy it replaces; it is rare (right after a Redis
 * loss) and the organizer's own write of the durable copy still lands.
 *
 * @example const keeper = startRoomConfigKeeper(services.deps); ...; await keeper.close();
 */
export function startRoomConfigKeeper(
  deps: KeeperDeps,
  options: RoomConfigKeeperOptions = {},
): RoomConfigKeeper {
  const intervalMs = options.intervalMs ?? ROOM_CONFIG_KEEPER_INTERVAL_MS;
  async function keepRound(): Promise<string[]> {
    const now = deps.clock();
    const restored: string[] = [];
    for (const event of await deps.store.events.listAdmissions()) {
      if (event.admission === undefined || !needsRoom(event, now)) continue;
      if ((await deps.admission.getConfig(event.eventId)) !== null) continue;
      await deps.admission.configure(event.eventId, event.admission);
      restored.push(event.eventId);
    }
    return restored;
  }

  const task = startBackgroundTask({
    name: 'room config keeper',
    run: keepRound,
    intervalMs,
    onError: (error, name) => deps.onDegraded?.(error, name),
    onResult: (restored) => {
      if (restored.length > 0) options.onRestored?.(restored);
    },
  });
  return { keepOnce: task.runOnce, close: task.close };
}
