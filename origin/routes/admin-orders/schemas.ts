import { z } from '@hono/zod-openapi';

export const CancelBody = z
  .object({ reason: z.string().trim().min(1).max(200).optional() })
  .strict()
  .openapi('Cancel');

/** An optional JSON body (`{}` or none at all). */
export const optionalCancelBody = {
  required: false,
  content: { 'application/json': { schema: CancelBody } },
} as const;
