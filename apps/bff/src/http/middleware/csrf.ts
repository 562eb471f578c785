import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER } from '@lifeboat/shared';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError, Forbidden } from '../../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const parseJson = express.json({ limit: '16kb', strict: true, type: 'application/json' });

/**
 * Reads the JSON body of a state-changing request, and refuses any other kind: a cross-site form
 * cannot send JSON (SEC-03 d). A safe method's body is never read, so it costs nothing there.
 */
export function readJsonBody(req: Request, res: Response, next: NextFunction) {
  if (SAFE.has(req.method)) return next();
  if (!req.is('application/json')) {
    throw new DomainError('unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
  }
  parseJson(req, res, next);
}

/**
 * The request must come from our own origin. Browsers always send Origin or Sec-Fetch-Site on a
 * POST; `allowAbsent` lets non-browser clients (curl, scripts) sign in, since a forged sign-in
 * needs a browser and a browser would have sent them.
 */
export function requireSameOrigin(publicOrigin: string | null, allowAbsent: boolean) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (site !== undefined && site !== 'same-origin')
      throw new Forbidden('Cross-site request refused.', 'csrf_failed');
    const expected = publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== undefined && origin !== expected)
      throw new Forbidden('Cross-origin request refused.', 'csrf_failed');
    if (!allowAbsent && site === undefined && origin === undefined) {
      throw new Forbidden('Request refused: no Origin header.', 'csrf_failed');
    }
    next();
  };
}

/** The synchronizer token of the session must come back in X-CSRF-Token (SEC-03 c). */
export function requireCsrfToken(req: Request, _res: Response, next: NextFunction) {
  if (SAFE.has(req.method)) return next();
  const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(req.session?.csrfToken ?? '');
  if (expected.length === 0 || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw new Forbidden('Missing or wrong CSRF token; reload the page.', 'csrf_failed');
  }
  next();
}

/**
 * Skips a CSRF check for a request made with an API token: a browser never attaches an
 * Authorization header on its own, so a forged cross-site request cannot carry one.
 */
export function unlessApiToken(check: RequestHandler): RequestHandler {
  return (req, res, next) => (req.session?.apiTokenId ? next() : check(req, res, next));
}
