import { gradeRpo, type ReplicaPoint, type VmRpo } from '@lifeboat/shared';
import { inSlices } from '@lifeboat/upstreams';
import type { RpoTargetResolver } from './rpo-targets.ts';

export interface ProtectedVm {
  source: string;
  vmName: string;
  tenant: string | null;
}

/** One VM and its newest restore point (null: protected, but no point at all). */
export interface VmLatest {
  id: string;
  source: string;
  vmName: string;
  tenant: string | null;
  latest: ReplicaPoint | null;
  pointCount: number;
}

/**
 * Each VM's newest restore point. A VM is its name within its replica (job): names repeat across
 * tenants, and one tenant's fresh `dc01` must never hide another's stale one. VMs the sources list
 * as protected but with no point at all under that name are included, with no point.
 */
export async function latestPointPerVm(
  points: readonly ReplicaPoint[],
  protectedVms: readonly ProtectedVm[],
): Promise<VmLatest[]> {
  // Grouped by a plain key: the URL-safe id is made once per VM, not once per point (a million).
  const byVm = new Map<string, VmLatest>();
  // (source, tenant, VM name) of every point: plans name VMs by these.
  const named = new Set<string>();
  // A million points: in slices, so requests are served meanwhile.
  await inSlices(points, (p) => {
    // Read once: a kept point makes its reference when read (KeptPoint, decision 019).
    const { source } = p.ref;
    const k = `${source}\u0000${p.replicaId ?? p.replicaName ?? ''}\u0000${p.vmName}`;
    const cur = byVm.get(k);
    if (!cur) {
      byVm.set(k, {
        id: k,
        source,
        vmName: p.vmName,
        tenant: p.tenant,
        latest: p,
        pointCount: 1,
      });
      named.add(nameKey(source, p.tenant, p.vmName));
    } else {
      cur.pointCount++;
      if (p.pointTime > cur.latest!.pointTime) cur.latest = p;
      if (p.tenant !== cur.tenant) named.add(nameKey(source, p.tenant, p.vmName));
    }
  });
  const vms = [...byVm.values()];
  for (const vm of vms)
    vm.id = key(vm.source, vm.latest!.replicaId ?? vm.latest!.replicaName ?? '', vm.vmName);
  // Plans name VMs without their replica: a VM with no point under its name in its tenant has no point.
  for (const vm of protectedVms) {
    const k = nameKey(vm.source, vm.tenant, vm.vmName);
    if (named.has(k)) continue;
    named.add(k);
    vms.push({ id: key(vm.source, vm.tenant ?? '', vm.vmName), ...vm, latest: null, pointCount: 0 });
  }
  return vms;
}

const nameKey = (source: string, tenant: string | null, vmName: string) =>
  `${source}\u0000${tenant ?? ''}\u0000${vmName}`;

/** Grades each VM's RPO: the age of its newest point against its own target, at `now`. */
export function gradeVms(vms: readonly VmLatest[], targetOf: RpoTargetResolver, now: Date): VmRpo[] {
  return vms.map(({ id, source, vmName, tenant: listedTenant, latest, pointCount }) => {
    // A point stamped in the future (clock skew) counts as age 0, never negative.
    const ageSeconds = latest
      ? Math.max(0, Math.round((now.getTime() - Date.parse(latest.pointTime)) / 1000))
      : null;
    const tenant = latest?.tenant ?? listedTenant;
    const replicaName = latest?.replicaName ?? null;
    const target = targetOf({ vmName, tenant, replicaName, replicaId: latest?.replicaId ?? null });
    return {
      id,
      source,
      vmName,
      replicaName,
      backupServer: latest?.backupServer ?? null,
      tenant,
      latestPointAt: latest?.pointTime ?? null,
      pointCount,
      ageSeconds,
      targetMinutes: target.minutes,
      targetSource: target.source,
      status: gradeRpo(ageSeconds, target.minutes),
    };
  });
}

/** A URL-safe id: source, replica (or tenant) and VM name; dots inside a part are escaped, so ids never collide. */
const key = (source: string, replica: string, vmName: string) =>
  [source, replica, vmName].map((part) => encodeURIComponent(part).replaceAll('.', '%2E')).join('.');
