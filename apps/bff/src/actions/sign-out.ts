import { appendAudit } from '../store/audit.ts';
import type { Database } from '../store/database.ts';
import { deleteSession, type ActiveSession } from '../store/sessions.ts';
import { clientParams, type ClientContext } from './sign-in.ts';

/** Ends the session and audits it as `sign_out`, in one transaction. */
export async function signOut(db: Database, session: ActiveSession, client: ClientContext): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, session.idHash);
    await appendAudit(tx, {
      actor: session.username,
      roles: session.roles,
      action: 'sign_out',
      params: clientParams(client),
      outcome: 'ok',
      requestId: client.requestId,
    });
  });
}
