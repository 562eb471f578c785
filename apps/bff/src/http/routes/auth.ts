import { LoginRequest, type SessionInfo } from '@lifeboat/shared';
import { Router, type Request, type RequestHandler } from 'express';
import { auditThrottledSignIn, signIn, type ClientContext } from '../../actions/sign-in.ts';
import { signOut } from '../../actions/sign-out.ts';
import type { Database } from '../../store/database.ts';
import { DomainError } from '../../errors.ts';
import { requireCsrfToken } from '../middleware/csrf.ts';
import type { LoginRateLimit } from '../middleware/login-rate-limit.ts';
import { deleteSession, findSession } from '../../store/sessions.ts';
import {
  clearSessionCookie,
  readCookie,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
} from '../middleware/session.ts';

export function authRoutes(
  db: Database,
  limiter: LoginRateLimit,
  sameOrigin: (allowAbsent: boolean) => RequestHandler,
) {
  const r = Router();

  r.post('/login', sameOrigin(true), async (req, res) => {
    const { username, password } = LoginRequest.parse(req.body);
    const client = clientOf(req);
    const { ip } = client;
    const refused = limiter.refusal(username, ip);
    if (refused) {
      if (refused.firstRefusal)
        await auditThrottledSignIn(db, username, refused.error.retryAfterSeconds, client);
      throw refused.error;
    }
    try {
      const { token, csrfToken, user } = await signIn(db, username, password, client);
      // A new sign-in ends the session this browser had, whoever it belonged to.
      const previous = readCookie(req, SESSION_COOKIE);
      const old = previous && /^[A-Za-z0-9_-]{43}$/.test(previous) ? await findSession(db, previous) : null;
      if (old) await deleteSession(db, old.idHash);
      limiter.succeed(username, ip);
      setSessionCookie(res, token);
      res.json({ user, csrfToken } satisfies SessionInfo);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthorized') limiter.fail(username, ip);
      throw err;
    }
  });

  r.post('/logout', sameOrigin(false), requireSession(db), requireCsrfToken, async (req, res) => {
    await signOut(db, req.session!, clientOf(req));
    clearSessionCookie(res);
    res.status(204).end();
  });

  r.get('/me', requireSession(db), (req, res) => {
    const s = req.session!;
    res.json({
      user: { username: s.username, roles: s.roles },
      csrfToken: s.csrfToken,
    } satisfies SessionInfo);
  });

  return r;
}

function clientOf(req: Request): ClientContext {
  return { requestId: req.id, ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? null };
}
