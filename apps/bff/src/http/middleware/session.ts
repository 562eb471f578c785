import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../../actions/operation-deps.ts';
import type { Database } from '../../store/database.ts';
import {
  deleteSession,
  findApiTokenSession,
  findSession,
  hashToken,
  isSecret,
  SESSION_ABSOLUTE_MS,
} from '../../store/sessions.ts';
import { Unauthorized } from '../../errors.ts';

/**
 * `__Host-` prefix: Secure, Path=/, no Domain, so no other host or path can set or read it
 * (SEC-01). Browsers treat 127.0.0.1 and localhost as secure, so it works without TLS there.
 */
export const SESSION_COOKIE = '__Host-lifeboat_sid';

/** The session cookie; it lasts as long as the session may (longer for a kiosk's). */
export function setSessionCookie(res: Response, token: string, maxAgeMs = SESSION_ABSOLUTE_MS) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeMs,
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

/** A new sign-in ends the session this browser had, whoever it belonged to. */
export async function endBrowserSession(db: Database, req: Request): Promise<void> {
  const previous = readCookie(req, SESSION_COOKIE);
  // Deleted by its hash as it stands: no need to load (and touch) it first.
  if (previous && isSecret(previous)) await deleteSession(db, hashToken(previous));
}

/**
 * Loads the session named by the cookie, or the API token named by `Authorization: Bearer` (which
 * then decides alone: a cookie beside it is not read); 401 when there is none or it ended.
 */
export function requireSession(db: Database, log: Logger) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      const secret = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
      const use = { method: req.method, path: req.originalUrl.split('?')[0]!, requestId: req.id };
      const session = isSecret(secret) ? await findApiTokenSession(db, secret, use, log) : null;
      if (!session) throw new Unauthorized('The API token is not valid: it is unknown, expired or revoked.');
      req.session = session;
      return next();
    }
    const token = readCookie(req, SESSION_COOKIE);
    const session = token && isSecret(token) ? await findSession(db, token, log) : null;
    if (!session) throw new Unauthorized();
    req.session = session;
    next();
  };
}

/** The signed-in user as the actor of a use case (after requireSession). */
export const actorOf = (req: Request): Actor => ({
  username: req.session!.username,
  roles: req.session!.roles,
  requestId: req.id,
});
