import { LoginRequest, type SessionInfo } from '@lifeboat/shared';
import { Router, type RequestHandler } from 'express';
import { signIn } from '../../actions/sign-in.ts';
import type { Database } from '../../store/database.ts';
import { deleteSession } from '../../store/sessions.ts';
import { DomainError } from '../../errors.ts';
import { requireCsrfToken } from '../middleware/csrf.ts';
import type { LoginRateLimit } from '../middleware/login-rate-limit.ts';
import { clearSessionCookie, requireSession, setSessionCookie } from '../middleware/session.ts';

export function authRoutes(
  db: Database,
  limiter: LoginRateLimit,
  sameOrigin: (allowAbsent: boolean) => RequestHandler,
) {
  const r = Router();

  r.post('/login', sameOrigin(true), async (req, res) => {
    const { username, password } = LoginRequest.parse(req.body);
    const ip = req.ip ?? 'unknown';
    limiter.check(username, ip);
    try {
      const { token, csrfToken, user } = await signIn(db, username, password);
      limiter.succeed(username, ip);
      setSessionCookie(res, token);
      res.json({ user, csrfToken } satisfies SessionInfo);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthorized') limiter.fail(username, ip);
      throw err;
    }
  });

  r.post('/logout', sameOrigin(false), requireSession(db), requireCsrfToken, async (req, res) => {
    await deleteSession(db, req.session!.idHash);
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
