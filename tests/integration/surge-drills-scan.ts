/**
 * The failure drills' verdict: a reconciliation scan of the drill's event straight from the
 * table once everything has quiesced, and a one-line summary of what the buyers met.
 */
import { createDynamoClient } from '../../origin/adapters/dynamo/client';
import type { OrderRecord } from '../../origin/services/models';
import {
  type Reconciliation,
  reconcileItems,
  scanTable,
  type Violation,
} from '../helpers/reconcile';
import type { Drill, SurgeOutcome } from './surge-drills-harness';

/** Invariants a disruption must never break (ARCHITECTURE.md "Reservations"). */
const INTEGRITY = new Set<Violation['kind']>([
  'seat_claimed_twice',
  'seat_sold_twice',
  'ticket_seat_not_sold_to_order',
  'sold_seat_without_confirmed_order',
  'failed_order_paid_not_refunded',
]);

export interface DrillScan {
  report: Reconciliation;
  /** Violations of the never-break invariants (must be empty). */
  broken: Violation[];
  /** The event's CONFIRMED orders as stored. */
  confirmed: OrderRecord[];
}

/**
 * Scans the drill's event once payments have settled (`settleMs`, default 1.5 s); every broken
 * invariant is named.
 */
export async function reconcileDrill(drill: Drill, { settleMs = 1_500 } = {}): Promise<DrillScan> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const client = createDynamoClient({ endpoint: drill.stack.dynamoEndpoint, region: 'local' });
  try {
    const items = await scanTable(client, drill.stack.dynamoTable);
    const report = reconcileItems(items, drill.definition, Date.now());
    const confirmed = items.filter(
      (i) => i.sk === 'ORDER' && i.eventId === drill.eventId && i.status === 'CONFIRMED',
    ) as unknown as OrderRecord[];
    return {
      report,
      broken: report.violations.filter((v) => INTEGRITY.has(v.kind)),
      confirmed,
    };
  } finally {
    client.destroy();
  }
}

/** A line for the log: what the buyers met, the recovery time, the scan's counts. */
export function drillSummary(name: string, outcome: SurgeOutcome, scan: DrillScan): string {
  const { measurement: m, recovery } = outcome;
  const notOk = Object.entries(m.endpoints)
    .filter(([, e]) => Object.keys(e.statuses).length)
    .map(([name, e]) => `${name} ${JSON.stringify(e.statuses)}`)
    .join('; ');
  return (
    `[drill ${name}] ${m.overall.count} requests, admitted ${m.totals.admitted}, holds ` +
    `${m.totals.holds}, orders ${m.totals.sales}; served again after ` +
    `${recovery.ms === undefined ? 'never' : `${(recovery.ms / 1000).toFixed(1)} s`}` +
    ` (${recovery.attempts} probes); scan: orders ${JSON.stringify(scan.report.orders)}, ` +
    `seats ${JSON.stringify(scan.report.seats)}, violations ` +
    `${scan.report.violations.map((v) => `${v.kind} (${v.detail.slice(0, 140)})`).join(', ') || 'none'}; ` +
    `not ok: ${notOk}`
  );
}
