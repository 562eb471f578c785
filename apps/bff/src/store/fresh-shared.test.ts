import { describe, expect, it } from 'vitest';
import { freshShared } from './fresh-shared.ts';

/** A read whose calls are ended by hand, numbered from 1 in the order they started. */
function readsByHand() {
  const calls: { n: number; end: (ok: boolean) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const n = calls.length + 1;
      calls.push({ n, end: (ok) => (ok ? resolve(n) : reject(new Error(`read ${n} failed`))) });
    });
  return { calls, read };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('a fresh shared read', () => {
  it('gives each caller a read started after it asked, shared by those that asked meanwhile', async () => {
    const { calls, read } = readsByHand();
    const shared = freshShared(read);
    const first = shared();
    expect(calls).toHaveLength(1);
    // Three ask while the first read runs: none gets it, all share the next.
    const later = [shared(), shared(), shared()];
    await turn();
    expect(calls).toHaveLength(1);
    calls[0]!.end(true);
    expect(await first).toBe(1);
    await turn();
    expect(calls).toHaveLength(2);
    calls[1]!.end(true);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    // Nothing running: a caller starts its own at once.
    const alone = shared();
    expect(calls).toHaveLength(3);
    calls[2]!.end(true);
    expect(await alone).toBe(3);
  });

  it('fails only the callers of a read that failed', async () => {
    const { calls, read } = readsByHand();
    const shared = freshShared(read);
    const first = shared();
    const second = shared();
    calls[0]!.end(false);
    await expect(first).rejects.toThrow('read 1 failed');
    await turn();
    calls[1]!.end(true);
    expect(await second).toBe(2);
  });
});
