import { createDynamoClient } from '../../origin/adapters/dynamo/client';
import { type Reconciliation, reconcileItems, scanTable } from '../../tests/helpers/reconcile';
import type { Stack } from '../stack';
import type { StepReport, SurgeMode } from './report';
import type { PlannedMode, SurgeStacks } from './run';

/** Violations that mean a seat went to two buyers. */
const DOUBLE_BOOKING = new Set(['seat_claimed_twice', 'seat_sold_twice']);

/**
 * What one step's scan means for its report: `doubleBookings` (distinct seats claimed or sold
 * twice), `unrefunded` (FAILED orders whose approved payment has no full refund) and every
 * broken invariant by kind and count (`seat_sold_twice×3`). Pure.
 */
export function stepVerdict(
  found: Reconciliation,
): Pick<StepReport, 'doubleBookings' | 'unrefunded' | 'violations'> {
  const doubleBookings = new Set(
    found.violations.filter((v) => DOUBLE_BOOKING.has(v.kind)).map((v) => v.seatId),
  ).size;
  const unrefunded = found.violations.filter(
    (v) => v.kind === 'failed_order_paid_not_refunded',
  ).length;
  const byKind = new Map<string, number>();
  for (const v of found.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  return { doubleBookings, unrefunded, violations: [...byKind].map(([k, n]) => `${k}×${n}`) };
}

/**
 * Once the run has quiesced, scans each mode's table once and reconciles every step on its own
 * event (`report.eventId`), writing the verdict into that step's report.
 */
export async function reconcileSteps(
  stacks: SurgeStacks,
  planned: readonly PlannedMode[],
  reports: readonly StepReport[],
): Promise<void> {
  const stackOf = (mode: SurgeMode): Stack | undefined =>
    mode === 'edge' ? stacks.edge : stacks.baseline;
  for (const mode of planned) {
    const stack = stackOf(mode.mode);
    const own = reports.filter((r) => r.mode === mode.mode);
    if (!stack || own.length === 0) continue;
    const client = createDynamoClient({ endpoint: stack.dynamoEndpoint, region: 'local' });
    try {
      const items = await scanTable(client, stack.dynamoTable);
      const now = Date.now();
      for (const report of own) {
        const step = mode.steps.find((s) => s.eventId === report.eventId);
        if (!step) throw new Error(`no planned event ${report.eventId} for ${report.mode}`);
        Object.assign(report, stepVerdict(reconcileItems(items, step.definition, now)));
      }
    } finally {
      client.destroy();
    }
  }
}
