/**
 * Identifier rules from docs/contracts.md, stated once. Seat ids are
 * `${sectionId}:${row}:${number}` (e.g. `floor-a:C:12`); general-admission units use the row
 * `GA` (e.g. `standing:GA:17`).
 */

/** Event id, e.g. `demo-arena`. */
export const EVENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Section id, e.g. `floor-a`. */
export const SECTION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Row label, e.g. `C` or `AA`. */
export const ROW_LABEL_PATTERN = /^[A-Z0-9]{1,4}$/;
/** The row label of general-admission units. */
export const GA_ROW = 'GA';

/** The parts of a seat id. */
export interface SeatRef {
  sectionId: string;
  row: string;
  number: number;
}

export const isEventId = (value: string): boolean => EVENT_ID_PATTERN.test(value);
export const isSectionId = (value: string): boolean => SECTION_ID_PATTERN.test(value);
export const isRowLabel = (value: string): boolean => ROW_LABEL_PATTERN.test(value);
export const isSeatNumber = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/**
 * Builds a seat id. Throws a RangeError on parts that break the contract, because a bad id
 * here is a programming error, not user input.
 * @example seatId('floor-a', 'C', 12) === 'floor-a:C:12'
 */
export function seatId(sectionId: string, row: string, number: number): string {
  if (!isSectionId(sectionId) || !isRowLabel(row) || !isSeatNumber(number)) {
    throw new RangeError(`invalid seat: ${sectionId}:${row}:${number}`);
  }
  return `${sectionId}:${row}:${number}`;
}

/** The id of general-admission unit `n` of a section. @example gaUnitId('standing', 3) === 'standing:GA:3' */
export function gaUnitId(sectionId: string, n: number): string {
  return seatId(sectionId, GA_ROW, n);
}

/**
 * Parses a seat id (user input) into its parts, or null when it breaks the contract.
 * Only the canonical form parses (`floor-a:C:012` does not), so one seat has one id.
 * @example parseSeatId('floor-a:C:12') // { sectionId: 'floor-a', row: 'C', number: 12 }
 */
export function parseSeatId(id: string): SeatRef | null {
  if (typeof id !== 'string' || id.length > 48) return null;
  const parts = id.split(':');
  if (parts.length !== 3) return null;
  const [sectionId, row, digits] = parts;
  if (!isSectionId(sectionId) || !isRowLabel(row) || !/^[1-9]\d{0,8}$/.test(digits)) return null;
  return { sectionId, row, number: Number(digits) };
}

/** True when the id names a general-admission unit. */
export function isGaUnitId(id: string): boolean {
  return parseSeatId(id)?.row === GA_ROW;
}
