import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { FULL_READS } from '../full-reads.ts';
import type { OffThread } from '../off-thread.ts';
import type { EnterpriseManagerClient } from './client.ts';
import { EmInventorySync } from './inventory-sync.ts';
import { toColumns } from './point-columns.ts';
import type { QueryService } from './query.ts';
import type { QueryType } from './paths.ts';
import type { RawFailoverPlan, RawFailoverSession } from './raw-schemas.ts';

/**
 * An upstream of two plans and their VMs' points, read through a query service whose pages are
 * the items themselves (the XML step has tests of its own): what the sync decides from them. A
 * query filtered by creation time finds nothing: nothing new was created.
 */
function upstream() {
  const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
  const plan = (n: number, tenant: string, vms: string[]): RawFailoverPlan => ({
    '@_Name': `Plan ${n}`,
    '@_UID': `urn:veeam:CloudFailoverPlan:${guid(n)}`,
    TenantName: tenant,
    CloudFailoverPlanInfo: { Includes: { CloudFailoverPlanVm: vms.map((Name) => ({ Name })) } },
  });
  const session: RawFailoverSession = {
    '@_Name': 'Plan 1',
    '@_UID': `urn:veeam:CloudFailoverSession:${guid(100)}`,
    CreationTimeUTC: '2026-11-30T10:00:00Z',
    EndTimeUTC: '2026-11-30T10:05:00Z',
    State: 'Stopped',
    Result: 'Success',
  };
  const point = (n: number, vmName: string): ReplicaPoint => ({
    id: `em.${guid(200 + n)}`,
    ref: { source: 'em', kind: 'CloudVmReplicaPoint', nativeId: guid(200 + n) },
    vmName,
    pointTime: `2026-11-30T0${n}:00:00.000Z`,
    pointType: 'Increment',
    nativeState: 'Ready',
    replicaName: vmName,
    replicaId: `replica-${vmName}`,
    backupServer: 'vbr01',
    tenant: null,
  });
  const world = {
    CloudFailoverPlan: [plan(1, 'Contoso', ['web01', 'db01']), plan(2, 'Fabrikam', ['app01'])],
    CloudFailoverSession: [session],
    CloudVmReplicaPoint: [point(1, 'web01'), point(2, 'db01'), point(3, 'app01')],
  };
  const client = {
    // Each page's bytes are its path, for the reading thread below to answer by.
    getBytes: (path: string) => Promise.resolve(new TextEncoder().encode(path)),
  } as unknown as EnterpriseManagerClient;
  const offThread = {
    run: (_task: string, type: QueryType, bytes: Uint8Array) => {
      const filtered = new URL(new TextDecoder().decode(bytes), 'http://em').searchParams.has('filter');
      const items = filtered ? [] : world[type];
      // Restore points cross from a reading thread in columns.
      return Promise.resolve({
        items: type === 'CloudVmReplicaPoint' ? toColumns(items as ReplicaPoint[]) : items,
        unreadable: [],
        pagesCount: 1,
      });
    },
  } as unknown as OffThread;
  const qs: QueryService = { client, pageSize: 500, sourceId: 'em', offThread };
  return { world, qs, plan };
}

/** Points in the order of their ids: a sync keeps them by id, in no order of the upstream's. */
const byId = (points: readonly ReplicaPoint[]) => points.toSorted((a, b) => a.id.localeCompare(b.id));

describe('the Enterprise Manager sync', () => {
  it("gives sessions and points their plans' tenant, and a plan that changes tenant takes its sessions and points along", async () => {
    const { world, qs, plan } = upstream();
    let now = Date.parse('2026-11-30T12:00:00Z');
    const sync = new EmInventorySync(
      qs,
      { reconcileMs: 3_600_000, plansMs: 60_000, overlapMs: 60_000 },
      () => now,
    );

    const first = await sync.poll();
    const tenants = (items: readonly { tenant: string | null }[]) => items.map((i) => i.tenant);
    expect(tenants(first.failoverSessions!)).toEqual(['Contoso']);
    expect(tenants(byId(first.replicaPoints!))).toEqual(['Contoso', 'Contoso', 'Fabrikam']);

    world.CloudFailoverPlan = [plan(1, 'Northwind', ['web01', 'db01']), plan(2, 'Fabrikam', ['app01'])];
    now += 61_000; // past the plans' period: an incremental read that re-reads the plans
    const second = await sync.poll();
    expect(tenants(second.failoverSessions!)).toEqual(['Northwind']);
    expect(tenants(byId(second.replicaPoints!))).toEqual(['Northwind', 'Northwind', 'Fabrikam']);
    const ids = (items: readonly { id: string }[] | undefined) => items?.map((i) => i.id);
    expect(ids(second.changes?.failoverSessions?.upserted)).toEqual(ids(second.failoverSessions));
    expect(ids(byId(second.changes!.replicaPoints!.upserted as ReplicaPoint[]))).toEqual(
      ids(byId(second.replicaPoints!).slice(0, 2)),
    );
    // The point whose tenant stayed is the same object: unchanged items are told by identity.
    expect(byId(second.replicaPoints!)[2]).toBe(byId(first.replicaPoints!)[2]);
  });

  it("leaves a point's tenant unknown when its VM's name is in two tenants' plans", async () => {
    const { world, qs, plan } = upstream();
    world.CloudFailoverPlan = [
      plan(1, 'Contoso', ['web01', 'db01']),
      plan(2, 'Fabrikam', ['app01', 'web01']),
    ];
    const sync = new EmInventorySync(qs, { reconcileMs: 0, plansMs: 0, overlapMs: 60_000 });

    const { replicaPoints } = await sync.poll();

    expect(byId(replicaPoints!).map((p) => [p.vmName, p.tenant])).toEqual([
      ['web01', null],
      ['db01', 'Contoso'],
      ['app01', 'Fabrikam'],
    ]);
  });

  it('tells when it reads the whole inventory: the first read and each reconcile, not a read of changes', async () => {
    const { qs } = upstream();
    let now = Date.parse('2026-11-30T12:00:00Z');
    const sync = new EmInventorySync(
      qs,
      { reconcileMs: 3_600_000, plansMs: 60_000, overlapMs: 60_000 },
      () => now,
    );
    const told: unknown[] = [];
    const listen = (message: unknown) => told.push(message);
    subscribe(FULL_READS, listen);
    try {
      await sync.poll();
      expect(told).toEqual([true, false]);
      now += 5_000;
      await sync.poll();
      expect(told).toEqual([true, false]);
      now += 3_600_000;
      await sync.poll();
      expect(told).toEqual([true, false, true, false]);
    } finally {
      unsubscribe(FULL_READS, listen);
    }
  });
});
