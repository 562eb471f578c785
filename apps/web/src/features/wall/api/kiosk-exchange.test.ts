import type { SessionInfo } from '@lifeboat/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, UNREACHABLE_MESSAGE } from '../../../lib/api-client.ts';
import { createKioskExchange, type ExchangeState } from './kiosk-exchange.ts';

const session: SessionInfo = {
  user: { username: 'kiosk:lobby', roles: ['viewer'] },
  csrfToken: 'c',
  policy: { requireApproval: false },
};
const revoked = new ApiError({ status: 401, code: 'unauthorized', message: 'This kiosk link was revoked.' });
const unreachable = new ApiError({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE });

/** A sign-in whose answers the test hands out one by one. */
function fakeSignIn() {
  const calls: { token: string; resolve: (s: SessionInfo) => void; reject: (e: unknown) => void }[] = [];
  const signIn = (token: string) =>
    new Promise<SessionInfo>((resolve, reject) => calls.push({ token, resolve, reject }));
  return { signIn, calls };
}

function setUp() {
  const fake = fakeSignIn();
  const states: ExchangeState[] = [];
  const signedIn: SessionInfo[] = [];
  const exchange = createKioskExchange({
    token: 'tok',
    signIn: fake.signIn,
    onState: (s) => states.push(s),
    onSignedIn: (s) => signedIn.push(s),
    firstRetryMs: 5_000,
    maxRetryMs: 20_000,
    minGapMs: 30_000,
  });
  return { ...fake, states, signedIn, exchange };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the kiosk token exchange', () => {
  it('trades the token for a session, one exchange at a time', async () => {
    const t = setUp();
    t.exchange.exchange();
    t.exchange.exchange();
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]?.token).toBe('tok');
    t.calls[0]?.resolve(session);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.signedIn).toEqual([session]);
    expect(t.states.map((s) => s.kind)).toEqual(['signing-in', 'signed-in']);
  });

  it('stops for good when the link is refused (401), with the server’s words', async () => {
    const t = setUp();
    t.exchange.exchange();
    t.calls[0]?.reject(revoked);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.states.at(-1)).toEqual({
      kind: 'refused',
      status: 401,
      message: 'This kiosk link was revoked.',
    });
    t.exchange.exchange();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(t.calls).toHaveLength(1);
  });

  it('retries while the BFF cannot be reached, each pause twice the last up to the cap, and recovers', async () => {
    const t = setUp();
    t.exchange.exchange();
    t.calls[0]?.reject(unreachable);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.states.at(-1)?.kind).toBe('unreachable');

    await vi.advanceTimersByTimeAsync(4_999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
    t.calls[1]?.reject(new ApiError({ status: 503, code: 'unavailable', message: 'Starting' }));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(t.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(3);
    t.calls[2]?.reject(new ApiError({ status: 429, code: 'rate_limited', message: 'Slow down' }));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.calls).toHaveLength(4);
    t.calls[3]?.resolve(session);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.states.at(-1)?.kind).toBe('signed-in');
  });

  it('does not exchange again sooner than the minimum gap, so a 401 loop cannot hammer the BFF', async () => {
    const t = setUp();
    t.exchange.exchange();
    t.calls[0]?.resolve(session);
    await vi.advanceTimersByTimeAsync(1_000);
    t.exchange.exchange();
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(28_999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
  });

  it('does nothing once stopped', async () => {
    const t = setUp();
    t.exchange.exchange();
    t.exchange.stop();
    t.calls[0]?.resolve(session);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.signedIn).toEqual([]);
    t.exchange.exchange();
    expect(t.calls).toHaveLength(1);
  });
});
