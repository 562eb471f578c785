import { useEffect } from 'react';
import { newBuildDeployed } from '../../../lib/api-client.ts';
import { shouldReload } from '../utils/reload.ts';

/** Kept across the reload (same tab), so the wall knows when it last reloaded itself. */
const RELOADED_AT_KEY = 'lifeboat.wall.reloadedAt';

function lastReloadAt(): number | null {
  try {
    const value = Number(sessionStorage.getItem(RELOADED_AT_KEY));
    return value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * An unattended screen must not run an old build for weeks: once the server names a newer build,
 * the wall reloads itself, at most once a minute. Checked on every tick of `now`.
 */
export function useReloadOnNewBuild(now: number): void {
  useEffect(() => {
    if (!newBuildDeployed() || !shouldReload(lastReloadAt(), now)) return;
    try {
      sessionStorage.setItem(RELOADED_AT_KEY, String(now));
    } catch {
      // No storage (a locked-down kiosk browser): the once-a-minute limit cannot hold across reloads.
      return;
    }
    location.reload();
  }, [now]);
}
