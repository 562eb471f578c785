import { API_TOKEN_MAX_DAYS, type CreateApiTokenRequest, type CreatedApiToken } from '@lifeboat/shared';
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import { insertApiToken, toApiToken } from '../store/api-tokens.ts';
import type { Database } from '../store/database.ts';
import type { Actor } from './operation-deps.ts';

const DAY_MS = 86_400_000;

/**
 * Creates an API token and audits it as `api_token.create` in the same transaction. The secret is
 * in the answer only: the audit and the database hold the token without it.
 */
export async function createApiToken(
  db: Database,
  request: z.output<typeof CreateApiTokenRequest>,
  actor: Actor,
  now = new Date(),
): Promise<CreatedApiToken> {
  const expiresAt = new Date(request.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw new InputError('expiresAt must lie in the future.');
  if (expiresAt.getTime() > now.getTime() + API_TOKEN_MAX_DAYS * DAY_MS)
    throw new InputError(`expiresAt must lie at most ${API_TOKEN_MAX_DAYS} days ahead.`);
  return db.transaction(async (tx) => {
    const { row, secret } = await insertApiToken(
      tx,
      { name: request.name, role: request.role, createdBy: actor.username, expiresAt },
      now,
    );
    const token = toApiToken(row, now);
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: 'api_token.create',
      target: token.id,
      params: { name: token.name, role: token.role, expiresAt: token.expiresAt },
      outcome: 'ok',
      requestId: actor.requestId,
    });
    return { token, secret };
  });
}
