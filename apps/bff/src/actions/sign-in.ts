import type { SessionInfo } from '@lifeboat/shared';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords.ts';
import { Unauthorized } from '../errors.ts';
import type { Database } from '../store/database.ts';
import { createSession } from '../store/sessions.ts';
import { findUser } from '../store/users.ts';

/** Checks the password and opens a new session (a new id at every sign-in, SEC-02). */
export async function signIn(
  db: Database,
  username: string,
  password: string,
): Promise<SessionInfo & { token: string }> {
  const user = await findUser(db, username);
  if (!user) {
    await burnPasswordCheck(password);
    throw new Unauthorized('Wrong username or password.');
  }
  if (!(await verifyPassword(password, user.passwordHash)))
    throw new Unauthorized('Wrong username or password.');
  const { token, csrfToken } = await createSession(db, user.username);
  return { token, csrfToken, user: { username: user.username, roles: user.roles } };
}
