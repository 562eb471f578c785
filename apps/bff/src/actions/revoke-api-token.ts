import type { ApiToken } from '@lifeboat/shared';
import { NotFound } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import { findApiToken, revokeApiTokenRow, toApiToken } from '../store/api-tokens.ts';
import type { Database } from '../store/database.ts';
import { forgetApiToken } from '../store/sessions.ts';
import type { Actor } from './operation-deps.ts';

/**
 * Revokes an API token: the revocation and its `api_token.revoke` record commit together, and the
 * token is refused from the next request on. Revoking a revoked token changes nothing and answers
 * the token as it is.
 */
export async function revokeApiToken(
  db: Database,
  id: string,
  actor: Actor,
  now = new Date(),
): Promise<ApiToken> {
  const row = await db.transaction(async (tx) => {
    const revoked = await revokeApiTokenRow(tx, id, now);
    if (!revoked) {
      const existing = await findApiToken(tx, id);
      if (!existing) throw new NotFound(`There is no API token ${id}.`);
      return existing;
    }
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: 'api_token.revoke',
      target: id,
      params: { name: revoked.name, role: revoked.role },
      outcome: 'ok',
      requestId: actor.requestId,
    });
    return revoked;
  });
  // After the commit, so a request that read the token before it cannot keep it cached.
  await forgetApiToken(db, row.tokenHash);
  return toApiToken(row, now);
}
