import { RpoStatus, type ReplicaPoint, type RpoCounts, type VmRpo } from '@lifeboat/shared';
import { inSlices, pointMs, pointSource } from '@lifeboat/upstreams';
import type { RpoTarget, RpoTargetResolver } from './rpo-targets.ts';

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
  /** The newest point's time in ms, NaN when it has none. */
  latestMs: number;
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
    // Not `p.ref`: a kept point makes its reference (and its id) when read (decision 019).
    const source = pointSource(p);
    const k = `${source}\u0000${p.replicaId ?? p.replicaName ?? ''}\u0000${p.vmName}`;
    const cur = byVm.get(k);
    const ms = pointMs(p);
    if (!cur) {
      byVm.set(k, {
        id: k,
        source,
        vmName: p.vmName,
        tenant: p.tenant,
        latest: p,
        latestMs: ms,
        pointCount: 1,
      });
      named.add(nameKey(source, p.tenant, p.vmName));
    } else {
      cur.pointCount++;
      if (ms > cur.latestMs) {
        cur.latest = p;
        cur.latestMs = ms;
      }
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
    vms.push({
      id: key(vm.source, vm.tenant ?? '', vm.vmName),
      ...vm,
      latest: null,
      latestMs: NaN,
      pointCount: 0,
    });
  }
  return vms;
}

const nameKey = (source: string, tenant: string | null, vmName: string) =>
  `${source}\u0000${tenant ?? ''}\u0000${vmName}`;

/** A VM's RPO but its age: the same object while its grade stays (`withAge` adds the age to an answer). */
export type GradedVm = Omit<VmRpo, 'ageSeconds'>;

/** The target that names a VM (rpo-targets.ts), by its newest point's tenant and replica. */
export function targetOfVm(vm: VmLatest, targetOf: RpoTargetResolver): RpoTarget {
  const { latest } = vm;
  return targetOf({
    vmName: vm.vmName,
    tenant: latest?.tenant ?? vm.tenant,
    replicaName: latest?.replicaName ?? null,
    replicaId: latest?.replicaId ?? null,
  });
}

/** Seconds from a point's time (ms; NaN: no point) to `nowMs`; a point stamped in the future (clock skew) is age 0. */
export function ageAt(pointMs: number, nowMs: number): number | null {
  return Number.isNaN(pointMs) ? null : Math.max(0, Math.round((nowMs - pointMs) / 1000));
}

/** A VM graded `status` against `target`. */
export function gradeVm(vm: VmLatest, target: RpoTarget, status: RpoStatus): GradedVm {
  const { latest } = vm;
  return {
    id: vm.id,
    source: vm.source,
    vmName: vm.vmName,
    replicaName: latest?.replicaName ?? null,
    backupServer: latest?.backupServer ?? null,
    tenant: latest?.tenant ?? vm.tenant,
    latestPointAt: latest?.pointTime ?? null,
    pointCount: vm.pointCount,
    targetMinutes: target.minutes,
    targetSource: target.source,
    status,
  };
}

/** A graded VM as answered: with its age at `at`, the time it was graded at. */
export function withAge(vm: GradedVm, at: Date): VmRpo {
  const pointMs = vm.latestPointAt === null ? NaN : Date.parse(vm.latestPointAt);
  return { ...vm, ageSeconds: ageAt(pointMs, at.getTime()) };
}

/** VMs per grade: in all, and per tenant (null: no known tenant). */
export interface RpoTally {
  all: RpoCounts;
  byTenant: ReadonlyMap<string | null, RpoCounts>;
}

const tallies = new WeakMap<readonly GradedVm[], RpoTally>();

/** A count of zero for each of `keys` (grades, plan states). */
export const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * VMs per grade, counted once per graded array (it changes only when a grade does,
 * graded-each-second.ts), not per overview, sample or scrape: 100,000 VMs at `large`.
 * Shared: callers must not change it.
 */
export function tallyRpo(vms: readonly GradedVm[]): RpoTally {
  let tally = tallies.get(vms);
  if (tally) return tally;
  const all: RpoCounts = zeros(RpoStatus.options);
  const byTenant = new Map<string | null, RpoCounts>();
  for (const vm of vms) {
    all[vm.status]++;
    let counts = byTenant.get(vm.tenant);
    if (!counts) byTenant.set(vm.tenant, (counts = zeros(RpoStatus.options)));
    counts[vm.status]++;
  }
  tally = { all, byTenant };
  tallies.set(vms, tally);
  return tally;
}

/** A URL-safe id: source, replica (or tenant) and VM name; dots inside a part are escaped, so ids never collide. */
const key = (source: string, replica: string, vmName: string) =>
  [source, replica, vmName].map((part) => encodeURIComponent(part).replaceAll('.', '%2E')).join('.');
