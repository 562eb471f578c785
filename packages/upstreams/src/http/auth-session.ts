import type { Transport, UpstreamRequest, UpstreamResponse } from './transport.ts';
import { sharedCall } from './shared-call.ts';
import { UpstreamError } from './upstream-error.ts';

/** How one upstream kind signs in; the lifecycle around it is the same for every kind. */
export interface AuthMethods<Cred> {
  /** Full logon with the service account's credentials. Throws `auth_failed` when they are refused. */
  logon(signal?: AbortSignal): Promise<Cred>;
  /** Renews without the password (a refresh token); null when it cannot, so a full logon follows. */
  renew?(cred: Cred, signal?: AbortSignal): Promise<Cred | null>;
  /** Ends an upstream session Lifeboat no longer uses; best effort. */
  logoff?(cred: Cred): Promise<void>;
  /** The headers that carry the credential on a call. */
  headers(cred: Cred): Record<string, string>;
  /** When the credential stops working (ms since epoch), if the upstream said; renewed ahead of it. */
  expiresAt?(cred: Cred): number | null;
}

export interface AuthSessionOptions {
  /** The upstream's name in messages ("Enterprise Manager"). */
  upstream: string;
  /** After a refused logon, at most one logon attempt per this period (protects the account from lockout). */
  logonBackoffMs: number;
  now?: () => number;
}

/** Renew this long before the upstream's stated expiry, so a call never races it. */
const RENEW_AHEAD_MS = 30_000;

/**
 * The auth lifecycle of every upstream: acquire a credential (logon or token), renew it once for
 * all concurrent callers (refresh first, then a full logon), retry a call exactly once after a
 * 401, back off after refused credentials, and log off every session it abandons.
 */
export class AuthSession<Cred> {
  private cred: Cred | null = null;
  /** The logon (or renewal) in flight, shared by every caller that needs a credential meanwhile. */
  private readonly renewing = sharedCall((signal) => this.renewOrLogon(this.cred, signal));
  private refused: { until: number; error: UpstreamError } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly methods: AuthMethods<Cred>,
    private readonly opts: AuthSessionOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Sends a request with the credential; after a 401, one shared re-acquire and exactly one retry. */
  async send(transport: Transport, req: UpstreamRequest): Promise<UpstreamResponse> {
    const cred = await this.acquire(req.signal);
    const res = await transport.send(withHeaders(req, this.methods.headers(cred)));
    if (res.status !== 401) return res;
    const fresh = await this.acquire(req.signal, cred);
    const retry = await transport.send(withHeaders(req, this.methods.headers(fresh)));
    if (retry.status === 401) {
      this.forget(fresh);
      throw new UpstreamError(
        'auth_failed',
        `${this.opts.upstream} refused the session right after logon`,
        401,
      );
    }
    return retry;
  }

  /**
   * The current credential, or a new one shared by every concurrent caller. `stale` is the one a
   * caller saw refused: if it is still current, it is replaced; if another caller already replaced
   * it, the replacement is used.
   */
  acquire(signal?: AbortSignal, stale?: Cred): Promise<Cred> {
    const cur = this.cred;
    if (cur !== null && cur !== stale && !this.expiring(cur)) return Promise.resolve(cur);
    return this.renewing(signal);
  }

  private expiring(cred: Cred): boolean {
    const at = this.methods.expiresAt?.(cred);
    return at != null && at - this.now() < RENEW_AHEAD_MS;
  }

  private async renewOrLogon(cur: Cred | null, signal?: AbortSignal): Promise<Cred> {
    if (cur !== null && this.methods.renew) {
      const renewed = await this.methods.renew(cur, signal).catch((err: unknown) => {
        // A refused refresh falls back to a full logon; a network failure is the caller's error.
        if (err instanceof UpstreamError && err.code === 'auth_failed') return null;
        throw err;
      });
      if (renewed !== null) {
        this.cred = renewed;
        return renewed;
      }
    }
    if (cur !== null) this.forget(cur);
    return this.logon(signal);
  }

  private async logon(signal?: AbortSignal): Promise<Cred> {
    if (this.refused && this.now() < this.refused.until) throw this.refused.error;
    try {
      const cred = await this.methods.logon(signal);
      this.refused = null;
      this.cred = cred;
      return cred;
    } catch (err) {
      if (err instanceof UpstreamError && err.code === 'auth_failed') {
        const retryAt = this.now() + this.opts.logonBackoffMs;
        const wait = Math.ceil(this.opts.logonBackoffMs / 1000);
        this.refused = {
          until: retryAt,
          error: new UpstreamError(
            'auth_failed',
            `${err.message}; next logon attempt in ${wait} s`,
            err.status,
          ),
        };
      }
      throw err;
    }
  }

  /**
   * Forgets a credential and logs it off upstream (a session that was refused may be gone already).
   * Also for a 401 to a call sent outside `send`, an action that is never resent: the next call, an
   * operator's retry included, signs in again first.
   */
  forget(cred: Cred): void {
    if (this.cred === cred) this.cred = null;
    void this.methods.logoff?.(cred).catch(() => undefined);
  }

  /** Logs off the current session; the next call signs in again. */
  async close(): Promise<void> {
    const cred = this.cred;
    this.cred = null;
    if (cred !== null) await this.methods.logoff?.(cred).catch(() => undefined);
  }
}

function withHeaders(req: UpstreamRequest, headers: Record<string, string>): UpstreamRequest {
  return { ...req, headers: { ...req.headers, ...headers } };
}
