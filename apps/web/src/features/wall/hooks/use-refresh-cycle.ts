import { useEffect, useRef } from 'react';
import { msUntilCycle, nextCycle } from '../utils/schedule.ts';

/**
 * Calls `refresh` at `startedAt + n * periodMs` while `enabled`: on the same beat as the countdown
 * the wall shows (see `secondsToNextRefresh`), however late a timer fires.
 */
export function useRefreshCycle(
  startedAt: number,
  periodMs: number,
  enabled: boolean,
  refresh: () => void,
): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (cycle: number) => {
      timer = setTimeout(
        () => {
          latest.current();
          // After a late timer (a sleeping machine), skip the cycles missed rather than catch up.
          schedule(Math.max(cycle + 1, nextCycle(startedAt, Date.now(), periodMs)));
        },
        msUntilCycle(startedAt, Date.now(), periodMs, cycle),
      );
    };
    schedule(nextCycle(startedAt, Date.now(), periodMs));
    return () => clearTimeout(timer);
  }, [enabled, startedAt, periodMs]);
}
