import { safeNextPath } from '@lifeboat/shared/navigation';

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNextPath(path, '');
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
