import { Role } from '@lifeboat/shared';
import { and, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { ResolvedUser } from '../config/load.ts';
import type { Database } from './database.ts';
import { users } from './schema.ts';

export interface StoredUser {
  username: string;
  passwordHash: string;
  roles: Role[];
  /** `local` (the config's, with a password) or `sso` (single sign-on's, with none). */
  origin: string;
}

const Roles = z.array(Role);

/**
 * Makes the local users match the config: adds, updates roles and passwords, removes the rest
 * (single sign-on's users are the identity provider's, updated at each of their sign-ins).
 */
export async function syncUsers(db: Database, configured: ResolvedUser[]): Promise<void> {
  for (const u of configured) {
    const existing = await findUser(db, u.username);
    const keepHash = existing && (await verifyPassword(u.password, existing.passwordHash));
    const passwordHash = keepHash ? existing.passwordHash : await hashPassword(u.password);
    await db
      .insert(users)
      .values({ username: u.username, passwordHash, roles: u.roles, origin: 'local' })
      .onConflictDoUpdate({
        target: users.username,
        set: { passwordHash, roles: u.roles, origin: 'local', updatedAt: new Date() },
      });
  }
  await db.delete(users).where(
    and(
      eq(users.origin, 'local'),
      notInArray(
        users.username,
        configured.map((u) => u.username),
      ),
    ),
  );
}

export async function findUser(db: Database, username: string): Promise<StoredUser | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row
    ? {
        username: row.username,
        passwordHash: row.passwordHash,
        roles: Roles.parse(row.roles),
        origin: row.origin,
      }
    : null;
}
