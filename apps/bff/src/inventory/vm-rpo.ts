import { gradeRpo, type ReplicaPoint, type VmRpo } from '@lifeboat/shared';

export interface ProtectedVm {
  source: string;
  vmName: string;
  tenant: string | null;
}

/**
 * Rolls replica points up per VM and grades each VM's RPO against its target. A VM is its name
 * within its replica (job): names repeat across tenants, and one tenant's fresh `dc01` must never
 * hide another's stale one. VMs the sources list as protected but with no point at all under that
 * name are included, graded unknown.
 */
export function rollUpVmRpo(
  points: readonly ReplicaPoint[],
  protectedVms: readonly ProtectedVm[],
  targetMinutes: number,
  now: Date,
): VmRpo[] {
  const byVm = new Map<string, { latest: ReplicaPoint; count: number }>();
  for (const p of points) {
    const k = key(p.ref.source, p.replicaId ?? p.replicaName ?? '', p.vmName);
    const cur = byVm.get(k);
    if (!cur) byVm.set(k, { latest: p, count: 1 });
    else {
      cur.count++;
      if (p.pointTime > cur.latest.pointTime) cur.latest = p;
    }
  }
  const rows: VmRpo[] = [...byVm.entries()].map(([k, { latest, count }]) => {
    // A point stamped in the future (clock skew) counts as age 0, never negative.
    const ageSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(latest.pointTime)) / 1000));
    return {
      id: k,
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
  // Plans name VMs without their replica: one with no point under its name at all is unknown.
  const named = new Set(points.map((p) => `${p.ref.source}\u0000${p.vmName}`));
  const listed = new Set<string>();
  for (const vm of protectedVms) {
    const k = `${vm.source}\u0000${vm.vmName}`;
    if (named.has(k) || listed.has(k)) continue;
    listed.add(k);
    rows.push({
      id: key(vm.source, '', vm.vmName),
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

/** A URL-safe id: source, replica and VM name. */
const key = (source: string, replica: string, vmName: string) =>
  [source, replica, vmName].map(encodeURIComponent).join('.');
