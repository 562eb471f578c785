/** A new build reloads the wall at most this often, so a half-finished rollout cannot loop it. */
export const MIN_RELOAD_GAP_MS = 60_000;

/**
 * Whether to reload now for a new build, given when the wall last did so (null: never). A clock
 * set back counts by its distance too, so a wrong clock cannot block reloads for long.
 */
export function shouldReload(lastReloadAt: number | null, now: number): boolean {
  return lastReloadAt === null || Math.abs(now - lastReloadAt) >= MIN_RELOAD_GAP_MS;
}
