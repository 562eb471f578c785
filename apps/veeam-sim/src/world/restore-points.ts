// Restore points (Enterprise Manager's CloudVmReplicaPoint), generated on demand from the
// replication schedule: nothing is stored per point, so the large world's 1,000,000 points cost no
// memory, and new points appear on schedule as the clock advances.

import { createPointIdCodec, type PointIdCodec } from './guid.ts';
import { latestRunAt, pointTimeMs, retainedRunsAt } from './replication-schedule.ts';
import type { ReplicationJob, Vm } from './types.ts';

export type PointType = 'Full' | 'Increment' | 'Snapshot';

export interface RestorePoint {
  readonly uid: string;
  readonly vm: Vm;
  readonly job: ReplicationJob;
  readonly run: number;
  readonly creationMs: number;
  /** The oldest point kept is the full one (retention merges into it); later ones depend on it. */
  readonly pointType: PointType;
}

export interface RestorePoints {
  /** The points kept for one VM at `atMs`, oldest first; with `sinceMs`, only those created then or later. */
  forVm(vmIndex: number, atMs: number, sinceMs?: number): RestorePoint[];
  /** The newest point of a VM at `atMs`. */
  latest(vmIndex: number, atMs: number): RestorePoint | undefined;
  /** A point by GUID if it exists (and is still kept) at `atMs`. */
  find(uid: string, atMs: number): RestorePoint | undefined;
  /** Every point at `atMs`, VM by VM, oldest first within a VM. */
  all(atMs: number): Iterable<RestorePoint>;
  count(atMs: number): number;
  /** How many points one VM has at `atMs`, without making them. */
  countForVm(vmIndex: number, atMs: number): number;
  /**
   * The point that was the VM's newest at `atMs` (the one a failover started then would use),
   * whether or not retention has deleted it since.
   */
  newestAt(vmIndex: number, atMs: number): { uid: string; creationMs: number } | undefined;
  /**
   * Of the points kept at `atMs`, the newest created at or before `beforeMs`: what a failover
   * started at `atMs` with a restore point date uses.
   */
  newestBefore(
    vmIndex: number,
    beforeMs: number,
    atMs: number,
  ): { uid: string; creationMs: number } | undefined;
}

export function createRestorePoints(
  seed: number,
  vms: readonly Vm[],
  jobs: readonly ReplicationJob[],
): RestorePoints {
  const codec = createPointIdCodec(seed);
  const jobOf = (vm: Vm): ReplicationJob => jobs[vm.job] as ReplicationJob;

  const makePoint = (vm: Vm, run: number, chainPosition: number): RestorePoint => {
    const job = jobOf(vm);
    const pointType = chainPosition === 0 ? 'Full' : job.platform === 'VMware' ? 'Snapshot' : 'Increment';
    return new GeneratedPoint(codec, vm, job, run, pointTimeMs(job, vm.position, run), pointType);
  };

  const countForVm = (vmIndex: number, atMs: number): number => {
    const vm = vms[vmIndex];
    return vm ? retainedRunsAt(jobOf(vm), vm, atMs).length : 0;
  };

  const forVm = (vmIndex: number, atMs: number, sinceMs = -Infinity): RestorePoint[] => {
    const vm = vms[vmIndex];
    if (!vm) return [];
    const job = jobOf(vm);
    const runs = retainedRunsAt(job, vm, atMs);
    // A run's point is newer than the run before's: the points from `sinceMs` on are the newest ones.
    let first = runs.length;
    while (first > 0 && pointTimeMs(job, vm.position, runs[first - 1] as number) >= sinceMs) first--;
    return runs.slice(first).map((run, offset) => makePoint(vm, run, first + offset));
  };

  return {
    forVm,
    latest(vmIndex, atMs) {
      const vm = vms[vmIndex];
      if (!vm) return undefined;
      const runs = retainedRunsAt(jobOf(vm), vm, atMs);
      const newest = runs.at(-1);
      return newest === undefined ? undefined : makePoint(vm, newest, runs.length - 1);
    },
    find(uid, atMs) {
      const decoded = codec.decode(uid);
      const vm = decoded && vms[decoded.vmIndex];
      if (!decoded || !vm) return undefined;
      const position = retainedRunsAt(jobOf(vm), vm, atMs).indexOf(decoded.runIndex);
      return position < 0 ? undefined : makePoint(vm, decoded.runIndex, position);
    },
    *all(atMs) {
      for (const vm of vms) yield* forVm(vm.index, atMs);
    },
    newestAt(vmIndex, atMs) {
      const vm = vms[vmIndex];
      const run = vm && latestRunAt(jobOf(vm), vm, atMs);
      if (!vm || run === undefined) return undefined;
      return { uid: codec.encode(vm.index, run), creationMs: pointTimeMs(jobOf(vm), vm.position, run) };
    },
    newestBefore(vmIndex, beforeMs, atMs) {
      const vm = vms[vmIndex];
      if (!vm) return undefined;
      const job = jobOf(vm);
      const run = retainedRunsAt(job, vm, atMs).findLast(
        (kept) => pointTimeMs(job, vm.position, kept) <= beforeMs,
      );
      if (run === undefined) return undefined;
      return { uid: codec.encode(vm.index, run), creationMs: pointTimeMs(job, vm.position, run) };
    },
    count(atMs) {
      let total = 0;
      for (const vm of vms) total += countForVm(vm.index, atMs);
      return total;
    },
    countForVm,
  };
}

/** A point made on demand. Its GUID is the costly part and most scans (filters, counts) never read it. */
class GeneratedPoint implements RestorePoint {
  #uid: string | undefined;

  constructor(
    private readonly codec: PointIdCodec,
    readonly vm: Vm,
    readonly job: ReplicationJob,
    readonly run: number,
    readonly creationMs: number,
    readonly pointType: PointType,
  ) {}

  get uid(): string {
    this.#uid ??= this.codec.encode(this.vm.index, this.run);
    return this.#uid;
  }
}
