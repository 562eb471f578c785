// OAuth tokens of the console's /token endpoint: an access token (1 hour by default) and a refresh
// token that can be used once for a new pair (the old refresh token is then void). Lifetimes are
// measured in REAL time, like Enterprise Manager's sessions: a test can make them short, and a fast
// world clock does not log clients out.

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

// A type alias, not an interface, so that it is a JSON object to the compiler as well.
export type TokenPair = {
  readonly access_token: string;
  readonly token_type: 'bearer';
  /** Seconds the access token lives. */
  readonly expires_in: number;
  readonly refresh_token: string;
};

export interface TokenStore {
  issue(userName: string): TokenPair;
  /** A new pair for a live refresh token (which is used up), or undefined. */
  refresh(refreshToken: string): TokenPair | undefined;
  /** The user a live access token belongs to, or undefined. */
  authenticate(accessToken: string): string | undefined;
  /** Voids every token (the admin API's expireSessions). */
  clear(): void;
}

export interface TokenLifetimes {
  readonly accessMs: number;
  readonly refreshMs: number;
}

interface Grant {
  readonly userName: string;
  readonly expiresAt: number;
}

export function createTokenStore(lifetimes: TokenLifetimes, realNow = () => performance.now()): TokenStore {
  const access = new Map<string, Grant>();
  const refresh = new Map<string, Grant>();
  const live = (map: Map<string, Grant>, token: string): Grant | undefined => {
    const grant = map.get(token);
    if (grant && grant.expiresAt > realNow()) return grant;
    map.delete(token);
    return undefined;
  };
  // Expired tokens are dropped when new ones are issued, so a client that never logs out costs nothing.
  const sweep = () => {
    const now = realNow();
    for (const map of [access, refresh])
      for (const [token, grant] of map) if (grant.expiresAt <= now) map.delete(token);
  };
  const issue = (userName: string): TokenPair => {
    sweep();
    const now = realNow();
    const pair: TokenPair = {
      access_token: newToken(),
      token_type: 'bearer',
      expires_in: Math.ceil(lifetimes.accessMs / 1000),
      refresh_token: newToken(),
    };
    access.set(pair.access_token, { userName, expiresAt: now + lifetimes.accessMs });
    refresh.set(pair.refresh_token, { userName, expiresAt: now + lifetimes.refreshMs });
    return pair;
  };
  return {
    issue,
    refresh(token) {
      const grant = live(refresh, token);
      if (!grant) return undefined;
      refresh.delete(token);
      return issue(grant.userName);
    },
    authenticate: (token) => live(access, token)?.userName,
    clear() {
      access.clear();
      refresh.clear();
    },
  };
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
