import { describe, expect, it } from 'vitest';
import { shouldReload } from './reload.ts';

describe('reloading for a new build', () => {
  it('reloads when it never did, and then at most once a minute', () => {
    const t = 10_000_000;
    expect(shouldReload(null, t)).toBe(true);
    expect(shouldReload(t, t)).toBe(false);
    expect(shouldReload(t, t + 59_999)).toBe(false);
    expect(shouldReload(t, t + 60_000)).toBe(true);
  });

  it('is not blocked for long by a clock set back', () => {
    const t = 10_000_000;
    expect(shouldReload(t, t - 30_000)).toBe(false);
    expect(shouldReload(t, t - 3_600_000)).toBe(true);
  });
});
