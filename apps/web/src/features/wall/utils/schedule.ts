/**
 * The wall's clockwork, measured from the moment it started so that a timer firing late never
 * shifts what is shown: which panel is on screen, and when the next refresh is due.
 */

/** The panel on screen at `now`: each stays `periodMs`, then the next, round and round. */
export function panelIndex(startedAt: number, now: number, periodMs: number, count: number): number {
  if (count <= 0 || periodMs <= 0) return 0;
  return Math.floor(Math.max(0, now - startedAt) / periodMs) % count;
}

/** The first refresh cycle due after `now` (cycle n is due at `startedAt + n * periodMs`). */
export function nextCycle(startedAt: number, now: number, periodMs: number): number {
  return Math.floor(Math.max(0, now - startedAt) / periodMs) + 1;
}

/** Milliseconds from `now` until refresh cycle `cycle` is due. */
export function msUntilCycle(startedAt: number, now: number, periodMs: number, cycle: number): number {
  return Math.max(0, startedAt + cycle * periodMs - now);
}

/** Whole seconds until the next refresh, for "Next refresh in 9 s" (1 to the period, never 0). */
export function secondsToNextRefresh(startedAt: number, now: number, periodMs: number): number {
  const intoCycle = Math.max(0, now - startedAt) % periodMs;
  return Math.max(1, Math.ceil((periodMs - intoCycle) / 1000));
}
