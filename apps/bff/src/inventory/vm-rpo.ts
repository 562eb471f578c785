import { gradeRpo, type ReplicaPoint, type VmRpo } from '@lifeboat/shared';

export interface ProtectedVm {
  source: string;
  vmName: string;
  tenant: string | null;
}

/**
 * Rolls replica points up per VM and grades each VM's RPO against its target. VMs the sources
 * list as protected but with no point at all are included, graded unknown.
 */
export function rollUpVmRpo(
  points: readonly ReplicaPoint[],
  protectedVms: readonly ProtectedVm[],
  targetMinutes: number,
  now: Date,
): VmRpo[] {
  const key = (source: string, vm: string) => `${source}\u0000${vm}`;
  const byVm = new Map<string, { latest: ReplicaPoint; count: number }>();
  for (const p of points) {
    const k = key(p.ref.source, p.vmName);
    const cur = byVm.get(k);
    if (!cur) byVm.set(k, { latest: p, count: 1 });
    else {
      cur.count++;
      if (p.pointTime > cur.latest.pointTime) cur.latest = p;
    }
  }
  const rows: VmRpo[] = [...byVm.values()].map(({ latest, count }) => {
    // A point stamped in the future (clock skew) counts as age 0, never negative.
    const ageSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(latest.pointTime)) / 1000));
    return {
      id: vmId(latest.ref.source, latest.vmName),
      source: latest.ref.source,
      vmName: latest.vmName,
      replicaName: latest.replicaName,
      backupServer: latest.backupServer,
      tenant: latest.tenant,
      latestPointAt: latest.pointTime,
      pointCount: count,
      ageSeconds,
      targetMinutes,
      status: gradeRpo(ageSeconds, targetMinutes),
    };
  });
  const seen = new Set(byVm.keys());
  for (const vm of protectedVms) {
    const k = key(vm.source, vm.vmName);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push({
      id: vmId(vm.source, vm.vmName),
      source: vm.source,
      vmName: vm.vmName,
      replicaName: null,
      backupServer: null,
      tenant: vm.tenant,
      latestPointAt: null,
      pointCount: 0,
      ageSeconds: null,
      targetMinutes,
      status: 'unknown',
    });
  }
  return rows;
}

const vmId = (source: string, vmName: string) => `${source}.${encodeURIComponent(vmName)}`;
