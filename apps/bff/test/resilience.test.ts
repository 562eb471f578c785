import type { FailoverSession, ListEnvelope, SourceList } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, startStack, waitFor, type Session } from './harness.ts';

let stack: Awaited<ReturnType<typeof startStack>>;
let viewer: Session;
beforeAll(async () => {
  stack = await startStack({ pollSeconds: 1, timeoutSeconds: 2 });
  viewer = await login(stack.url, 'viewer');
});
afterAll(() => stack.close());

async function fault(body: Record<string, unknown>) {
  const res = await fetch(`${stack.sim!.admin.url}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api: 'enterpriseManager', ...body }),
  });
  expect(res.status).toBeLessThan(300);
}
const clearFaults = () => fetch(`${stack.sim!.admin.url}/admin/faults`, { method: 'DELETE' });
const calls = async () =>
  (
    (await (await fetch(`${stack.sim!.admin.url}/admin/calls`)).json()) as {
      enterpriseManager?: Record<string, number>;
    }
  ).enterpriseManager ?? {};
const source = async () => (await get<SourceList>(stack.url, '/api/v1/sources', viewer)).body.items[0]!;

describe('when the Enterprise Manager goes away and comes back', () => {
  it('keeps serving the last good data, marked stale with its age and the reason, then recovers', async () => {
    const before = await get<ListEnvelope<FailoverSession>>(
      stack.url,
      '/api/v1/failover-sessions?limit=500',
      viewer,
    );
    expect(before.body.total).toBeGreaterThan(0);

    await fault({ down: true });
    const down = await waitFor(async () => {
      const s = await source();
      return s.lastError?.code === 'request_failed' ? s : null;
    });
    expect(down).toMatchObject({ status: 'down', stale: true, lastError: { message: 'connection refused' } });
    expect(down.ageSeconds).toEqual(expect.any(Number));

    const during = await get<ListEnvelope<FailoverSession>>(
      stack.url,
      '/api/v1/failover-sessions?limit=500',
      viewer,
    );
    expect(during.status).toBe(200);
    expect(during.body.items.map((s) => s.id)).toEqual(before.body.items.map((s) => s.id));
    expect(during.body.sources[0]).toMatchObject({
      id: 'em-sim',
      stale: true,
      error: { code: 'request_failed' },
    });
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);

    await clearFaults();
    await waitFor(async () => ((await source()).status === 'ok' ? true : null));
  });

  it('logs on again exactly once when its logon session expires', async () => {
    await waitFor(async () => ((await source()).status === 'ok' ? true : null));
    await fetch(`${stack.sim!.admin.url}/admin/calls`, { method: 'DELETE' });
    await fault({ expireSessions: true });
    const since = Date.now();
    await waitFor(async () => {
      const s = await source();
      return s.status === 'ok' && Date.parse(s.asOf!) > since ? true : null;
    });
    const c = await calls();
    const logons = Object.entries(c)
      .filter(([k]) => k.startsWith('POST /api/sessionMngr'))
      .reduce((n, [, v]) => n + v, 0);
    expect(logons).toBe(1);
  });

  it('shows an HTML error page or a malformed body as a malformed response, not as empty data', async () => {
    await waitFor(async () => ((await source()).status === 'ok' ? true : null));
    await fault({ htmlErrorPage: true, path: '/api/query' });
    const s = await waitFor(async () => {
      const x = await source();
      return x.lastError?.code === 'malformed_response' ? x : null;
    });
    expect(s.lastError!.message).toMatch(/malformed/);
    const list = await get<ListEnvelope<FailoverSession>>(
      stack.url,
      '/api/v1/failover-sessions?limit=1',
      viewer,
    );
    expect(list.body.total).toBeGreaterThan(0);
    await clearFaults();
  });
});

describe('with two sources, one of them failing', () => {
  it('keeps serving the healthy one fresh and the failing one stale, never blanking either', async () => {
    const two = await startStack({ simulators: 2, pollSeconds: 1, timeoutSeconds: 2 });
    try {
      const s = await login(two.url, 'viewer');
      const sessions = () =>
        get<ListEnvelope<FailoverSession>>(two.url, '/api/v1/failover-sessions?limit=500', s);
      const before = await sessions();
      const bySource = (items: FailoverSession[], id: string) =>
        items.filter((x) => x.ref.source === id).length;
      expect(bySource(before.body.items, 'em-sim')).toBeGreaterThan(0);
      expect(bySource(before.body.items, 'em-sim-2')).toBeGreaterThan(0);

      await fetch(`${two.sims[1]!.admin.url}/admin/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api: 'enterpriseManager', down: true }),
      });
      const during = await waitFor(async () => {
        const r = await sessions();
        return r.body.sources.find((x) => x.id === 'em-sim-2')?.status === 'down' ? r : null;
      });
      expect(during.body.sources).toEqual([
        { id: 'em-sim', status: 'ok', asOf: expect.any(String), stale: false },
        {
          id: 'em-sim-2',
          status: 'down',
          asOf: expect.any(String),
          stale: true,
          error: expect.objectContaining({ code: 'request_failed' }),
        },
      ]);
      expect(during.body.total).toBe(before.body.total);
    } finally {
      await two.close();
    }
  });
});
