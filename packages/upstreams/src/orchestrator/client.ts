import type { ActionReceipt, SourceSettings } from '../connector.ts';
import { AuthSession } from '../http/auth-session.ts';
import { parseUpstreamJson } from '../http/json.ts';
import type { Transport, UpstreamResponse } from '../http/transport.ts';
import { transportFor } from '../http/transport-for.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { RawErrorBody, RawOAuthError, RawToken } from './raw-schemas.ts';
import { routes, type RoutePath } from './routes.ts';

/** The bearer pair the token endpoint hands out; the refresh token rotates on every refresh. */
interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** ms since epoch; null when the upstream did not say, or said too short a time to renew ahead of. */
  expiresAt: number | null;
}

const NAME = 'Recovery Orchestrator';
/** How much of an action's answer the receipt quotes. */
const EXCERPT_CHARS = 2_000;
const JSON_NAME = 'the Orchestrator';

/** Below this lifetime, renewing ahead of expiry would renew on every call; the 401 retry covers it. */
const MIN_TRUSTED_LIFETIME_S = 60;

/**
 * Orchestrator transport and auth: OAuth password grant at `POST /api/token`, bearer tokens on
 * every call, the refresh grant to renew (the refresh token rotates), and a full logon when the
 * refresh is refused; all on the shared auth lifecycle (one renewal for all callers, one retry
 * after a 401, logon backoff). Only paths from `routes.ts` are requested.
 */
export class OrchestratorClient {
  private readonly transport: Transport;
  private readonly auth: AuthSession<Tokens>;

  constructor(settings: SourceSettings) {
    this.transport = transportFor(settings);
    this.auth = new AuthSession<Tokens>(
      {
        logon: (signal) =>
          this.token(
            { grant_type: 'password', username: settings.username, password: settings.password },
            'logon',
            signal,
          ),
        renew: (t, signal) =>
          t.refreshToken === null
            ? Promise.resolve(null)
            : this.token(
                { grant_type: 'refresh_token', refresh_token: t.refreshToken },
                'token refresh',
                signal,
              ),
        // VRO 7+ documents no logout: tokens are left to expire (access 15 min, refresh 120 min).
        headers: bearer,
        expiresAt: (t) => t.expiresAt,
      },
      { upstream: NAME, logonBackoffMs: settings.timing?.logonBackoffMs ?? 30_000 },
    );
  }

  /** GETs a route and returns its parsed JSON (not yet validated); errors are UpstreamErrors. */
  async getJson(path: RoutePath, signal?: AbortSignal): Promise<unknown> {
    const res = await this.auth.send(this.transport, {
      method: 'GET',
      path,
      headers: { Accept: 'application/json' },
      signal,
    });
    // Veeam documents no error body for this API, so the status is all there is to say.
    if (res.status === 404) throw new UpstreamError('not_found', `${NAME} has no ${path} (404)`, 404);
    if (res.status !== 200)
      throw new UpstreamError('http_status', `${NAME} answered ${res.status} to GET ${path}`, res.status);
    return parseUpstreamJson(res.text, JSON_NAME);
  }

  /**
   * POSTs one plan action, exactly once. The token is acquired first (a logon or refresh may
   * happen then, before the action), and the action goes straight to the transport, which never
   * retries a POST; not through `AuthSession.send`, which would resend it after a 401. So a 401
   * here is `auth_failed` and nothing is sent again; any other non-2xx is the upstream's refusal
   * (`http_status`, with its status and message). A lost answer (timeout, reset) is the
   * transport's error, without a status: whether the action started is then unknown.
   */
  async sendAction(path: RoutePath, body: unknown, signal?: AbortSignal): Promise<ActionReceipt> {
    const tokens = await this.auth.acquire(signal);
    const res = await this.transport.send({
      method: 'POST',
      path,
      headers: {
        ...bearer(tokens),
        Accept: 'application/json',
        ...(body === undefined ? { 'Content-Length': '0' } : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
    if (res.status === 401) {
      this.auth.forget(tokens);
      throw new UpstreamError(
        'auth_failed',
        `${NAME} refused the session for the action (401); the action was not sent again`,
        401,
      );
    }
    if (res.status < 200 || res.status > 299)
      throw new UpstreamError(
        'http_status',
        `${NAME} refused the action: ${vroMessage(res) ?? `HTTP ${res.status}`}`,
        res.status,
      );
    // VRO answers an accepted action 200 without a body, and names no run to follow.
    return { status: res.status, excerpt: res.text.slice(0, EXCERPT_CHARS), correlation: null };
  }

  private async token(form: Record<string, string>, what: string, signal?: AbortSignal): Promise<Tokens> {
    const res = await this.transport.send({
      method: 'POST',
      path: routes.token,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal,
    });
    // OAuth answers a refused grant with 400 (invalid_grant); 401 and 403 are read the same, so a
    // refused account is never retried in a loop. A refused refresh makes AuthSession log on again.
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new UpstreamError(
        'auth_failed',
        `${NAME} refused the ${what} (${res.status}${oauthReason(res)})`,
        res.status,
      );
    }
    if (res.status !== 200)
      throw new UpstreamError('http_status', `${NAME} ${what} answered ${res.status}`, res.status);
    const parsed = RawToken.safeParse(parseUpstreamJson(res.text, JSON_NAME));
    if (!parsed.success)
      throw new UpstreamError(
        'malformed_response',
        `response malformed: ${NAME} ${what} sent no access token`,
      );
    const t = parsed.data;
    const lifetime = t.expires_in;
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? null,
      expiresAt:
        lifetime !== undefined && lifetime >= MIN_TRUSTED_LIFETIME_S ? Date.now() + lifetime * 1000 : null,
    };
  }

  /** Forgets the tokens and releases sockets. */
  async close(): Promise<void> {
    await this.auth.close();
    await this.transport.close();
  }
}

const bearer = (t: Tokens) => ({ Authorization: `Bearer ${t.accessToken}` });

/**
 * The `message` of an ASP.NET error body (`{"message": "…"}`), bounded; undefined when the body is
 * not one (Veeam documents no error body for this API, so nothing else is assumed).
 */
function vroMessage(res: UpstreamResponse): string | undefined {
  try {
    const body = RawErrorBody.safeParse(parseUpstreamJson(res.text, JSON_NAME));
    const message = body.success ? body.data.message.trim() : '';
    return message ? message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/** `: invalid_grant, The user name or password is incorrect.` from an OAuth error body, if it is one. */
function oauthReason(res: UpstreamResponse): string {
  try {
    const body = RawOAuthError.safeParse(parseUpstreamJson(res.text, JSON_NAME));
    if (!body.success) return '';
    const words = [body.data.error, body.data.error_description].filter(Boolean).join(', ');
    return words ? `: ${words.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}
