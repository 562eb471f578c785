import { LoginRequest, type SessionInfo } from '@lifeboat/shared';
import { type IRouter, type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { auditThrottledSignIn, signIn, type ClientContext } from '../../actions/sign-in.ts';
import { signOut } from '../../actions/sign-out.ts';
import type { Database } from '../../store/database.ts';
import { DomainError, Forbidden } from '../../errors.ts';
import { requireCsrfToken } from '../middleware/csrf.ts';
import type { LoginRateLimit } from '../middleware/login-rate-limit.ts';
import {
  clearSessionCookie,
  endBrowserSession,
  requireSession,
  setSessionCookie,
} from '../middleware/session.ts';

export function authRoutes(
  r: IRouter,
  db: Database,
  log: Logger,
  limiter: LoginRateLimit,
  sameOrigin: (allowAbsent: boolean) => RequestHandler,
  policy: SessionInfo['policy'],
  passwords: boolean,
) {
  r.post('/auth/login', sameOrigin(true), async (req, res) => {
    if (!passwords)
      throw new Forbidden('Signing in with a password is switched off here: use single sign-on.');
    const { username, password } = LoginRequest.parse(req.body);
    const client = clientOf(req);
    const { ip } = client;
    const refused = await limiter.refusal(username, ip);
    if (refused) {
      if (refused.firstRefusal)
        await auditThrottledSignIn(db, username, refused.error.retryAfterSeconds, client);
      throw refused.error;
    }
    try {
      const { token, csrfToken, user } = await signIn(db, username, password, client);
      await endBrowserSession(db, req);
      await limiter.succeed(username, ip);
      setSessionCookie(res, token);
      res.json({ user, csrfToken, policy } satisfies SessionInfo);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthorized') await limiter.fail(username, ip);
      throw err;
    }
  });

  r.post('/auth/logout', sameOrigin(false), requireSession(db, log), requireCsrfToken, async (req, res) => {
    await signOut(db, req.session!, clientOf(req));
    clearSessionCookie(res);
    res.status(204).end();
  });

  r.get('/auth/me', requireSession(db, log), (req, res) => {
    const s = req.session!;
    res.json({
      user: { username: s.username, roles: s.roles },
      csrfToken: s.csrfToken,
      policy,
    } satisfies SessionInfo);
  });
}

/** Where the request came from, for the audit record of a sign-in or sign-out. */
export function clientOf(req: Request): ClientContext {
  return { requestId: req.id, ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? null };
}
