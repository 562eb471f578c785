import type { Role } from '@lifeboat/shared';
import { eq, lt } from 'drizzle-orm';
import { SSO_LOGIN_TTL_MS, SsoFailure, type SingleSignOn } from '../auth/sso.ts';
import { appendAudit } from '../store/audit.ts';
import type { Database, Transaction } from '../store/database.ts';
import { ssoLogins, users } from '../store/schema.ts';
import { createSession } from '../store/sessions.ts';
import { clientParams, type ClientContext } from './sign-in.ts';

/**
 * Starts a single sign-on: what to check the provider's answer against is kept in the database
 * (so the answer may come back to any instance), and the browser is sent to the provider.
 */
export async function startSsoSignIn(
  db: Database,
  sso: SingleSignOn,
  redirectUri: string,
  returnTo: string,
  now = new Date(),
): Promise<URL> {
  const started = await sso.start(redirectUri);
  await db.delete(ssoLogins).where(lt(ssoLogins.createdAt, new Date(now.getTime() - SSO_LOGIN_TTL_MS)));
  await db.insert(ssoLogins).values({
    state: started.state,
    codeVerifier: started.codeVerifier,
    nonce: started.nonce,
    returnTo,
    createdAt: now,
  });
  return started.url;
}

/**
 * Ends a single sign-on from the provider's answer (`callbackUrl`): each started sign-in is
 * answered once, within SSO_LOGIN_TTL_MS; the user is recorded with the roles its claims map to
 * now, and a new session opened. Every attempt is audited as `sign_in` (method `sso`).
 */
export async function finishSsoSignIn(
  db: Database,
  sso: SingleSignOn,
  callbackUrl: URL,
  client: ClientContext,
  now = new Date(),
): Promise<{ token: string; returnTo: string }> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const [kept] = state ? await db.delete(ssoLogins).where(eq(ssoLogins.state, state)).returning() : [];
  try {
    if (!kept || now.getTime() - kept.createdAt.getTime() > SSO_LOGIN_TTL_MS)
      throw new SsoFailure('expired', 'the sign-in was not started here, was already used, or took too long');
    const refusal = callbackUrl.searchParams.get('error');
    if (refusal) {
      const said = callbackUrl.searchParams.get('error_description');
      throw new SsoFailure('denied', `the identity provider refused: ${refusal}${said ? ` (${said})` : ''}`);
    }
    const identity = await sso.finish(callbackUrl, kept);
    const token = await db.transaction(async (tx) => {
      // A local user's name is never taken over by the identity provider's user of that name.
      const [user] = await tx
        .insert(users)
        .values({ username: identity.username, passwordHash: '', roles: identity.roles, origin: 'sso' })
        .onConflictDoUpdate({
          target: users.username,
          set: { roles: identity.roles, updatedAt: now },
          setWhere: eq(users.origin, 'sso'),
        })
        .returning({ username: users.username });
      if (!user)
        throw new SsoFailure(
          'name_taken',
          `${identity.username} is the name of a local user; an admin must rename one`,
        );
      const session = await createSession(tx, identity.username, now);
      await auditSsoSignIn(tx, client, identity.username, identity.roles, { groups: identity.groups });
      return session.token;
    });
    return { token, returnTo: kept.returnTo };
  } catch (err) {
    if (err instanceof SsoFailure)
      await auditSsoSignIn(db, client, null, [], { refusal: err.code, reason: err.message });
    throw err;
  }
}

async function auditSsoSignIn(
  db: Database | Transaction,
  client: ClientContext,
  username: string | null,
  roles: Role[],
  details: Record<string, unknown>,
): Promise<void> {
  const refused = 'refusal' in details;
  await appendAudit(db, {
    actor: username ?? 'single sign-on',
    roles,
    action: 'sign_in',
    params: { method: 'sso', ...clientParams(client), ...details },
    outcome: refused ? 'refused' : 'ok',
    requestId: client.requestId,
  });
}
