import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DynamoStore } from '../../origin/adapters/dynamo/store';
import { type EventDefinition, parseEventDefinition } from '../../origin/domain/event-definition';
import { seatIdsInOrder } from '../../origin/domain/venue';
import { seedSections } from '../../origin/services/admin';
import { emptyTally, type StormConfig, type StormTally } from './storm-buyer';

/** Time the workers get to load (tsx) and connect before the run is killed. */
const STARTUP_LIMIT_MS = 20_000;
const WORKER = fileURLToPath(new URL('./storm-worker.ts', import.meta.url));

/**
 * Seeds the storm's event: one seated section of `rows` × `seatsPerRow`, on sale now.
 * Holds last `holdMs` so that walked-away holds lapse during the storm; the event schema's
 * minimum is one minute, so the validated definition is stored with a shorter `holdMinutes`
 * (the services only ever multiply it by 60 000).
 */
export async function seedStormEvent(
  store: DynamoStore,
  eventId: string,
  options: { rows: number; seatsPerRow: number; holdMs: number },
): Promise<EventDefinition> {
  const now = Date.now();
  const definition = parseEventDefinition({
    id: eventId,
    name: 'Storm test',
    venueName: 'Storm hall',
    startsAt: new Date(now + 86_400_000).toISOString(),
    onSaleAt: new Date(now - 60_000).toISOString(),
    holdMinutes: 1,
    maxPerBuyer: 8,
    tiers: [{ id: 'std', name: 'Standard', priceCents: 5_000 }],
    sections: [
      {
        id: 'hot',
        name: 'Hot section',
        kind: 'seated',
        tierId: 'std',
        rows: Array.from({ length: options.rows }, (_, i) => ({
          label: String.fromCharCode(65 + i),
          seats: options.seatsPerRow,
        })),
      },
    ],
  });
  const event = { ...definition, holdMinutes: options.holdMs / 60_000 };
  if (!(await store.events.save(event, 0, now))) throw new Error(`event ${eventId} exists`);
  await seedSections(store, eventId, event.sections);
  return event;
}

/** The seats of the event's first section, front row first (best-available takes these first). */
export const sectionSeats = (event: EventDefinition) =>
  seatIdsInOrder(event.sections[0] as EventDefinition['sections'][number]);

function mergeCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Sums the tallies of all workers. */
export function mergeTallies(tallies: StormTally[]): StormTally {
  const total = emptyTally();
  for (const t of tallies) {
    total.holds += t.holds;
    total.released += t.released;
    total.abandoned += t.abandoned;
    total.checkouts += t.checkouts;
    mergeCounts(total.rejected, t.rejected);
    mergeCounts(total.orders, t.orders);
    mergeCounts(total.checkoutRejected, t.checkoutRejected);
    total.unexpected.push(...t.unexpected);
  }
  return total;
}

function runWorker(
  config: Omit<StormConfig, 'deadline'>,
  started: Promise<number>,
  onReady: () => void,
): { child: ChildProcess; done: Promise<StormTally> } {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, STORM_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<StormTally>((resolve, reject) => {
    let tally: StormTally | undefined;
    child.on('message', (message: { type: string; tally?: StormTally }) => {
      if (message.type === 'ready') onReady();
      if (message.type === 'done') tally = message.tally;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      tally
        ? resolve(tally)
        : reject(new Error(`storm worker ${child.pid} exited ${code} without a tally`)),
    );
  });
  void started.then((deadline) => child.connected && child.send({ type: 'go', deadline }));
  return { child, done };
}

/**
 * Runs one storm: forks `processes` workers, waits until every one has built its services,
 * starts them together and collects their tallies. Workers get `windowMs` to start holds and
 * `graceMs` more to finish; a worker still alive after that is killed (and the run fails).
 */
export async function runStorm(
  config: Omit<StormConfig, 'deadline'>,
  options: { processes: number; windowMs: number; graceMs: number },
): Promise<StormTally> {
  let ready = 0;
  let go: (deadline: number) => void = () => {};
  const started = new Promise<number>((resolve) => {
    go = resolve;
  });
  const workers: ReturnType<typeof runWorker>[] = [];
  const onReady = () => {
    ready++;
    if (ready === options.processes) go(Date.now() + options.windowMs);
  };
  // Each worker learns the deadline only once all are ready, so none gets a head start.
  for (let i = 0; i < options.processes; i++) workers.push(runWorker(config, started, onReady));
  const killer = setTimeout(
    () => {
      for (const w of workers) w.child.kill('SIGKILL');
    },
    STARTUP_LIMIT_MS + options.windowMs + options.graceMs,
  );
  try {
    return mergeTallies(await Promise.all(workers.map((w) => w.done)));
  } finally {
    clearTimeout(killer);
  }
}
