import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../../store/database.ts';
import { findSession, SESSION_ABSOLUTE_MS } from '../../store/sessions.ts';
import { Unauthorized } from '../../errors.ts';

/**
 * `__Host-` prefix: Secure, Path=/, no Domain, so no other host or path can set or read it
 * (SEC-01). Browsers treat 127.0.0.1 and localhost as secure, so it works without TLS there.
 */
export const SESSION_COOKIE = '__Host-lifeboat_sid';

export function setSessionCookie(res: Response, token: string) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS,
  });
}

export function clearSessionCookie(res: Response) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Loads the session named by the cookie; 401 when there is none or it expired. */
export function requireSession(db: Database) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token && /^[A-Za-z0-9_-]{43}$/.test(token) ? await findSession(db, token) : null;
    if (!session) throw new Unauthorized();
    req.session = session;
    next();
  };
}
