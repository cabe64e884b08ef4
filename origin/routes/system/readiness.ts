import { noopAdmission, type ResolvedDeps } from '../../services/deps';

/** What each dependency answered: `none` when the origin runs without that dependency. */
export type ProbeState = 'ok' | 'down' | 'none';

export interface Readiness {
  ready: boolean;
  /** Seat locks (Redis, or the in-process stand-in). */
  locks: ProbeState;
  /** The DynamoDB table. */
  dynamo: ProbeState;
  /** The waiting-room store the origin releases slots in (absent when none is wired). */
  room: ProbeState;
}

/** A probe that has not answered by then counts as down: the ALB's own timeout is 5 s. */
export const READY_PROBE_TIMEOUT_MS = 2_000;
/** Event id the room probe reads: an unknown event costs one Redis round trip and changes nothing. */
export const ROOM_PROBE_EVENT = 'readyz-probe';

async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<ProbeState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ProbeState>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([run().then((): ProbeState => 'ok'), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness of this process for traffic: seat locks, DynamoDB and (when wired) the waiting-room
 * store all answer within `timeoutMs`, checked in parallel. A hung client (ioredis queues
 * commands while it reconnects) counts as down instead of holding the health check open.
 * @example const { ready } = await checkReadiness(services.deps);
 */
export async function checkReadiness(
  deps: Pick<ResolvedDeps, 'locks' | 'store' | 'admission'>,
  timeoutMs = READY_PROBE_TIMEOUT_MS,
): Promise<Readiness> {
  const hasRoom = deps.admission !== noopAdmission;
  const [locks, dynamo, room] = await Promise.all([
    probe(() => deps.locks.ping(), timeoutMs),
    probe(() => deps.store.ping(), timeoutMs),
    hasRoom
      ? probe(() => deps.admission.getConfig(ROOM_PROBE_EVENT), timeoutMs)
      : Promise.resolve<ProbeState>('none'),
  ]);
  return { ready: locks !== 'down' && dynamo !== 'down' && room !== 'down', locks, dynamo, room };
}
