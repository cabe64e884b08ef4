import { z } from 'zod';
import { AppError } from '../../common/errors';
import { EVENT_ID_PATTERN, ROW_LABEL_PATTERN, SECTION_ID_PATTERN } from './seat-ids';
import { type GaSection, type PriceTier, type SeatedSection, totalCapacity } from './venue';

/** Most seats (and GA units) one event may have. */
export const MAX_EVENT_SEATS = 50_000;
/** Most seats in one row. */
export const MAX_SEATS_PER_ROW = 200;

const layout = {
  x: z.number().min(0).max(1000).optional(),
  y: z.number().min(0).max(1000).optional(),
  width: z.number().positive().max(1000).optional(),
  height: z.number().positive().max(1000).optional(),
};

const idSchema = z.string().regex(SECTION_ID_PATTERN, 'lower-case letters, digits and dashes');

export const priceTierSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  priceCents: z.number().int().min(0).max(10_000_000),
}) satisfies z.ZodType<PriceTier>;

export const seatedSectionSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  kind: z.literal('seated'),
  tierId: idSchema,
  rows: z
    .array(
      z.object({
        label: z.string().regex(ROW_LABEL_PATTERN, '1–4 upper-case letters or digits'),
        seats: z.number().int().min(1).max(MAX_SEATS_PER_ROW),
      }),
    )
    .min(1)
    .max(MAX_EVENT_SEATS),
  ...layout,
}) satisfies z.ZodType<SeatedSection>;

export const gaSectionSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  kind: z.literal('ga'),
  tierId: idSchema,
  capacity: z.number().int().min(1).max(MAX_EVENT_SEATS),
  ...layout,
}) satisfies z.ZodType<GaSection>;

export const venueSectionSchema = z.discriminatedUnion('kind', [
  seatedSectionSchema,
  gaSectionSchema,
]);

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/**
 * An event as an organizer defines it: details, on-sale time, hold rules, price tiers and the
 * venue map. Cross-field rules: unique tier, section and row ids, every section's tier exists,
 * on sale before it starts, at most {@link MAX_EVENT_SEATS} seats in total.
 */
export const eventDefinitionSchema = z
  .object({
    id: z.string().regex(EVENT_ID_PATTERN, 'lower-case letters, digits and dashes (2–63)'),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(4_000).default(''),
    venueName: z.string().trim().min(1).max(120),
    startsAt: z.iso.datetime({ offset: true }),
    onSaleAt: z.iso.datetime({ offset: true }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD')
      .default('USD'),
    holdMinutes: z.number().int().min(1).max(60).default(10),
    maxPerBuyer: z.number().int().min(1).max(20).default(8),
    tiers: z.array(priceTierSchema).min(1).max(20),
    sections: z.array(venueSectionSchema).min(1).max(500),
  })
  .superRefine((event, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    for (const id of duplicates(event.tiers.map((t) => t.id)))
      issue(['tiers'], `duplicate tier id "${id}"`);
    for (const id of duplicates(event.sections.map((s) => s.id))) {
      issue(['sections'], `duplicate section id "${id}"`);
    }
    const tierIds = new Set(event.tiers.map((t) => t.id));
    event.sections.forEach((section, i) => {
      if (!tierIds.has(section.tierId)) {
        issue(['sections', i, 'tierId'], `unknown tier "${section.tierId}"`);
      }
      if (section.kind === 'seated') {
        for (const label of duplicates(section.rows.map((r) => r.label))) {
          issue(['sections', i, 'rows'], `duplicate row "${label}" in section "${section.id}"`);
        }
      }
    });
    const seats = totalCapacity(event.sections);
    if (seats > MAX_EVENT_SEATS) {
      issue(['sections'], `${seats} seats in total; at most ${MAX_EVENT_SEATS} allowed`);
    }
    if (Date.parse(event.onSaleAt) >= Date.parse(event.startsAt)) {
      issue(['onSaleAt'], 'the sale must open before the event starts');
    }
  });

/** A validated event definition (defaults applied). */
export type EventDefinition = z.output<typeof eventDefinitionSchema>;
/** What an organizer may send (defaults still optional). */
export type EventDefinitionInput = z.input<typeof eventDefinitionSchema>;

/**
 * Validates an event definition, throwing `AppError('validation_failed')` whose details list
 * each problem as `{ path, message }`.
 *
 * @example const event = parseEventDefinition(await c.req.json());
 */
export function parseEventDefinition(input: unknown): EventDefinition {
  const result = eventDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = details[0];
  throw new AppError(
    'validation_failed',
    `Invalid event definition: ${first.path ? `${first.path}: ` : ''}${first.message}`,
    details,
  );
}
