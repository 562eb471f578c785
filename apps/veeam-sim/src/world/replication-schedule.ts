// When replication runs happen and which of them produced a restore point for a VM. Pure
// arithmetic on the job's schedule, so restore points "arrive" simply because the clock moves on.

import { hash32 } from './prng.ts';
import type { ReplicationJob, Vm } from './types.ts';

const MINUTE = 60_000;
/** VMs in a job are processed one after another: each starts about this long after the previous one. */
const VM_STAGGER_MS = 30_000;

export function intervalMs(job: ReplicationJob): number {
  return job.intervalMinutes * MINUTE;
}

/** When run k created the restore point of the VM at `position` (a run takes a little while). */
export function pointTimeMs(job: ReplicationJob, position: number, run: number): number {
  const delay = 20_000 + (hash32(job.index, run) % 120_000);
  const stagger = Math.min(position * VM_STAGGER_MS, intervalMs(job) / 2);
  return job.anchorMs + run * intervalMs(job) + delay + stagger;
}

export function runSucceeded(job: ReplicationJob, vm: Vm, run: number): boolean {
  if (run < vm.firstRun || run < 0) return false;
  if (job.failingSinceRun !== undefined && run >= job.failingSinceRun) return false;
  return !job.failedRuns.has(run);
}

/** The newest run whose restore point for `vm` exists at time `atMs`, or undefined. */
export function latestRunAt(job: ReplicationJob, vm: Vm, atMs: number): number | undefined {
  let run = Math.floor((atMs - job.anchorMs) / intervalMs(job));
  if (run >= 0 && pointTimeMs(job, vm.position, run) > atMs) run--;
  if (job.failingSinceRun !== undefined) run = Math.min(run, job.failingSinceRun - 1);
  for (; run >= vm.firstRun && run >= 0; run--) {
    if (runSucceeded(job, vm, run)) return run;
  }
  return undefined;
}

/** Runs whose restore points the job still keeps for `vm` at `atMs`, oldest first. */
export function retainedRunsAt(job: ReplicationJob, vm: Vm, atMs: number): number[] {
  const runs: number[] = [];
  let run = latestRunAt(job, vm, atMs);
  while (run !== undefined && runs.length < job.retention && run >= vm.firstRun) {
    if (runSucceeded(job, vm, run)) runs.push(run);
    run--;
  }
  return runs.reverse();
}
