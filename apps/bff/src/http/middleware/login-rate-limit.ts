import { TooManyRequests } from '../../errors.ts';

const WINDOW_MS = 15 * 60_000;
/** Failures per username and address, and per address over all usernames (SEC-06). */
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 50;
/** Memory stays bounded whatever an attacker sends: the oldest keys go first. */
const MAX_KEYS = 10_000;

/**
 * Failed sign-ins: after 5 for one username from one address, or 50 from one address, in 15
 * minutes, further attempts get 429 with Retry-After until the oldest failure ages out. One BFF,
 * so memory is fine (the scale-out work moves this to the database).
 */
export class LoginRateLimit {
  private failures = new Map<string, number[]>();
  /** Per key, the start of the last lockout whose first refusal was reported. */
  private refused = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The refusal of this attempt, or null when it may go ahead. `firstRefusal` is true for the first
   * attempt refused in each lockout only, so a lockout is audited once however many attempts an
   * attacker goes on making.
   */
  refusal(username: string, ip: string): { error: TooManyRequests; firstRefusal: boolean } | null {
    for (const [key, max] of keys(username, ip)) {
      const recent = this.recent(key);
      if (recent.length >= max) {
        // The failure that started this lockout: the same one until it ages out.
        const start = recent[recent.length - max]!;
        const retryAfter = Math.ceil((start + WINDOW_MS - this.now()) / 1000);
        const firstRefusal = this.refused.get(key) !== start;
        if (firstRefusal) {
          this.refused.delete(key);
          this.refused.set(key, start);
          while (this.refused.size > MAX_KEYS) this.refused.delete(this.refused.keys().next().value!);
        }
        return {
          error: new TooManyRequests('Too many failed sign-ins; wait and try again.', retryAfter),
          firstRefusal,
        };
      }
    }
    return null;
  }

  fail(username: string, ip: string): void {
    for (const [key] of keys(username, ip)) {
      const kept = this.recent(key);
      // Re-inserted so the map's order is least recently failed first, for eviction.
      this.failures.delete(key);
      this.failures.set(key, [...kept, this.now()]);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(keys(username, ip)[0]![0]);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}

function keys(username: string, ip: string): [string, number][] {
  return [
    [`${username}\u0000${ip}`, MAX_PER_ACCOUNT],
    [`\u0000${ip}`, MAX_PER_ADDRESS],
  ];
}
