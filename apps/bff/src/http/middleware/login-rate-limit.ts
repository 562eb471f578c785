import { TooManyRequests } from '../../errors.ts';

/** Failures are forgotten after this long without another. */
const FORGET_MS = 15 * 60_000;
/** The longest wait any run of failures imposes: a coordinator with the right password is never locked out. */
const MAX_WAIT_S = 30;
/** Memory stays bounded whatever an attacker sends: the least recently failed keys go first. */
const MAX_KEYS = 10_000;

/**
 * How long to wait after the latest failure, per key kind: free for the first few (typos), then
 * 2 s, doubling up to MAX_WAIT_S. Per account and address it starts early; per address over all
 * accounts (password spraying) later and slower.
 */
const POLICIES = {
  account: { free: 3, every: 1 },
  address: { free: 20, every: 5 },
} as const;

interface Failures {
  count: number;
  last: number;
  /** The wait whose first refusal was audited, so a wait is audited once. */
  reportedUntil: number;
}

/**
 * Slows password guessing without locking anyone out (SEC-06): after a few failures for one
 * account from one address, or many from one address, each next attempt must wait a growing,
 * stated time after the latest failure (at most 30 s); when it has waited, a correct password
 * goes through. One BFF keeps this in memory (the scale-out work moves it to the database).
 */
export class LoginRateLimit {
  private failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The refusal of this attempt, or null when it may go ahead. `firstRefusal` is true for the first
   * attempt refused in each wait, so a throttle is audited once however many attempts are made.
   */
  refusal(username: string, ip: string): { error: TooManyRequests; firstRefusal: boolean } | null {
    for (const [key, kind] of keys(username, ip)) {
      const f = this.current(key);
      if (!f) continue;
      const until = f.last + waitSeconds(f.count, kind) * 1000;
      if (until <= this.now()) continue;
      const firstRefusal = f.reportedUntil !== until;
      f.reportedUntil = until;
      const retryAfter = Math.max(1, Math.ceil((until - this.now()) / 1000));
      return {
        error: new TooManyRequests(
          `Too many failed sign-ins; wait ${retryAfter} s, then try again (a correct password will work).`,
          retryAfter,
        ),
        firstRefusal,
      };
    }
    return null;
  }

  fail(username: string, ip: string): void {
    for (const [key] of keys(username, ip)) {
      const f = this.current(key);
      // Re-inserted so the map's order is least recently failed first, for eviction.
      this.failures.delete(key);
      this.failures.set(key, {
        count: (f?.count ?? 0) + 1,
        last: this.now(),
        reportedUntil: f?.reportedUntil ?? 0,
      });
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(keys(username, ip)[0]![0]);
  }

  private current(key: string): Failures | null {
    const f = this.failures.get(key);
    if (f && this.now() - f.last > FORGET_MS) {
      this.failures.delete(key);
      return null;
    }
    return f ?? null;
  }
}

/** The wait after `count` failures, in seconds. */
function waitSeconds(count: number, kind: keyof typeof POLICIES): number {
  const { free, every } = POLICIES[kind];
  if (count < free) return 0;
  return Math.min(MAX_WAIT_S, 2 ** (1 + Math.floor((count - free) / every)));
}

function keys(username: string, ip: string): [string, keyof typeof POLICIES][] {
  return [
    [`${username}\u0000${ip}`, 'account'],
    [`\u0000${ip}`, 'address'],
  ];
}
