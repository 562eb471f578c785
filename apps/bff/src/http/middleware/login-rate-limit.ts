import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { TooManyRequests } from '../../errors.ts';
import type { Database } from '../../store/database.ts';
import { signInFailures } from '../../store/schema.ts';

/** Failures are forgotten after this long without another. */
const FORGET_MS = 15 * 60_000;
/** The longest wait any run of failures imposes: a coordinator with the right password is never locked out. */
const MAX_WAIT_S = 30;
/**
 * How long to wait after the latest failure, per key kind: free for the first few (typos), then
 * 2 s, doubling up to MAX_WAIT_S. Per account and address it starts early; per address over all
 * accounts (password spraying) later and slower.
 */
const POLICIES = {
  account: { free: 3, every: 1 },
  address: { free: 20, every: 5 },
} as const;

/**
 * Slows password guessing without locking anyone out (SEC-06): after a few failures for one
 * account from one address, or many from one address, each next attempt must wait a growing,
 * stated time after the latest failure (at most 30 s); when it has waited, a correct password
 * goes through. Failures are counted in the database, so every instance behind a load balancer
 * counts the same ones.
 */
export class LoginRateLimit {
  /** `scope` keeps apart what is counted for different doors (passwords, kiosk links). */
  constructor(
    private readonly db: Database,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The refusal of this attempt, or null when it may go ahead. `firstRefusal` is true for the first
   * attempt refused in each wait (whichever instance refused it), so a throttle is audited once
   * however many attempts are made.
   */
  async refusal(
    username: string,
    ip: string,
  ): Promise<{ error: TooManyRequests; firstRefusal: boolean } | null> {
    const now = this.now();
    for (const [key, kind] of this.keys(username, ip)) {
      const [f] = await this.db.select().from(signInFailures).where(eq(signInFailures.key, key));
      if (!f || now - f.last.getTime() > FORGET_MS) continue;
      const until = new Date(f.last.getTime() + waitSeconds(f.count, kind) * 1000);
      if (until.getTime() <= now) continue;
      const first = await this.db
        .update(signInFailures)
        .set({ reportedUntil: until })
        .where(
          and(
            eq(signInFailures.key, key),
            or(isNull(signInFailures.reportedUntil), ne(signInFailures.reportedUntil, until)),
          ),
        )
        .returning({ key: signInFailures.key });
      const retryAfter = Math.max(1, Math.ceil((until.getTime() - now) / 1000));
      return {
        error: new TooManyRequests(
          `Too many failed sign-ins; wait ${retryAfter} s, then try again (a correct password will work).`,
          retryAfter,
        ),
        firstRefusal: first.length > 0,
      };
    }
    return null;
  }

  async fail(username: string, ip: string): Promise<void> {
    const now = new Date(this.now());
    const forgotten = new Date(now.getTime() - FORGET_MS);
    for (const [key] of this.keys(username, ip)) {
      // Counted in one statement, so failures at the same moment on two instances both count.
      await this.db
        .insert(signInFailures)
        .values({ key, count: 1, last: now })
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            count: sql`case when ${signInFailures.last} < ${forgotten} then 1 else ${signInFailures.count} + 1 end`,
            reportedUntil: sql`case when ${signInFailures.last} < ${forgotten} then null else ${signInFailures.reportedUntil} end`,
            last: now,
          },
        });
    }
  }

  async succeed(username: string, ip: string): Promise<void> {
    await this.db.delete(signInFailures).where(eq(signInFailures.key, this.keys(username, ip)[0]![0]));
  }

  private keys(username: string, ip: string): [string, keyof typeof POLICIES][] {
    return [
      [JSON.stringify([this.scope, username, ip]), 'account'],
      [JSON.stringify([this.scope, null, ip]), 'address'],
    ];
  }
}

/** Failures forgotten (FORGET_MS without another) are deleted, so the table stays small. */
export async function deleteForgottenFailures(db: Database, now = Date.now()): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.last, new Date(now - FORGET_MS)));
}

/** The wait after `count` failures, in seconds. */
function waitSeconds(count: number, kind: keyof typeof POLICIES): number {
  const { free, every } = POLICIES[kind];
  if (count < free) return 0;
  return Math.min(MAX_WAIT_S, 2 ** (1 + Math.floor((count - free) / every)));
}
