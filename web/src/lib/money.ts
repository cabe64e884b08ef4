/**
 * Money for people: "€85", "€85.50". Whole amounts drop the cents so seat labels stay short
 * ("Section Floor A, row C, seat 12, €85").
 */
export function formatMoney(cents: number, currency = 'EUR', locale = 'en-IE'): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}

/** "Sat 14 Jun, 20:00" in the buyer's locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
