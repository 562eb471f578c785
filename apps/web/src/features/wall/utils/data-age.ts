import type { SourceStatus } from '@lifeboat/shared';
import { formatDuration, secondsBetween } from '../../../lib/format.ts';

/** When the data on a tile was true, and how old it is now. */
export interface DataAge {
  /** ISO instant (server clock). */
  asOf: string;
  ageSeconds: number;
}

/**
 * How old data is now, measured on the server's clock (the answer's `asOf` minus the data's)
 * plus the time since the answer arrived, so that a wrong clock in the browser does not matter.
 */
export function ageNow(dataAsOf: string, answerAsOf: string, receivedAt: number, now: number): number {
  const atAnswer = secondsBetween(dataAsOf, answerAsOf) ?? 0;
  return Math.max(0, atAnswer) + Math.max(0, (now - receivedAt) / 1000);
}

/**
 * The age of an answer built from several sources: as old as its oldest source's data (a summary
 * is only as fresh as its stalest part); the answer's own time when no source has data.
 */
export function answerAge(
  answer: { asOf: string; sources: readonly SourceStatus[] },
  receivedAt: number,
  now: number,
): DataAge {
  let oldest: string | null = null;
  for (const source of answer.sources) {
    if (source.status === 'disabled' || source.asOf === null) continue;
    if (oldest === null || Date.parse(source.asOf) < Date.parse(oldest)) oldest = source.asOf;
  }
  const asOf = oldest ?? answer.asOf;
  return { asOf, ageSeconds: ageNow(asOf, answer.asOf, receivedAt, now) };
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** A wall-clock time in the display's time zone, 24-hour: "14:03:07" (the room's own zone). */
export function wallClock(time: string | number): string {
  return clock.format(new Date(time));
}

const zone = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' });

/** The display's time zone, as its clock is read: "CET", "UTC", "GMT+5:30". */
export function zoneName(time: number): string {
  return zone.formatToParts(new Date(time)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Half a day old: the time alone could be read as today's. */
const SHOW_DAY_AFTER_SECONDS = 12 * 3_600;

/** When and how long ago: "14:03:07, 12 s ago"; with the day once it is half a day old: "23 Nov 14:03:07, 20 h 5 min ago". */
export function whenText(age: DataAge): string {
  const clockTime =
    age.ageSeconds >= SHOW_DAY_AFTER_SECONDS
      ? `${day.format(new Date(age.asOf))} ${wallClock(age.asOf)}`
      : wallClock(age.asOf);
  return `${clockTime}, ${formatDuration(age.ageSeconds) ?? '0 s'} ago`;
}

/** The age of a tile's data: "as of 14:03:07, 12 s ago". */
export function ageText(age: DataAge): string {
  return `as of ${whenText(age)}`;
}
