/**
 * Card checks the sandbox applies before charging: Luhn checksum and expiry.
 * Pure helpers, kept apart from the provider so they read (and test) on their own.
 */

/** True when `digits` (spaces and dashes ignored) is 12–19 digits with a valid Luhn checksum. */
export function isLuhnValid(number: string): boolean {
  const digits = normalizeCardNumber(number);
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Strips spaces and dashes, as buyers type them. */
export function normalizeCardNumber(number: string): string {
  return number.replace(/[\s-]/g, '');
}

/**
 * Parses `MM/YY` into the first instant after the card expires (cards are valid through the
 * end of their month, UTC). Returns null when the text is not a valid `MM/YY`.
 */
export function expiryEnd(expiry: string): number | null {
  const match = /^(\d{2})\/(\d{2})$/.exec(expiry.trim());
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(2000 + Number(match[2]), month, 1);
}
