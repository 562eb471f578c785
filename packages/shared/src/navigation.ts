/**
 * Where to go after signing in: only a path on this site (never `//host`, `/\host` or a scheme),
 * and never back to the sign-in page itself. The web app follows it; the BFF checks the `next` it
 * is given to carry through a single sign-on. Its own entry point (`@lifeboat/shared/navigation`):
 * the web app imports nothing else of this package but types, so no schema (zod) reaches the
 * browser, where the strict CSP refuses the eval that zod tries.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if ([...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return fallback;
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in/')) return fallback;
  return next;
}
