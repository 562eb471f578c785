import { setTimeout as delay } from 'node:timers/promises';
import type { SourceSettings } from '../connector.ts';
import { AuthSession } from '../http/auth-session.ts';
import { parseUpstreamJson } from '../http/json.ts';
import { transportFor } from '../http/transport-for.ts';
import { headerValue, type Transport, type UpstreamResponse } from '../http/transport.ts';
import { abandoned, UpstreamError } from '../http/upstream-error.ts';
import { RawErrors, RawToken } from './raw-schemas.ts';
import { TOKEN_PATH, type RoutePath } from './routes.ts';

const UPSTREAM = 'the Service Provider Console';

/** The console answers every server error (>= 500) with this status (veeam-api.md §3.6). */
export const SERVER_ERROR_STATUS = 520;

/** A 429 naming a wait up to this long is waited out once; a longer one fails the read (RES-02). */
const MAX_RETRY_AFTER_SECONDS = 5;

interface VspcToken {
  access: string;
  /** Used once: the console answers a refresh with a new pair and voids the old refresh token. */
  refresh: string | null;
  /** ms since epoch, when the console said how long the access token lives. */
  expiresAt: number | null;
}

/**
 * Service Provider Console transport and auth: an OAuth bearer token from `POST /api/v3/token`
 * (password grant), renewed with its refresh token, on the shared auth lifecycle (one renewal for
 * every concurrent caller, one retry after a 401, logon backoff). Only `RoutePath`s are requested.
 */
export class ServiceProviderConsoleClient {
  private readonly transport: Transport;
  private readonly auth: AuthSession<VspcToken>;

  constructor(private readonly settings: SourceSettings) {
    this.transport = transportFor(settings);
    this.auth = new AuthSession<VspcToken>(
      {
        logon: (signal) => this.logon(signal),
        renew: (token, signal) => this.renew(token, signal),
        headers: (token) => ({ Authorization: `Bearer ${token.access}` }),
        expiresAt: (token) => token.expiresAt,
      },
      { upstream: 'Service Provider Console', logonBackoffMs: settings.timing?.logonBackoffMs ?? 30_000 },
    );
  }

  /** GETs a route and returns its parsed JSON body; every failure is an UpstreamError. */
  async getJson(path: RoutePath, signal?: AbortSignal): Promise<unknown> {
    let res = await this.get(path, signal);
    if (res.status === 429) {
      const wait = retryAfterSeconds(res);
      if (wait === null || wait > MAX_RETRY_AFTER_SECONDS) throw rateLimited(wait);
      await pause(wait, signal);
      res = await this.get(path, signal);
      if (res.status === 429) throw rateLimited(retryAfterSeconds(res));
    }
    if (res.status === 200) return parseUpstreamJson(res.text, UPSTREAM);
    const message = errorMessage(res);
    if (res.status === 404) throw new UpstreamError('not_found', message ?? 'not found', 404);
    if (res.status === SERVER_ERROR_STATUS) {
      throw new UpstreamError(
        'http_status',
        `Service Provider Console server error: ${message ?? 'no details given'}`,
        SERVER_ERROR_STATUS,
      );
    }
    throw new UpstreamError(
      'http_status',
      `Service Provider Console answered ${res.status}${suffix(message)}`,
      res.status,
    );
  }

  private get(path: RoutePath, signal?: AbortSignal): Promise<UpstreamResponse> {
    return this.auth.send(this.transport, {
      method: 'GET',
      path,
      headers: { Accept: 'application/json' },
      signal,
    });
  }

  private async logon(signal?: AbortSignal): Promise<VspcToken> {
    const { username, password } = this.settings;
    const res = await this.tokenRequest({ grant_type: 'password', username, password }, signal);
    // The console refuses bad credentials with 401, a bad grant with 400, a barred account with 403.
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new UpstreamError(
        'auth_failed',
        `Service Provider Console refused the logon (${res.status})${suffix(errorMessage(res))}`,
        res.status,
      );
    }
    return readToken(res, 'logon');
  }

  /** A new pair for the refresh token; a refused one is `auth_failed`, so a full logon follows. */
  private async renew(token: VspcToken, signal?: AbortSignal): Promise<VspcToken | null> {
    if (token.refresh === null) return null;
    const res = await this.tokenRequest(
      { grant_type: 'refresh_token', refresh_token: token.refresh },
      signal,
    );
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new UpstreamError(
        'auth_failed',
        `Service Provider Console refused the token refresh (${res.status})`,
        res.status,
      );
    }
    return readToken(res, 'token refresh');
  }

  private tokenRequest(form: Record<string, string>, signal?: AbortSignal): Promise<UpstreamResponse> {
    return this.transport.send({
      method: 'POST',
      path: TOKEN_PATH,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal,
    });
  }

  /**
   * Forgets the token and releases sockets. There is no logoff: revoking needs the user's id
   * (`DELETE /users/{id}/tokens`), which the token answer does not give; the token expires anyway.
   */
  async close(): Promise<void> {
    await this.auth.close();
    await this.transport.close();
  }
}

function readToken(res: UpstreamResponse, what: string): VspcToken {
  if (res.status !== 200) {
    const why = res.status === SERVER_ERROR_STATUS ? 'had a server error' : `answered ${res.status}`;
    throw new UpstreamError(
      'http_status',
      `Service Provider Console ${what} ${why}${suffix(errorMessage(res))}`,
      res.status,
    );
  }
  const token = RawToken.safeParse(parseUpstreamJson(res.text, UPSTREAM));
  if (!token.success)
    throw new UpstreamError(
      'malformed_response',
      `response malformed: the ${what} answer has no access token`,
    );
  const { access_token, refresh_token, expires_in } = token.data;
  return {
    access: access_token,
    refresh: refresh_token ?? null,
    expiresAt: expires_in ? Date.now() + expires_in * 1000 : null,
  };
}

/** The first error's message of a console error body, bounded; undefined when it is not one. */
function errorMessage(res: UpstreamResponse): string | undefined {
  try {
    const body = RawErrors.safeParse(parseUpstreamJson(res.text, UPSTREAM));
    const message = body.success ? body.data.errors[0]?.message : undefined;
    // Upstream text goes to operators: one line, bounded.
    return message ? message.replace(/\s+/g, ' ').trim().slice(0, 500) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** A 429's wait: the body's retryAfter first (the console's own), else a Retry-After header. */
function retryAfterSeconds(res: UpstreamResponse): number | null {
  try {
    const body = RawErrors.safeParse(parseUpstreamJson(res.text, UPSTREAM));
    const inBody = body.success ? body.data.errors.find((e) => e.retryAfter != null)?.retryAfter : null;
    if (inBody != null) return Math.ceil(inBody);
  } catch {
    // Not a console error body: the header may still say.
  }
  const header = headerValue(res.headers['retry-after'])?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header);
  const at = Date.parse(header); // the HTTP-date form
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

function rateLimited(wait: number | null): UpstreamError {
  const hint = wait === null ? '' : `; retry after ${wait} s`;
  return new UpstreamError('http_status', `rate limited by the Service Provider Console${hint}`, 429);
}

/** Waits out a 429, as long as the caller still wants the answer. */
async function pause(seconds: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(seconds * 1000, undefined, signal ? { signal } : {});
  } catch {
    throw abandoned();
  }
}

const suffix = (msg: string | undefined) => (msg ? `: ${msg}` : '');
