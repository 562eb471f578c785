import { z } from 'zod';
import { CredentialName, CredentialState, IsoTime } from './common.ts';

/**
 * A link that signs a wall display in, read-only (the viewer role), with no idle timeout. Its token
 * is shown once, when it is created, and is never part of a link.
 */
export const KioskLink = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: IsoTime,
  expiresAt: IsoTime.nullable(),
  revokedAt: IsoTime.nullable(),
  /** The last sign-in or request of a display signed in with it. */
  lastUsedAt: IsoTime.nullable(),
  state: CredentialState,
});
export type KioskLink = z.infer<typeof KioskLink>;

export const KioskLinkList = z.object({ items: z.array(KioskLink) });
export type KioskLinkList = z.infer<typeof KioskLinkList>;

export const CreateKioskLinkRequest = z.strictObject({
  name: CredentialName,
  /** When the link stops working; it must lie in the future. Without it, the link works until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateKioskLinkRequest = z.input<typeof CreateKioskLinkRequest>;

/** The answer to creating a link: the link, and its token, which is never shown again. */
export const CreatedKioskLink = z.object({ link: KioskLink, token: z.string() });
export type CreatedKioskLink = z.infer<typeof CreatedKioskLink>;

export const KioskSignInRequest = z.strictObject({ token: z.string().min(1).max(200) });
export type KioskSignInRequest = z.infer<typeof KioskSignInRequest>;
