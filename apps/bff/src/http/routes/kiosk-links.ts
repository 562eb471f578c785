import { CreateKioskLinkRequest, KioskSignInRequest, type SessionInfo } from '@lifeboat/shared';
import { type IRouter, type RequestHandler } from 'express';
import { z } from 'zod';
import { createKioskLink } from '../../actions/create-kiosk-link.ts';
import { auditThrottledKioskSignIn, kioskSignIn } from '../../actions/kiosk-sign-in.ts';
import { listKioskLinks } from '../../actions/list-kiosk-links.ts';
import { revokeKioskLink } from '../../actions/revoke-kiosk-link.ts';
import { DomainError, NotFound, TooManyRequests } from '../../errors.ts';
import type { Database } from '../../store/database.ts';
import type { LoginRateLimit } from '../middleware/login-rate-limit.ts';
import { requireRole } from '../middleware/require-role.ts';
import { actorOf, endBrowserSession, setSessionCookie } from '../middleware/session.ts';
import { clientOf } from './auth.ts';

/** The rate limiter's "account" for kiosk sign-ins: one per address, whatever the token. */
const KIOSK_ATTEMPTS = 'kiosk link';
const LinkId = z.uuid();

/**
 * `POST /auth/kiosk`: a wall display signs in with its kiosk link's token. Public (mounted before
 * the session check), same-origin, and slowed per address after failures. It has a limiter of its
 * own, so a display retrying a revoked link never slows its room's password sign-ins.
 */
export function kioskSignInRoutes(
  r: IRouter,
  db: Database,
  limiter: LoginRateLimit,
  sameOrigin: (allowAbsent: boolean) => RequestHandler,
  policy: SessionInfo['policy'],
) {
  r.post('/auth/kiosk', sameOrigin(true), async (req, res) => {
    const { token } = KioskSignInRequest.parse(req.body);
    const client = clientOf(req);
    const refused = await limiter.refusal(KIOSK_ATTEMPTS, client.ip);
    if (refused) {
      const wait = refused.error.retryAfterSeconds;
      if (refused.firstRefusal) await auditThrottledKioskSignIn(db, wait, client);
      throw new TooManyRequests(
        `Too many failed kiosk sign-ins from this address; wait ${wait} s, then try again.`,
        wait,
      );
    }
    try {
      const opened = await kioskSignIn(db, token, client);
      await endBrowserSession(db, req);
      await limiter.succeed(KIOSK_ATTEMPTS, client.ip);
      setSessionCookie(res, opened.token, opened.expiresAt.getTime() - Date.now());
      res.json({ user: opened.user, csrfToken: opened.csrfToken, policy } satisfies SessionInfo);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthorized')
        await limiter.fail(KIOSK_ATTEMPTS, client.ip);
      throw err;
    }
  });
}

/** Kiosk links, for admins only: list, create (the token is answered once), revoke. */
export function kioskLinkRoutes(r: IRouter, db: Database) {
  r.get('/kiosk-links', requireRole('admin'), async (_req, res) => {
    res.json(await listKioskLinks(db));
  });
  r.post('/kiosk-links', requireRole('admin'), async (req, res) => {
    const request = CreateKioskLinkRequest.parse(req.body);
    res.status(201).json(await createKioskLink(db, request, actorOf(req)));
  });
  r.post('/kiosk-links/:id/revoke', requireRole('admin'), async (req, res) => {
    const id = LinkId.safeParse(req.params.id);
    if (!id.success) throw new NotFound(`There is no kiosk link ${String(req.params.id)}.`);
    res.json(await revokeKioskLink(db, id.data, actorOf(req)));
  });
}
