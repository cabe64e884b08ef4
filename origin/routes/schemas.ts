import { z } from '@hono/zod-openapi';
import { ERROR_STATUS } from '../../common/errors';

/** The one error shape, for the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** Error responses to list on a route, by status. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Error', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const EventIdParam = z.object({
  eventId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .openapi({ param: { name: 'eventId', in: 'path' }, example: 'demo-arena' }),
});

export const TierSchema = z
  .object({ id: z.string(), name: z.string(), priceCents: z.number() })
  .openapi('Tier');

export const SectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['seated', 'ga']),
    tierId: z.string(),
    capacity: z.number(),
    rows: z.array(z.object({ label: z.string(), seats: z.number() })).optional(),
    x: z.number().optional(),
    y: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
  })
  .openapi('Section');

export const EventSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    venueName: z.string(),
    startsAt: z.string(),
    onSaleAt: z.string(),
    status: z.enum(['scheduled', 'on_sale', 'sold_out', 'ended', 'cancelled']),
    priceFromCents: z.number(),
    currency: z.string(),
  })
  .openapi('EventSummary');

export const EventDetailSchema = EventSummarySchema.extend({
  description: z.string(),
  holdMinutes: z.number(),
  maxPerBuyer: z.number(),
  tiers: z.array(TierSchema),
  sections: z.array(SectionSchema),
}).openapi('EventDetail');

export const HeldSeatSchema = z
  .object({
    seatId: z.string(),
    sectionId: z.string(),
    row: z.string(),
    number: z.number(),
    tierId: z.string(),
    priceCents: z.number(),
  })
  .openapi('HeldSeat');

export const HoldSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    status: z.enum(['ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED']),
    seats: z.array(HeldSeatSchema),
    totalCents: z.number(),
    currency: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Hold');

export const OrderSchema = z
  .object({
    id: z.string(),
    status: z.enum(['PENDING', 'CONFIRMED', 'FAILED', 'CANCELLED']),
    eventId: z.string(),
    holdId: z.string(),
    email: z.string(),
    totalCents: z.number(),
    currency: z.string(),
    tickets: z.array(z.object({ id: z.string(), seatId: z.string(), code: z.string() })),
    refund: z
      .object({ refundId: z.string(), amountCents: z.number(), reason: z.string() })
      .optional(),
    failureReason: z.string().optional(),
    cancelledAt: z.string().optional(),
    secret: z.string().optional(),
  })
  .openapi('Order');

/**
 * An order in a list ("my orders", the organizer's search): the `Order` shape plus when it was
 * placed. One schema for both lists, under the contract's name `AccountOrder` (docs/contracts.md).
 */
export const ListedOrderSchema = OrderSchema.extend({ createdAt: z.string() }).openapi(
  'AccountOrder',
);

/** An order id as the origin issues them (`o_` and 20–64 URL-safe characters). */
export const OrderId = z.string().regex(/^o_[A-Za-z0-9_-]{20,64}$/);

/** The `{orderId}` path parameter. */
export const OrderIdParam = z.object({
  orderId: OrderId.openapi({ param: { name: 'orderId', in: 'path' } }),
});

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8–128 characters of letters, digits, _ . : -')
    .optional()
    .openapi({ description: 'Makes retries safe: same key + same body → the first result' }),
});

export const bearerSecurity = [{ accessToken: [] }];
export const organizerSecurity = [{ organizerKey: [] }];
