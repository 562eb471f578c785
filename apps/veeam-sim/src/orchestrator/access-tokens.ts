// Bearer tokens of the Orchestrator: an access token (15 minutes by default) and a refresh token
// (120 minutes), the defaults of VRO's Web.config AuthenticationSettings. A refresh grant rotates the
// refresh token: the one presented stops working. Access tokens already handed out stay valid until
// they expire, since OWIN bearer tokens are self-contained and cannot be recalled one by one.
// Lifetimes run on the world clock, so a fast world also ages tokens and a test can expire one by
// advancing the clock instead of sleeping.

import { randomBytes } from 'node:crypto';

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** The access token's lifetime. */
  readonly accessLifetimeMs: number;
}

export interface AccessTokens {
  issue(userName: string): IssuedTokens;
  /** New tokens for a live refresh token (which is then used up), or undefined. */
  refresh(refreshToken: string): IssuedTokens | undefined;
  /** True when the access token is known and not expired. */
  authenticate(accessToken: string): boolean;
  /** Forgets every token (admin "expire sessions"): the next call with one gets 401. */
  revokeAll(): void;
}

export interface TokenLifetimes {
  readonly accessMs: number;
  readonly refreshMs: number;
}

export function createAccessTokens(lifetimes: TokenLifetimes, now: () => number): AccessTokens {
  const access = new Map<string, number>();
  const refresh = new Map<string, { userName: string; expiresMs: number }>();
  const sweep = (at: number): void => {
    for (const [token, expiresMs] of access) if (expiresMs <= at) access.delete(token);
    for (const [token, entry] of refresh) if (entry.expiresMs <= at) refresh.delete(token);
  };
  const issue = (userName: string): IssuedTokens => {
    const at = now();
    sweep(at);
    // Opaque strings shaped like Veeam's example: a long base64url access token, a 32-byte base64 refresh token.
    const accessToken = randomBytes(192).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64');
    access.set(accessToken, at + lifetimes.accessMs);
    refresh.set(refreshToken, { userName, expiresMs: at + lifetimes.refreshMs });
    return { accessToken, refreshToken, accessLifetimeMs: lifetimes.accessMs };
  };
  return {
    issue,
    refresh(refreshToken) {
      const entry = refresh.get(refreshToken);
      if (!entry) return undefined;
      refresh.delete(refreshToken);
      return entry.expiresMs > now() ? issue(entry.userName) : undefined;
    },
    authenticate(accessToken) {
      const expiresMs = access.get(accessToken);
      return expiresMs !== undefined && expiresMs > now();
    },
    revokeAll() {
      access.clear();
      refresh.clear();
    },
  };
}
