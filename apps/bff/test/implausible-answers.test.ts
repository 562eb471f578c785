import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListEnvelope, Plan, Source, SourceList } from '@lifeboat/shared';
import { get, login, startStack, waitFor, type Session } from './harness.ts';

let stack: Awaited<ReturnType<typeof startStack>>;
let viewer: Session;

beforeAll(async () => {
  stack = await startStack({
    allKinds: true,
    pollSeconds: 1,
    // Every poll a full read: an empty answer to "what is new" is no news, so only a full read can
    // come back implausibly empty.
    emSettings: { reconcileSeconds: 0 },
    timing: { logonBackoffMs: 500, breakerHalfOpenMs: 500 },
  });
  viewer = await login(stack.url, 'viewer');
  await waitFor(async () => {
    const { body } = await get<SourceList>(stack.url, '/api/v1/sources', viewer);
    return body.items.every((s) => s.status === 'ok');
  });
});
afterAll(async () => {
  await stack?.close();
});

async function fault(body: Record<string, unknown>) {
  const res = await fetch(`${stack.sim!.admin.url}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
}

async function clearFaults() {
  await fetch(`${stack.sim!.admin.url}/admin/faults`, { method: 'DELETE' });
}

const source = async (id: string): Promise<Source> =>
  (await get<SourceList>(stack.url, '/api/v1/sources', viewer)).body.items.find((s) => s.id === id)!;

describe('an upstream that answers well-formed nonsense', () => {
  it('keeps the last good data when a list of many comes back empty with no sign of deletion, and says why', async () => {
    const before = (await get<ListEnvelope<Plan>>(stack.url, '/api/v1/failover-sessions?limit=1', viewer))
      .body.total;
    expect(before).toBeGreaterThanOrEqual(10);
    await fault({ api: 'enterpriseManager', hostileBody: 'empty-list', path: '/api/query' });
    try {
      const down = await waitFor(async () => {
        const s = await source('em-sim');
        return s.status === 'down' ? s : null;
      });
      expect(down.lastError?.message).toMatch(
        /not plausible: .* came back empty where the last poll had \d+/,
      );
      expect(down.stale).toBe(true);
      const served = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/failover-sessions?limit=1', viewer);
      expect(served.body.total).toBe(before);
    } finally {
      await clearFaults();
    }
    await waitFor(async () => (await source('em-sim')).status === 'ok');
  });

  it('refuses an answer of another entity type than it asked for, instead of showing an empty list', async () => {
    await fault({ api: 'enterpriseManager', hostileBody: 'wrong-entity-type', path: '/api/query' });
    try {
      const down = await waitFor(async () => {
        const s = await source('em-sim');
        return s.status === 'down' ? s : null;
      });
      expect(down.lastError).toEqual({
        code: 'malformed_response',
        message: expect.stringMatching(/asked for CloudFailoverPlan and got CloudVmReplicaPoints/),
      });
    } finally {
      await clearFaults();
    }
    await waitFor(async () => (await source('em-sim')).status === 'ok');
  });

  it("keeps the Orchestrator's plans when its list comes back empty, while the other sources stay fresh", async () => {
    const plans = async () =>
      (await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?source=vro-sim&limit=1', viewer)).body.total;
    const before = await plans();
    await fault({ api: 'orchestrator', hostileBody: 'empty-list', path: '/api/v3/Plans' });
    try {
      const down = await waitFor(async () => {
        const s = await source('vro-sim');
        return s.status === 'down' ? s : null;
      });
      expect(down.lastError?.message).toMatch(/not plausible: plans came back empty/);
      expect(before).toBeGreaterThan(0);
      expect(await plans()).toBe(before);
      expect((await source('em-sim')).stale).toBe(false);
      // Said three polls in a row, it is believed: the Orchestrator really has no plans now.
      await waitFor(async () => (await source('vro-sim')).status === 'ok' && (await plans()) === 0);
    } finally {
      await clearFaults();
    }
    await waitFor(async () => (await plans()) === before);
  });
});
