// Enterprise Manager logon sessions: created by POST /api/sessionMngr/ with Basic credentials,
// identified by the X-RestSvcSessionId token (header or cookie; the cookie wins when both are sent),
// and expired after an idle time (15 minutes by default). Idle time is measured in REAL time, not
// on the world clock, so a test can set it short and a fast world does not log clients out.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export const SESSION_HEADER = 'x-restsvcsessionid';
const SESSION_COOKIE = 'X-RestSvcSessionId';

export interface LogonSession {
  readonly sessionId: string;
  readonly token: string;
  readonly userName: string;
  lastUsedMs: number;
}

export interface LogonSessions {
  create(userName: string): LogonSession;
  /** The live session the request's token names (and marks it used), or undefined. */
  authenticate(request: IncomingMessage): LogonSession | undefined;
  list(): LogonSession[];
  find(sessionId: string): LogonSession | undefined;
  remove(sessionId: string): boolean;
  removeAll(): void;
}

export function createLogonSessions(idleMs: number, realNow = () => performance.now()): LogonSessions {
  const byToken = new Map<string, LogonSession>();
  const expired = (session: LogonSession) => realNow() - session.lastUsedMs > idleMs;
  const sweep = () => {
    for (const [token, session] of byToken) if (expired(session)) byToken.delete(token);
  };
  return {
    create(userName) {
      sweep();
      const sessionId = randomUUID();
      // As the documentation's examples suggest: the token is the base64 of the session id.
      const token = Buffer.from(sessionId, 'ascii').toString('base64');
      const session: LogonSession = { sessionId, token, userName, lastUsedMs: realNow() };
      byToken.set(token, session);
      return session;
    },
    authenticate(request) {
      const token = tokenOf(request);
      const session = token === undefined ? undefined : byToken.get(token);
      if (!session) return undefined;
      if (expired(session)) {
        byToken.delete(session.token);
        return undefined;
      }
      session.lastUsedMs = realNow();
      return session;
    },
    list() {
      sweep();
      return [...byToken.values()];
    },
    find(sessionId) {
      sweep();
      return [...byToken.values()].find((session) => session.sessionId === sessionId.toLowerCase());
    },
    remove(sessionId) {
      const session = [...byToken.values()].find(
        (candidate) => candidate.sessionId === sessionId.toLowerCase(),
      );
      return session !== undefined && byToken.delete(session.token);
    },
    removeAll: () => byToken.clear(),
  };
}

/** The session token from the cookie if there is one (it wins), else from the header. */
function tokenOf(request: IncomingMessage): string | undefined {
  const fromCookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (fromCookie !== undefined) return fromCookie;
  const header = request.headers[SESSION_HEADER];
  return Array.isArray(header) ? header[0] : header;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/api`;
}
