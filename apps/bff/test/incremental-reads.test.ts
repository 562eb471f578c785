import type { ItemEnvelope, ListEnvelope, Plan, PlanRestorePoints, ReplicaPoint } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.ts';
import { loadLastGood } from '../src/store/last-good.ts';
import {
  fresh,
  get,
  login,
  sources,
  startStack,
  waitFor,
  type Session,
  type SimAdmin,
  simAdmin,
  type Stack,
} from './harness.ts';

const MINUTE = 60_000;

/** Waits until the one Enterprise Manager of a stack has answered a poll with fresh data. */
const waitFresh = (url: string, viewer: Session) =>
  waitFor(async () => fresh((await sources(url, viewer))['em-sim']), 60_000);

describe('Enterprise Manager read by what changed (decision 012)', () => {
  let stack: Stack;
  let viewer: Session;
  let admin: SimAdmin;
  beforeAll(async () => {
    // A full read every 4 s, so the reconcile is seen within a test.
    stack = await startStack({ pollSeconds: 1, emSettings: { reconcileSeconds: 4 } });
    viewer = await login(stack.url, 'viewer');
    admin = simAdmin(stack.sim!);
    await waitFresh(stack.url, viewer);
  });
  afterAll(() => stack.close());

  const served = async () =>
    (await get<ListEnvelope<ReplicaPoint>>(stack.url, '/api/v1/replica-points?limit=100000', viewer)).body
      .items;
  const upstream = () =>
    [...stack.sim!.world.points.all(stack.sim!.world.clock.now())].map((p) => p.uid.toLowerCase());

  it('shows a point created upstream after the next poll, never twice, and drops deleted ones at the reconcile', async () => {
    expect((await served()).map((p) => p.ref.nativeId).sort()).toEqual(upstream().sort());

    // Half a day on: new points are created, and retention deletes old ones.
    await admin.advanceClock(12 * 60 * MINUTE);
    const now = upstream();
    const created = await waitFor(async () => {
      const items = await served();
      const ids = new Set(items.map((p) => p.ref.nativeId));
      return now.every((id) => ids.has(id)) ? items : null;
    });
    const ids = created.map((p) => p.ref.nativeId);
    expect(new Set(ids).size).toBe(ids.length);

    const reconciled = await waitFor(async () => {
      const items = (await served()).map((p) => p.ref.nativeId).sort();
      return items.length === now.length ? items : null;
    });
    expect(reconciled).toEqual([...now].sort());

    // The restart copy, written poll by poll as what changed, holds what is served.
    const live = (await served()).map((p) => p.ref.nativeId).sort();
    const stored = await stack.whileStopped(async () => {
      const database = await openDatabase(stack.database);
      try {
        const stored = await loadLastGood(database.db, 'em-sim');
        const items = stored!.tracked!.changes.get('replicaPoints')!.upserted as ReplicaPoint[];
        return items.map((p) => p.ref.nativeId).sort();
      } finally {
        await database.close();
      }
    });
    expect(stored).toEqual(live);
  });

  it("names in a failover's pre-flight the points created upstream since, after the next poll", async () => {
    const plans = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=500', viewer);
    const plan = plans.body.items.find((p) => p.ref.source === 'em-sim' && p.vms.length > 0)!;
    const preflight = async () =>
      (
        await get<ItemEnvelope<PlanRestorePoints>>(
          stack.url,
          `/api/v1/plans/${plan.id}/restore-points`,
          viewer,
        )
      ).body.item.vms;
    const newestListed = async (vmName: string) => {
      const tenant = plan.tenant ? `&tenant=${encodeURIComponent(plan.tenant)}` : '';
      const path = `/api/v1/replica-points?vm=${encodeURIComponent(vmName)}${tenant}&sort=pointTime&order=desc&limit=1`;
      return (
        (await get<ListEnvelope<ReplicaPoint>>(stack.url, path, viewer)).body.items[0]?.pointTime ?? null
      );
    };
    const before = await preflight();
    expect(before.some((vm) => vm.pointTime)).toBe(true);

    await admin.advanceClock(12 * 60 * MINUTE);
    // Each VM's point is the newest the lists show, and some are newer than before (a poll may
    // fall between the reads, hence the retries).
    await waitFor(async () => {
      const vms = await preflight();
      for (const vm of vms) if (vm.pointTime !== (await newestListed(vm.vmName))) return null;
      const newer = vms.some((vm, i) => vm.pointTime && vm.pointTime > (before[i]!.pointTime ?? ''));
      if (!newer) return null;
      return vms;
    });
  });
});

describe('a restart at the medium scale', () => {
  it('serves the last data at once', async () => {
    const stack = await startStack({ scale: 'medium', pollSeconds: 30, timeoutSeconds: 30 });
    try {
      const viewer = await login(stack.url, 'viewer');
      await waitFresh(stack.url, viewer);
      const path = '/api/v1/replica-points?limit=50&sort=pointTime';
      const before = await get<ListEnvelope<ReplicaPoint>>(stack.url, path, viewer);
      await stack.restartBff();
      const t = performance.now();
      const after = await get<ListEnvelope<ReplicaPoint>>(stack.url, path, viewer);
      const ms = performance.now() - t;
      expect(after.status).toBe(200);
      expect(after.body.total).toBe(before.body.total);
      expect(after.body.items).toEqual(before.body.items);
      // At once: from the stored copy, not after a poll of 10,000 points (seconds here).
      expect(ms).toBeLessThan(1_000);
    } finally {
      await stack.close();
    }
  }, 120_000);
});
