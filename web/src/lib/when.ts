/**
 * A date and time as the reader's browser writes them; an unparsable value as it is.
 *
 * @example formatWhen('2030-05-01T19:30:00Z') // 'May 1, 2030, 9:30 PM' (en, UTC+2)
 */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
