// What the console shows about a replication job that the world does not model: the cloud host it
// replicates to, WAN accelerators, who created it, disk sizes. Every value is a pure function of the
// world's seed and an entity's index, so it is the same on every call and in every run.

import { guidFromWords } from '../world/guid.ts';
import { hash32 } from '../world/prng.ts';
import type { World } from '../world/world.ts';
import type { BackupServer, ReplicationJob, Tenant, Vm } from '../world/types.ts';

const GIB = 1024 ** 3;
const HOUR = 3_600_000;

/** Tags that keep the GUIDs of different kinds of thing apart. */
const TAG = {
  cloudHost: 1,
  sourceWan: 2,
  targetWan: 3,
  location: 4,
  size: 6,
  change: 7,
  created: 8,
  bottleneck: 9,
  task: 10,
} as const;

const HARDWARE_PLANS = ['Gold', 'Silver', 'Bronze'] as const;
const BOTTLENECKS = ['Source', 'Proxy', 'Network', 'Target'] as const;

export interface DerivedInfrastructure {
  /** The tenant's cloud host (its hardware plan subscription), the target of all its replication. */
  cloudHostUid(tenant: Tenant): string;
  hardwarePlanName(tenant: Tenant): string;
  locationUid(server: BackupServer): string;
  /** Source and target WAN accelerators, for the jobs that send their data through them (every third). */
  wanAccelerators(job: ReplicationJob): { source: string; target: string } | undefined;
  createdBy(server: BackupServer): string;
  creationMs(job: ReplicationJob): number;
  bottleneck(job: ReplicationJob, run: number): (typeof BOTTLENECKS)[number];
  /** Provisioned size of the VM's disks. */
  sourceBytes(vm: Vm): number;
  /** Data a run reads for the VM (its changed blocks) and sends after compression. */
  runBytes(vm: Vm, run: number): { read: number; transferred: number };
  /** A job session task (one VM in one run). */
  taskUid(job: ReplicationJob, vm: Vm, run: number): string;
  /** vCenter moref for vSphere VMs (vm-1234), the VM's own id for Hyper-V. */
  hierarchyRef(vm: Vm, job: ReplicationJob): string;
}

export function deriveInfrastructure(world: World): DerivedInfrastructure {
  const seed = world.seed;
  const guid = (tag: number, ...indices: number[]): string =>
    guidFromWords(
      [0, 1, 2, 3].map((word) => hash32(seed, tag, ...indices, word)) as [number, number, number, number],
    );
  // One target WAN accelerator on the service provider's side, shared by every tenant.
  const targetWan = guid(TAG.targetWan, 0);
  const sourceBytes = (vm: Vm): number => (20 + (hash32(seed, TAG.size, vm.index) % 480)) * GIB;
  return {
    cloudHostUid: (tenant) => guid(TAG.cloudHost, tenant.index),
    hardwarePlanName: (tenant) =>
      `${HARDWARE_PLANS[hash32(seed, TAG.cloudHost, tenant.index) % HARDWARE_PLANS.length]} Hardware Plan`,
    locationUid: (server) => guid(TAG.location, server.index),
    wanAccelerators: (job) =>
      job.index % 3 === 0 ? { source: guid(TAG.sourceWan, job.backupServer), target: targetWan } : undefined,
    createdBy: (server) => `${server.name.split('.')[0]?.toUpperCase()}\\Administrator`,
    creationMs: (job) => job.anchorMs - (1 + (hash32(seed, TAG.created, job.index) % 72)) * HOUR,
    bottleneck: (job, run) =>
      BOTTLENECKS[
        hash32(seed, TAG.bottleneck, job.index, run) % BOTTLENECKS.length
      ] as (typeof BOTTLENECKS)[number],
    sourceBytes,
    runBytes(vm, run) {
      const perMille = 5 + (hash32(seed, TAG.change, vm.index, run) % 45); // 0.5 % to 5 % of the disks changed
      const read = Math.round((sourceBytes(vm) * perMille) / 1000);
      return { read, transferred: Math.round(read * 0.55) };
    },
    taskUid: (job, vm, run) => guid(TAG.task, job.index, vm.index, run),
    hierarchyRef: (vm, job) => (job.platform === 'VMware' ? `vm-${1000 + vm.index}` : vm.uid),
  };
}
