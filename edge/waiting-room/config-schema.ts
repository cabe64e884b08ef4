import { z } from 'zod';
import { AppError } from '../../common/errors';
import type { AdmissionConfig } from './admission-policy';

/**
 * Validation of admission settings, shared by the room stores and the origin's admin route
 * (`PUT /api/admin/events/{eventId}/admission`), so both reject the same input the same way.
 * Integer rates keep the serving-number carry exact; the bounds keep `rate × elapsed` exact in
 * IEEE doubles (Lua numbers included).
 */
export const admissionConfigSchema = z.strictObject({
  ratePerMinute: z.number().int().min(0).max(10_000_000),
  maxActive: z.number().int().min(0).max(10_000_000),
  sessionSeconds: z.number().int().min(30).max(86_400),
  paused: z.boolean(),
  queueAll: z.boolean(),
  opensAt: z.number().int().min(0).nullable(),
});

/** Any subset of the settings, as accepted by `RoomStore.configure`. */
export const admissionConfigPatchSchema = admissionConfigSchema.partial();

/** Parses a partial config or throws AppError `validation_failed` with the zod issues. */
export function parseAdmissionPatch(input: unknown): Partial<AdmissionConfig> {
  const parsed = admissionConfigPatchSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'Invalid admission config', parsed.error.issues);
  }
  return parsed.data;
}
