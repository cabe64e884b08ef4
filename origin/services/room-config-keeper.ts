import type { EventAdmission } from '../adapters/dynamo/event-repo';
import { startBackgroundTask } from './background-task';
import type { ResolvedDeps } from './deps';

/** How often the keeper looks: joins come back within about this long after Redis does. */
export const ROOM_CONFIG_KEEPER_INTERVAL_MS = 2_000;

export interface RoomConfigKeeper {
  /** One round over every event whose room should exist; returns the ids it restored. */
  keepOnce(): Promise<string[]>;
  /** Starts a round now without waiting; its restores go to `onRestored`, a failure to `onDegraded`. */
  kick(): void;
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
 * that has not started and is not cancelled, it configures the room from the durable copy only
 * when the store has no config: a live config always wins. Events without a durable copy are
 * left alone (their settings are unknown, and the wide-open default could flood the origin).
 * Rounds do not overlap; a failed round (Redis still down) is reported through `onDegraded`
 * and the next one tries again.
 *
 * The check and the restore are one atomic step (the room store's `restoreConfig`), so an
 * organizer change that lands first is never overwritten by the older durable copy, and of
 * several origin processes restoring at once only one configures. A port without that step
 * falls back to a read then `configure`, where such a change could still be lost.
 * The origin also runs a round at once when the room store's Redis client reconnects
 * (`server.ts`), so joins do not wait for the next timed round.
 *
 * @example const keeper = startRoomConfigKeeper(services.deps); ...; await keeper.close();
 */
export function startRoomConfigKeeper(
  deps: KeeperDeps,
  options: RoomConfigKeeperOptions = {},
): RoomConfigKeeper {
  const intervalMs = options.intervalMs ?? ROOM_CONFIG_KEEPER_INTERVAL_MS;
  /** Configures the room only if it has none; true when it did. */
  async function restore(eventId: string, admission: unknown, now: number): Promise<boolean> {
    const { admission: port } = deps;
    if (port.restoreConfig) return port.restoreConfig(eventId, admission, now);
    // A port without the atomic step: read, then configure (an organizer change in between
    // could be overwritten by the copy it replaces).
    if ((await port.getConfig(eventId)) !== null) return false;
    await port.configure(eventId, admission);
    return true;
  }

  async function keepRound(): Promise<string[]> {
    const now = deps.clock();
    const restored: string[] = [];
    for (const event of await deps.store.events.listAdmissions()) {
      if (event.admission === undefined || !needsRoom(event, now)) continue;
      if (await restore(event.eventId, event.admission, now)) restored.push(event.eventId);
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
  return { keepOnce: task.runOnce, kick: task.kick, close: task.close };
}
