/** How a wall is set up, from its kiosk link: `/wall?rotate=20&hideNames=1#k=<token>`. */
export interface WallOptions {
  /** Seconds each panel stays on screen. */
  rotateSeconds: number;
  /** Show counts and states only: no tenant, VM or plan names. */
  hideNames: boolean;
}

export const DEFAULT_ROTATE_SECONDS = 15;
/** Shorter than this, nobody across the room can read a panel before it changes. */
export const MIN_ROTATE_SECONDS = 5;
/** Longer than an hour, the other panels would effectively never be seen. */
export const MAX_ROTATE_SECONDS = 3_600;

const YES = new Set(['1', 'true', 'yes', 'on', '']);

/** Reads the options from the query string; a value that cannot be read falls back to the default. */
export function parseWallOptions(search: string): WallOptions {
  const params = new URLSearchParams(search);
  const rotate = Number(params.get('rotate'));
  const rotateSeconds =
    params.get('rotate') && Number.isFinite(rotate)
      ? Math.min(MAX_ROTATE_SECONDS, Math.max(MIN_ROTATE_SECONDS, Math.round(rotate)))
      : DEFAULT_ROTATE_SECONDS;
  const hideNames = params.has('hideNames') && YES.has((params.get('hideNames') ?? '').toLowerCase());
  return { rotateSeconds, hideNames };
}

/**
 * The kiosk token from the fragment (`#k=<token>`), or null. It stays in the fragment (never sent
 * to a server, nor in a Referer) so that the wall can sign in again after a reload or a 401.
 */
export function readKioskToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('k');
  return token ? token : null;
}
