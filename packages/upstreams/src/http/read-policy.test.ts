import { describe, expect, it } from 'vitest';
import { readPolicy } from './read-policy.ts';
import { UpstreamError } from './upstream-error.ts';

const ok = { status: 200, headers: {}, bytes: new Uint8Array(0), text: '' };
const refused = () => Promise.reject(new UpstreamError('request_failed', 'connection refused'));

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof UpstreamError ? err.code : 'crash';
  }
}

describe('the read policy of an upstream', () => {
  it('opens the circuit on a flapping upstream, and changes state at most once per half-open period (F16)', async () => {
    const halfOpenAfterMs = 200;
    const policy = readPolicy({ timeoutMs: 1_000, halfOpenAfterMs });
    let calls = 0;
    const flapping = () => (++calls % 2 === 0 ? Promise.resolve(ok) : refused());
    const seen: string[] = [];
    const started = Date.now();
    while (Date.now() - started < 1_500) {
      // Writes are not retried, so each run is exactly one call (or none while the circuit is open).
      seen.push(await outcome(policy.run(false, flapping)));
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = Date.now() - started;
    const opened = seen.filter((o, i) => o === 'circuit_open' && seen[i - 1] !== 'circuit_open').length;
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(Math.floor(elapsed / halfOpenAfterMs) + 1);
    // While open, calls fail fast without reaching the upstream.
    expect(calls).toBeLessThan(seen.length);
  });

  it('opens after five failed calls in a row, then lets one trial call through after the half-open period', async () => {
    const policy = readPolicy({ timeoutMs: 1_000, halfOpenAfterMs: 100 });
    let calls = 0;
    const down = () => {
      calls++;
      return refused();
    };
    for (let i = 0; i < 5; i++) expect(await outcome(policy.run(false, down))).toBe('request_failed');
    const err = await policy.run(false, down).catch((e: unknown) => e as UpstreamError);
    expect([err instanceof UpstreamError && err.code, calls]).toEqual(['circuit_open', 5]);
    expect((err as UpstreamError).message).toMatch(/^connection refused; calls paused since/);
    await new Promise((r) => setTimeout(r, 120));
    expect(await outcome(policy.run(false, () => Promise.resolve(ok)))).toBe('ok');
  });

  it('retries a read through two 503s inside its deadline, never a write', async () => {
    const policy = readPolicy({ timeoutMs: 5_000, halfOpenAfterMs: 1_000 });
    let reads = 0;
    const twice503 = () => Promise.resolve(++reads <= 2 ? { ...ok, status: 503 } : ok);
    expect((await policy.run(true, twice503)).status).toBe(200);
    expect(reads).toBe(3);
    let writes = 0;
    const write503 = () => {
      writes++;
      return Promise.resolve({ ...ok, status: 503 });
    };
    expect((await policy.run(false, write503)).status).toBe(503);
    expect(writes).toBe(1);
  });

  it('neither retries nor counts toward the circuit a call its caller abandoned', async () => {
    const policy = readPolicy({ timeoutMs: 5_000, halfOpenAfterMs: 60_000 });
    let calls = 0;
    let started = () => {};
    // Fails as a connection does when its request is aborted: an error that looks like an outage.
    const hanging = (signal: AbortSignal) => {
      calls++;
      started();
      return new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () =>
          reject(new UpstreamError('request_failed', 'request aborted')),
        ),
      );
    };
    for (let i = 1; i <= 6; i++) {
      const caller = new AbortController();
      const begun = new Promise<void>((r) => (started = r));
      const run = policy.run(true, hanging, caller.signal);
      await begun;
      caller.abort();
      expect(await outcome(run)).toBe('cancelled');
      expect(calls).toBe(i);
    }
    // Six failures in a row would have opened it: the upstream is still asked.
    expect(await outcome(policy.run(false, () => Promise.resolve(ok)))).toBe('ok');
  });
});
