import { describe, expect, it, vi } from 'vitest';
import { sharedCall } from './shared-call.ts';

/**
 * A call that ends when told to, and records the signal it ran under; it stops when aborted,
 * unless it is `stubborn` (work that cannot be undone halfway).
 */
function controllable({ stubborn = false } = {}) {
  const runs: { signal: AbortSignal; finish: (v: string) => void }[] = [];
  const call = sharedCall(
    (signal) =>
      new Promise<string>((resolve, reject) => {
        runs.push({ signal, finish: resolve });
        if (!stubborn)
          signal.addEventListener('abort', () => reject(new Error('the shared call was aborted')));
      }),
  );
  return { call, runs };
}

describe('a call shared by concurrent callers', () => {
  it('runs once for callers that overlap, and again once it has ended', async () => {
    const { call, runs } = controllable();
    const [a, b] = [call(new AbortController().signal), call()];
    runs[0]!.finish('one');
    expect(await Promise.all([a, b])).toEqual(['one', 'one']);
    const c = call();
    runs[1]!.finish('two');
    expect(await c).toBe('two');
    expect(runs).toHaveLength(2);
  });

  it('goes on for the others when one caller gives up; that caller alone is told cancelled', async () => {
    const { call, runs } = controllable();
    const leaving = new AbortController();
    const [gone, staying] = [call(leaving.signal), call(new AbortController().signal)];
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ code: 'cancelled' });
    expect(runs[0]!.signal.aborted).toBe(false);
    runs[0]!.finish('done');
    expect(await staying).toBe('done');
  });

  it('is stopped when every caller has given up, and a later caller starts a new one', async () => {
    const { call, runs } = controllable();
    const [x, y] = [new AbortController(), new AbortController()];
    const waits = [call(x.signal), call(y.signal)];
    x.abort();
    y.abort();
    for (const w of waits) await expect(w).rejects.toMatchObject({ code: 'cancelled' });
    expect(runs[0]!.signal.aborted).toBe(true);
    const later = call(new AbortController().signal);
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    runs[1]!.finish('fresh');
    expect(await later).toBe('fresh');
  });

  it('starts the next call only once an abandoned one that goes on has ended: never two at once', async () => {
    const { call, runs } = controllable({ stubborn: true });
    const leaving = new AbortController();
    const gone = call(leaving.signal);
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ code: 'cancelled' });
    const later = call(new AbortController().signal);
    await new Promise((r) => setImmediate(r));
    expect(runs).toHaveLength(1);
    runs[0]!.finish('late');
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    runs[1]!.finish('next');
    expect(await later).toBe('next');
  });

  it('is never stopped while a caller without a signal waits on it', async () => {
    const { call, runs } = controllable();
    const leaving = new AbortController();
    const gone = call(leaving.signal);
    const patient = call();
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ code: 'cancelled' });
    expect(runs[0]!.signal.aborted).toBe(false);
    runs[0]!.finish('kept');
    expect(await patient).toBe('kept');
  });
});
