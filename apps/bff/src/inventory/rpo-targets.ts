import type { RpoTargetSource } from '@lifeboat/shared';
import type { Config } from '../config/schema.ts';

export type RpoTargets = Config['rpo'];

/** What a target can name a VM by. */
export interface TargetedVm {
  vmName: string;
  tenant: string | null;
  replicaName: string | null;
  replicaId: string | null;
}

export interface RpoTarget {
  minutes: number;
  source: RpoTargetSource;
}

export type RpoTargetResolver = (vm: TargetedVm) => RpoTarget;

/**
 * The target of each VM: the most specific that names it (the VM in its tenant, the VM by name,
 * its job by id then by name, its tenant), else the default. The config's maps become Maps once,
 * so a name such as `constructor` is only ever a name.
 */
export function rpoTargetResolver(targets: RpoTargets): RpoTargetResolver {
  const map = (m: Record<string, number> | undefined) => new Map(Object.entries(m ?? {}));
  const tenantVms = new Map(Object.entries(targets.tenantVms ?? {}).map(([t, vms]) => [t, map(vms)]));
  const vms = map(targets.vms);
  const jobs = map(targets.jobs);
  const tenants = map(targets.tenants);
  const fallback: RpoTarget = { minutes: targets.defaultTargetMinutes, source: 'default' };
  const at = (m: Map<string, number>, key: string | null) => (key === null ? undefined : m.get(key));
  return (vm) => {
    const inTenant = vm.tenant === null ? undefined : tenantVms.get(vm.tenant)?.get(vm.vmName);
    const forVm = inTenant ?? vms.get(vm.vmName);
    if (forVm !== undefined) return { minutes: forVm, source: 'vm' };
    const forJob = at(jobs, vm.replicaId) ?? at(jobs, vm.replicaName);
    if (forJob !== undefined) return { minutes: forJob, source: 'job' };
    const forTenant = at(tenants, vm.tenant);
    if (forTenant !== undefined) return { minutes: forTenant, source: 'tenant' };
    return fallback;
  };
}
