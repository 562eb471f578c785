import { z } from 'zod';
import { CredentialName, CredentialState, IsoTime, Role } from './common.ts';

/**
 * A token for a script: sent as `Authorization: Bearer <token>`, it acts with one role and needs no
 * CSRF token (a browser never sends it on its own). Its secret is shown once, when it is created.
 */
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdBy: z.string(),
  createdAt: IsoTime,
  expiresAt: IsoTime,
  revokedAt: IsoTime.nullable(),
  /** The last request made with it (recorded at most once a minute). */
  lastUsedAt: IsoTime.nullable(),
  state: CredentialState,
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ items: z.array(ApiToken) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

/** The longest a token may live: a script's credential is rotated at least once a year. */
export const API_TOKEN_MAX_DAYS = 366;

export const CreateApiTokenRequest = z.strictObject({
  name: CredentialName,
  role: Role,
  /** When the token stops working: in the future, and at most API_TOKEN_MAX_DAYS away. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequest>;

/** The answer to creating a token: the token, and its secret, which is never shown again. */
export const CreatedApiToken = z.object({ token: ApiToken, secret: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
