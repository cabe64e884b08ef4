import type { EventDefinitionInput, EventDetail, SectionInput, Tier } from '../../api/types';

/**
 * The event editor's working copy, in the shapes form fields hold (local date-times, prices in
 * major units as typed), and the conversions to and from the API. Pure, tested without a browser.
 */
export interface EventDraft {
  id: string;
  name: string;
  description: string;
  venueName: string;
  /** `YYYY-MM-DDTHH:mm` in the organizer's time zone (what `<input type=datetime-local>` holds). */
  startsAt: string;
  onSaleAt: string;
  currency: string;
  holdMinutes: number;
  maxPerBuyer: number;
  tiers: TierDraft[];
  sections: SectionInput[];
}

export interface TierDraft {
  id: string;
  name: string;
  /** "85" or "85.50", as typed. */
  price: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → `YYYY-MM-DDTHH:mm` in local time ('' for a bad date). */
export function toLocalInput(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `YYYY-MM-DDTHH:mm` local → ISO instant ('' when empty or unreadable). */
export function fromLocalInput(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** A blank event: on sale in an hour, starting in 30 days, one tier. */
export function emptyDraft(now = Date.now()): EventDraft {
  const hour = 3_600_000;
  return {
    id: '',
    name: '',
    description: '',
    venueName: '',
    startsAt: toLocalInput(Math.ceil((now + 30 * 24 * hour) / hour) * hour),
    onSaleAt: toLocalInput(Math.ceil((now + hour) / hour) * hour),
    currency: 'USD',
    holdMinutes: 10,
    maxPerBuyer: 8,
    tiers: [{ id: 'standard', name: 'Standard', price: '50' }],
    sections: [],
  };
}

/** The venue sections of a published event, in the definition's shape (no computed fields). */
function sectionInput(section: EventDetail['sections'][number]): SectionInput {
  const { id, name, tierId, x, y, width, height } = section;
  const layout = Object.fromEntries(
    Object.entries({ x, y, width, height }).filter(([, v]) => v !== undefined),
  );
  return section.kind === 'ga'
    ? { id, name, kind: 'ga', tierId, capacity: section.capacity, ...layout }
    : { id, name, kind: 'seated', tierId, rows: section.rows ?? [], ...layout };
}

/** A draft of an existing event, for editing. */
export function draftFromEvent(event: EventDetail): EventDraft {
  return {
    id: event.id,
    name: event.name,
    description: event.description ?? '',
    venueName: event.venueName,
    startsAt: toLocalInput(event.startsAt),
    onSaleAt: toLocalInput(event.onSaleAt),
    currency: event.currency,
    holdMinutes: event.holdMinutes,
    maxPerBuyer: event.maxPerBuyer,
    tiers: event.tiers.map((t) => ({ id: t.id, name: t.name, price: String(t.priceCents / 100) })),
    sections: event.sections.map(sectionInput),
  };
}

/** "85.5" → 8550; NaN for anything that is not an amount. */
export function priceCents(price: string): number {
  const value = price.trim().replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : Number.NaN;
}

/** Adds a tier for each id the venue uses but the draft lacks (named after the id, no price). */
export function withTiersFor(
  tiers: TierDraft[],
  ids: string[],
  imported: Tier[] = [],
): TierDraft[] {
  const known = new Set(tiers.map((t) => t.id));
  const added = ids
    .filter((id) => !known.has(id))
    .map((id) => {
      const from = imported.find((t) => t.id === id);
      return from
        ? { id, name: from.name, price: String(from.priceCents / 100) }
        : { id, name: id, price: '' };
    });
  return [...tiers, ...added];
}

/**
 * The request body for the draft. Throws a readable error for what only the form can know
 * (a price that is not an amount, a missing date); the origin checks the rest.
 */
export function definitionOf(draft: EventDraft): EventDefinitionInput {
  const tiers = draft.tiers.map((t) => {
    const cents = priceCents(t.price);
    if (Number.isNaN(cents)) throw new Error(`Price of tier "${t.name || t.id}" is not an amount`);
    return { id: t.id.trim(), name: t.name.trim(), priceCents: cents };
  });
  const startsAt = fromLocalInput(draft.startsAt);
  const onSaleAt = fromLocalInput(draft.onSaleAt);
  if (!startsAt || !onSaleAt) throw new Error('Set both the start and the on-sale time');
  if (draft.sections.length === 0) throw new Error('Add a venue map: a file or the generator');
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    description: draft.description,
    venueName: draft.venueName.trim(),
    startsAt,
    onSaleAt,
    currency: draft.currency.trim().toUpperCase(),
    holdMinutes: draft.holdMinutes,
    maxPerBuyer: draft.maxPerBuyer,
    tiers,
    sections: draft.sections,
  };
}
