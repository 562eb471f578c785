import type { API_TOKEN_MAX_DAYS as MaxDays } from '@lifeboat/shared';

// The contract's limit, checked against @lifeboat/shared by the compiler (type-only import).
export const API_TOKEN_MAX_DAYS: typeof MaxDays = 366;

/** How long a new token lives unless the admin picks another day. */
export const DEFAULT_DAYS = 90;

/** The local day `days` after `now`'s, as a date input's value (YYYY-MM-DD). */
export function dayAfter(now: Date, days: number): string {
  // Built from the local calendar, so a daylight-saving change in between shifts no day.
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The days a token may expire on: tomorrow up to API_TOKEN_MAX_DAYS from today. */
export const expiryBounds = (now: Date) => ({
  min: dayAfter(now, 1),
  max: dayAfter(now, API_TOKEN_MAX_DAYS),
});

/**
 * The date input's value as the expiry's ISO time, or why it cannot be the expiry. A token stops at
 * the start of the chosen day (local time): the latest day then stays within the server's limit,
 * which counts from the moment of the request.
 */
export function parseExpiryDate(value: string, now: Date): { iso: string } | { problem: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { problem: 'Enter the expiry date.' };
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const at = new Date(year, month - 1, day);
  // A day the calendar lacks (2027-02-30) rolls over into another: refused, not moved.
  if (dayAfter(at, 0) !== value) return { problem: 'Enter the expiry date.' };
  const { min, max } = expiryBounds(now);
  // Same-length YYYY-MM-DD strings compare as the days they name.
  if (value < min) return { problem: 'The expiry must be a day after today.' };
  if (value > max)
    return { problem: `A token lives at most ${API_TOKEN_MAX_DAYS} days: pick a day up to ${max}.` };
  return { iso: at.toISOString() };
}
