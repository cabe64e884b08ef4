import { createDynamoClient } from '../../origin/adapters/dynamo/client';
import { reconcileEvent } from '../../tests/helpers/reconcile';
import type { Stack } from '../stack';
import type { StepReport } from './report';
import type { PlannedMode, SurgeStacks } from './run';

/** Violations that mean a seat went to two buyers. */
const DOUBLE_BOOKING = new Set(['seat_claimed_twice', 'seat_sold_twice']);

/**
 * Scans each mode's event straight from the table once the run has quiesced and writes the
 * verdict into that mode's step reports: `doubleBookings` (seats claimed or sold twice over the
 * whole ramp) and every other broken invariant, by kind and count.
 */
export async function reconcileModes(
  stacks: SurgeStacks,
  planned: readonly PlannedMode[],
  reports: readonly StepReport[],
): Promise<void> {
  for (const mode of planned) {
    const stack: Stack | undefined = mode.mode === 'edge' ? stacks.edge : stacks.baseline;
    if (!stack) continue;
    const client = createDynamoClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    try {
      const found = await reconcileEvent(client, stack.dynamoTable, mode.definition, Date.now());
      const doubleBookings = new Set(
        found.violations.filter((v) => DOUBLE_BOOKING.has(v.kind)).map((v) => v.seatId),
      ).size;
      const byKind = new Map<string, number>();
      for (const v of found.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
      const violations = [...byKind].map(([kind, n]) => `${kind}×${n}`);
      for (const report of reports.filter((r) => r.mode === mode.mode)) {
        report.doubleBookings = doubleBookings;
        report.violations = violations;
      }
    } finally {
      client.destroy();
    }
  }
}
