/**
 * The failure drills' shared part: a 2-worker stack on real Redis, a small venue so seats contend
 * and run out within seconds, a shortened surge of virtual buyers (the benchmark's own journeys,
 * run in this process) with one disruption in the middle, and a probe that says when the system
 * serves again (the verdict: surge-drills-scan.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { EventDefinition } from '../../origin/domain/event-definition';
import { createSurgeEvent, type SurgeAdmission } from '../../scripts/bench-surge/events';
import { type GeneratorResult, type RampPlan, runRamp } from '../../scripts/bench-surge/generator';
import { type Stack, type StackOptions, startStack } from '../../scripts/stack';
import { dropPrefix, uniquePrefix } from '../helpers/redis';
import { probeService, type ServiceProbe } from './surge-drills-probe';

const ORGANIZER_KEY = 'drill-organizer-key';
/** Admission fast enough that every buyer of a short surge gets in within a second or two. */
const ADMISSION: SurgeAdmission = { ratePerMinute: 12_000, maxActive: 2_000, sessionSeconds: 60 };

/**
 * How long the system may take to serve again after a disruption: a recovery correctness bound
 * (it recovers on its own, with no operator), deliberately generous on a loaded 2-core machine;
 * not a speed goal.
 */
export const RECOVERY_BOUND_MS = 30_000;

/** The front of the arena only: two floor sections, one lower-bowl section and a small pit. */
function smallVenue(definition: EventDefinition): EventDefinition {
  const keep = new Set(['floor-a', 'floor-b', 'lower-101', 'standing']);
  return {
    ...definition,
    sections: definition.sections
      .filter((s) => keep.has(s.id))
      .map((s) => (s.kind === 'ga' ? { ...s, capacity: 80 } : { ...s, rows: s.rows.slice(0, 6) })),
  };
}

export interface Drill {
  stack: Stack;
  eventId: string;
  definition: EventDefinition;
  /** A second, untouched event the recovery probe holds from (the surge may sell out its own). */
  probeEventId: string;
  close(): Promise<void>;
}

/** Starts a 2-worker stack on `redisUrl` and creates the drill's events. */
export async function startDrill(
  name: string,
  redisUrl: string,
  extra: Pick<StackOptions, 'joinRateLimit'> & { persistDynamo?: boolean } = {},
): Promise<Drill> {
  const prefix = uniquePrefix(`drill-${name}`);
  const dataDir = extra.persistDynamo ? await mkdtemp(join(tmpdir(), 'fg-drill-')) : undefined;
  const stack = await startStack({
    port: 0,
    inMemory: !dataDir,
    dataDir,
    quiet: true,
    redisUrl,
    redisPrefix: prefix,
    organizerKey: ORGANIZER_KEY,
    workers: 2,
    joinRateLimit: extra.joinRateLimit,
  });
  const tag = Math.random().toString(36).slice(2, 8);
  const eventId = `drill-${name}-${tag}`;
  const probeEventId = `drill-${name}-${tag}-probe`;
  try {
    const definition = await createSurgeEvent(
      stack.originUrl,
      ORGANIZER_KEY,
      eventId,
      ADMISSION,
      smallVenue,
    );
    await createSurgeEvent(stack.originUrl, ORGANIZER_KEY, probeEventId, ADMISSION, smallVenue);
    return {
      stack,
      eventId,
      definition,
      probeEventId,
      async close() {
        await stack.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
        await deleteKeys(redisUrl, prefix).catch(() => undefined);
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await dropPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

export interface SurgeOutcome {
  /** What the buyers saw, per endpoint (statuses of everything that was not ok). */
  measurement: GeneratorResult;
  /** When the system served again after the disruption, by the probe. */
  recovery: ServiceProbe;
}

export interface SurgePlan {
  users: number;
  seconds: number;
  /** When, after the surge started, to disrupt. */
  disruptAfterMs: number;
  /** The disruption; resolves once it is over (e.g. the restarted server listens again). */
  disrupt(): Promise<void>;
  /** One loopback IP per buyer (for per-client limits). */
  clientAddresses?: string[];
  /** The probe holds with this access token instead of joining the waiting room anew. */
  token?: string;
}

/**
 * Runs a one-step surge through the edge, disrupts it once, and meanwhile probes from the end
 * of the disruption until the system serves again (or {@link RECOVERY_BOUND_MS} passes).
 */
export async function surgeThrough(drill: Drill, plan: SurgePlan): Promise<SurgeOutcome> {
  const ramp: RampPlan = {
    mode: 'edge',
    baseUrl: drill.stack.url,
    steps: [plan.users],
    eventIds: [drill.eventId],
    seconds: plan.seconds,
    rampSeconds: 2,
    timeoutMs: 5_000,
    thinkMs: 400,
    checkoutShare: 0.8,
    hotSections: ['floor-b', 'floor-a'],
    assets: [],
    clientAddresses: plan.clientAddresses,
  };
  let measurement: GeneratorResult | undefined;
  let recovery: Promise<ServiceProbe> | undefined;
  let disrupted: Promise<void> | undefined;
  await runRamp(ramp, (message) => {
    if (message.type === 'step-start') {
      disrupted = new Promise<void>((resolve) => setTimeout(resolve, plan.disruptAfterMs))
        .then(() => plan.disrupt())
        .then(() => {
          recovery = probeService(
            drill.stack.url,
            drill.probeEventId,
            RECOVERY_BOUND_MS,
            plan.token,
          );
        });
    }
    if (message.type === 'result') measurement = message.result;
  });
  await disrupted;
  if (!measurement || !recovery) throw new Error('the surge ended without a result');
  return { measurement, recovery: await recovery };
}

/** One loopback address per buyer: 127.0.1.1, 127.0.1.2, … */
export function loopbackAddresses(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
  );
}
