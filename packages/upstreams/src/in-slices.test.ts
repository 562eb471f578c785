import { describe, expect, it } from 'vitest';
import { inSlices } from './in-slices.ts';

/** Busy for `ms`, as a costly item is. */
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('inSlices', () => {
  it('visits every item once, in order, and lets other work run before it is done', async () => {
    const seen: number[] = [];
    let otherWorkRanAt: number | null = null;
    setImmediate(() => (otherWorkRanAt = seen.length));
    await inSlices(
      Array.from({ length: 2_000 }, (_, i) => i),
      (i) => {
        spin(0.05);
        seen.push(i);
      },
    );
    expect(seen).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    // About 100 ms of work: the other callback ran within it, not after it.
    expect(otherWorkRanAt).toBeGreaterThan(0);
    expect(otherWorkRanAt).toBeLessThan(2_000);
  });
});
