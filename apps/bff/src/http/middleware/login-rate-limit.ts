import { TooManyRequests } from '../errors.ts';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

/**
 * Failed sign-ins per username and client address (SEC-06): after 5 in 15 minutes, further
 * attempts get 429 with Retry-After until the oldest failure ages out. One BFF, so memory is fine.
 */
export class LoginRateLimit {
  private failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  check(username: string, ip: string): void {
    const recent = this.recent(`${username}\u0000${ip}`);
    if (recent.length >= MAX_FAILURES) {
      const retryAfter = Math.ceil((recent[0]! + WINDOW_MS - this.now()) / 1000);
      throw new TooManyRequests('Too many failed sign-ins; wait and try again.', retryAfter);
    }
  }

  fail(username: string, ip: string): void {
    const key = `${username}\u0000${ip}`;
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(`${username}\u0000${ip}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
