// Date-times as the Service Provider Console writes them: local time with its UTC offset and seven
// fraction digits (.NET's "o" format), e.g. 2024-07-18T03:48:09.7630000+02:00.

/**
 * The simulated console's time zone. Not UTC on purpose, like the documentation's examples: a client
 * that drops the offset reads every time two hours off, and the tests notice.
 */
export const VSPC_UTC_OFFSET_MINUTES = 120;

export function vspcDateTime(ms: number): string {
  const local = new Date(ms + VSPC_UTC_OFFSET_MINUTES * 60_000).toISOString(); // yyyy-mm-ddThh:mm:ss.fffZ
  const sign = VSPC_UTC_OFFSET_MINUTES < 0 ? '-' : '+';
  const offset = Math.abs(VSPC_UTC_OFFSET_MINUTES);
  const hours = String(Math.floor(offset / 60)).padStart(2, '0');
  const minutes = String(offset % 60).padStart(2, '0');
  return `${local.slice(0, 23)}0000${sign}${hours}:${minutes}`;
}
