import { z } from '@hono/zod-openapi';
import { OrderSchema } from '../schemas';

/** An order as organizers see it: the buyer-facing shape plus when it was placed. */
export const AdminOrderSchema = OrderSchema.extend({ createdAt: z.string() }).openapi('AdminOrder');

export const CancelBody = z
  .object({ reason: z.string().trim().min(1).max(200).optional() })
  .strict()
  .openapi('Cancel');

export const OrderIdParam = z.object({
  orderId: z
    .string()
    .regex(/^o_[A-Za-z0-9_-]{20,64}$/)
    .openapi({ param: { name: 'orderId', in: 'path' } }),
});

/** An optional JSON body (`{}` or none at all). */
export const optionalCancelBody = {
  required: false,
  content: { 'application/json': { schema: CancelBody } },
} as const;
