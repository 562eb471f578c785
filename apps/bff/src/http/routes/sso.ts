import type { SignInOptions, SsoError } from '@lifeboat/shared';
import { safeNextPath } from '@lifeboat/shared/navigation';
import { type IRouter, type Request } from 'express';
import { finishSsoSignIn, startSsoSignIn } from '../../actions/sso-sign-in.ts';
import { SsoFailure, type SingleSignOn } from '../../auth/sso.ts';
import type { Database } from '../../store/database.ts';
import { NotFound } from '../../errors.ts';
import { setSessionCookie } from '../middleware/session.ts';
import { clientOf } from './auth.ts';

const CALLBACK = '/api/v1/auth/sso/callback';
/** The web app's sign-in page, which says in plain words why a single sign-on failed. */
const SIGN_IN_PAGE = '/sign-in';

/**
 * GET /auth/options (how one may sign in, before signing in), and single sign-on: GET
 * /auth/sso/start sends the browser to the identity provider, GET /auth/sso/callback takes its
 * answer, opens a session and sends the browser on to where it was going. Both answer 404 when
 * single sign-on is not set up.
 */
export function ssoRoutes(
  r: IRouter,
  db: Database,
  sso: SingleSignOn | null,
  passwords: boolean,
  publicOrigin: string | null,
) {
  const options: SignInOptions = { passwords, sso: sso ? { name: sso.settings.name } : null };
  r.get('/auth/options', (_req, res) => {
    res.json(options);
  });

  /** This server as the browser sees it: the public origin behind a proxy, else the request's. */
  const origin = (req: Request) => publicOrigin ?? `${req.protocol}://${req.get('host')}`;
  const failed = (code: SsoError, next: string) =>
    `${SIGN_IN_PAGE}?${new URLSearchParams({ sso_error: code, next }).toString()}`;

  r.get('/auth/sso/start', async (req, res) => {
    if (!sso) throw new NotFound('Single sign-on is not set up.');
    const next = safeNextPath(typeof req.query.next === 'string' ? req.query.next : null);
    try {
      const url = await startSsoSignIn(db, sso, origin(req) + CALLBACK, next);
      res.redirect(303, url.href);
    } catch (err) {
      if (!(err instanceof SsoFailure)) throw err;
      res.redirect(303, failed(err.code, next));
    }
  });

  r.get('/auth/sso/callback', async (req, res) => {
    if (!sso) throw new NotFound('Single sign-on is not set up.');
    try {
      const { token, returnTo } = await finishSsoSignIn(
        db,
        sso,
        new URL(req.originalUrl, origin(req)),
        clientOf(req),
      );
      setSessionCookie(res, token);
      res.redirect(303, returnTo);
    } catch (err) {
      if (!(err instanceof SsoFailure)) throw err;
      res.redirect(303, failed(err.code, '/'));
    }
  });
}
