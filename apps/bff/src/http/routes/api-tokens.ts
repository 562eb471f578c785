import { CreateApiTokenRequest, type ApiTokenList } from '@lifeboat/shared';
import type { IRouter } from 'express';
import { z } from 'zod';
import { createApiToken } from '../../actions/create-api-token.ts';
import { revokeApiToken } from '../../actions/revoke-api-token.ts';
import { NotFound } from '../../errors.ts';
import { listApiTokens, toApiToken } from '../../store/api-tokens.ts';
import type { Database } from '../../store/database.ts';
import { requireRole } from '../middleware/require-role.ts';
import { actorOf } from '../middleware/session.ts';

const TokenId = z.uuid();

/** API tokens, for admins only: list, create (the secret is answered once), revoke. */
export function apiTokenRoutes(r: IRouter, db: Database) {
  r.get('/api-tokens', requireRole('admin'), async (_req, res) => {
    const now = new Date();
    res.json({ items: (await listApiTokens(db)).map((row) => toApiToken(row, now)) } satisfies ApiTokenList);
  });
  r.post('/api-tokens', requireRole('admin'), async (req, res) => {
    const request = CreateApiTokenRequest.parse(req.body);
    res.status(201).json(await createApiToken(db, request, actorOf(req)));
  });
  r.post('/api-tokens/:id/revoke', requireRole('admin'), async (req, res) => {
    const id = TokenId.safeParse(req.params.id);
    if (!id.success) throw new NotFound(`There is no API token ${String(req.params.id)}.`);
    res.json(await revokeApiToken(db, id.data, actorOf(req)));
  });
}
