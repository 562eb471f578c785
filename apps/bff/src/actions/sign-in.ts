import type { Role, SessionInfo } from '@lifeboat/shared';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords.ts';
import { Unauthorized } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import type { Database, Transaction } from '../store/database.ts';
import { createSession } from '../store/sessions.ts';
import { findUser } from '../store/users.ts';

/** Where a request came from, for the audit record of a sign-in or sign-out. */
export interface ClientContext {
  requestId: string;
  ip: string;
  userAgent: string | null;
}

/** Why a sign-in was refused, in the audit. */
export type SignInRefusal = 'unknown user' | 'wrong password' | 'throttled';

/**
 * Checks the password and opens a new session (a new id at every sign-in, SEC-02). Every attempt
 * is audited as `sign_in`: `ok` in the same transaction as the new session, `refused` with why.
 */
export async function signIn(
  db: Database,
  username: string,
  password: string,
  client: ClientContext,
): Promise<Omit<SessionInfo, 'policy'> & { token: string }> {
  const found = await findUser(db, username);
  // Single sign-on's users have no password: to a password sign-in they are unknown.
  const user = found?.origin === 'local' ? found : null;
  if (!user) {
    await burnPasswordCheck(password);
    await auditSignIn(db, client, username, [], { refusal: 'unknown user' });
    throw new Unauthorized('Wrong username or password.');
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    await auditSignIn(db, client, user.username, user.roles, { refusal: 'wrong password' });
    throw new Unauthorized('Wrong username or password.');
  }
  return db.transaction(async (tx) => {
    const { token, csrfToken } = await createSession(tx, user.username);
    await auditSignIn(tx, client, user.username, user.roles, null);
    return { token, csrfToken, user: { username: user.username, roles: user.roles } };
  });
}

/** Audits a sign-in refused before the password was looked at, because of too many failures. */
export async function auditThrottledSignIn(
  db: Database,
  username: string,
  retryAfterSeconds: number,
  client: ClientContext,
): Promise<void> {
  await auditSignIn(db, client, username, [], { refusal: 'throttled', retryAfterSeconds });
}

async function auditSignIn(
  db: Database | Transaction,
  client: ClientContext,
  username: string,
  roles: readonly Role[],
  refused: { refusal: SignInRefusal; retryAfterSeconds?: number } | null,
) {
  await appendAudit(db, {
    actor: username,
    roles,
    action: 'sign_in',
    params: { ...clientParams(client), ...refused },
    outcome: refused ? 'refused' : 'ok',
    requestId: client.requestId,
  });
}

/** The client's address and user agent (capped), as they go in an audit record. */
export function clientParams(client: ClientContext) {
  return { ip: client.ip, userAgent: client.userAgent?.slice(0, 256) ?? null };
}
