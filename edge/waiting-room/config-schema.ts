import { z } from 'zod';
import { AppError } from '../../common/errors';
import type { AdmissionConfig } from './admission-policy';

/**
 * `opensAt` as epoch milliseconds, or an ISO 8601 date-time with an offset (what the organizer
 * console sends), converted to epoch milliseconds; null clears it.
 * @example opensAtSchema.parse('2030-01-01T12:00:00Z') // 1893499200000
 */
const opensAtSchema = z
  .union([
    z.number().int().min(0),
    z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
  ])
  .nullable();

/**
 * Validation of admission settings, shared by the room stores and the origin's admin route
 * (`PUT /api/admin/events/{eventId}/admission`), so both reject the same input the same way.
 * Integer rates keep the serving-number carry exact; the bounds keep `rate × elapsed` exact in
 * IEEE doubles (Lua numbers included). `minRatePerMinute ≤ maxRatePerMinute` is checked by the
 * stores on the merged config. Parsed output always carries `opensAt` in epoch milliseconds.
 */
export const admissionConfigSchema = z.strictObject({
  ratePerMinute: z.number().int().min(0).max(10_000_000),
  maxActive: z.number().int().min(0).max(10_000_000),
  sessionSeconds: z.number().int().min(30).max(86_400),
  paused: z.boolean(),
  queueAll: z.boolean(),
  opensAt: opensAtSchema,
  mode: z.enum(['fixed', 'adaptive']),
  targetP95Ms: z.number().int().min(1).max(600_000),
  minRatePerMinute: z.number().int().min(0).max(10_000_000),
  maxRatePerMinute: z.number().int().min(0).max(10_000_000),
  abandonAfterSeconds: z.number().int().min(5).max(86_400),
});

/** Any subset of the settings, as accepted by `RoomStore.configure` and the admin route. */
export const admissionConfigPatchSchema = admissionConfigSchema.partial();

/** Parses a partial config or throws AppError `validation_failed` with the zod issues. */
export function parseAdmissionPatch(input: unknown): Partial<AdmissionConfig> {
  const parsed = admissionConfigPatchSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'Invalid admission config', parsed.error.issues);
  }
  const patch = parsed.data;
  if (
    patch.minRatePerMinute !== undefined &&
    patch.maxRatePerMinute !== undefined &&
    patch.minRatePerMinute > patch.maxRatePerMinute
  ) {
    throw rateBoundsError();
  }
  return patch;
}

/** The error for a merged config whose adaptive bounds are crossed. */
export function rateBoundsError(): AppError {
  return new AppError(
    'validation_failed',
    'Invalid admission config: minRatePerMinute must not exceed maxRatePerMinute',
  );
}
