// Replication job sessions as Veeam Backup & Replication records them, derived from the world's
// replication schedule (world/replication-schedule.ts): run k starts at anchor + k x interval and
// processes the job's VMs one after another; a VM's task ends exactly when its restore point is
// created. So a session the console shows as Success or Warning is one that created restore points,
// and a Failed one is one whose points are missing: the two APIs cannot disagree.

import { hash32 } from '../world/prng.ts';
import { intervalMs, pointTimeMs, runSucceeded } from '../world/replication-schedule.ts';
import type { ReplicationJob, Vm } from '../world/types.ts';

export type RunResult = 'Success' | 'Warning' | 'Failed';
export type TaskStatus = 'Pending' | 'Running' | RunResult;

export interface TaskSession {
  readonly vm: Vm;
  readonly run: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly status: TaskStatus;
  readonly messages: readonly string[];
}

export interface JobSession {
  readonly run: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Undefined while the session is still running. */
  readonly result: RunResult | undefined;
  readonly failureMessage: string | undefined;
  readonly tasks: readonly TaskSession[];
}

export interface JobState {
  /** The newest session that has started (it may be running). */
  readonly latest: JobSession;
  /** The newest session that has ended. */
  readonly lastEnded: JobSession;
}

const SECOND = 1_000;
/** Wrapping up after the last VM (replica metadata, retention) before the session ends. */
const FINALIZE_MS = 5 * SECOND;

const FAILURES = [
  'Failed to connect to the cloud gateway: the remote host did not respond in time',
  'Cloud host has insufficient resources: the storage quota of the hardware plan is exceeded',
  'Failed to create VM snapshot: the VM is locked by another task',
  'Cannot open the replica disk on the cloud host: access is denied',
] as const;
const WARNINGS = [
  'One or more source networks were possibly mapped onto the same cloud network. Simultaneous partial failovers of VMs residing on those networks may result in issues',
  'Changed block tracking cannot be enabled: the VM has existing snapshots',
  'Free space on the cloud host datastore is low: 8% left',
] as const;
/** About one successful session in twelve completes with a warning (it still creates points). */
const WARNING_ONE_IN = 12;

function runStartMs(job: ReplicationJob, run: number): number {
  return job.anchorMs + run * intervalMs(job);
}

function runFailed(job: ReplicationJob, run: number): boolean {
  return job.failedRuns.has(run) || (job.failingSinceRun !== undefined && run >= job.failingSinceRun);
}

function runResult(job: ReplicationJob, run: number): RunResult {
  if (runFailed(job, run)) return 'Failed';
  return hash32(job.index, run, 0x7761726e) % WARNING_ONE_IN === 0 ? 'Warning' : 'Success';
}

/** One message per failure episode: a job broken since run k fails every run the same way. */
function failureMessage(job: ReplicationJob, run: number): string {
  const episode = job.failingSinceRun !== undefined && run >= job.failingSinceRun ? job.failingSinceRun : run;
  return FAILURES[hash32(job.index, episode, 0x6661696c) % FAILURES.length] as string;
}

function warningMessage(job: ReplicationJob, run: number): string {
  return WARNINGS[hash32(job.index, run, 0x7761726e, 1) % WARNINGS.length] as string;
}

/** A VM's task in a run: it ends when the VM's restore point is created and took 15-60 s. */
function taskTimes(job: ReplicationJob, vm: Vm, run: number): { startMs: number; endMs: number } {
  const endMs = pointTimeMs(job, vm.position, run);
  const durationMs = 15 * SECOND + (hash32(job.index, vm.index, run) % (45 * SECOND));
  return { startMs: Math.max(runStartMs(job, run) + SECOND, endMs - durationMs), endMs };
}

/** A VM's task in run `run` as it looks at `atMs`; it fails exactly when the VM got no restore point. */
export function taskSession(job: ReplicationJob, vm: Vm, run: number, atMs: number): TaskSession {
  const times = { run, ...taskTimes(job, vm, run) };
  if (atMs < times.endMs)
    return { vm, ...times, status: atMs >= times.startMs ? 'Running' : 'Pending', messages: [] };
  const result = runResult(job, run);
  if (!runSucceeded(job, vm, run))
    return { vm, ...times, status: 'Failed', messages: [failureMessage(job, run)] };
  return { vm, ...times, status: result, messages: result === 'Warning' ? [warningMessage(job, run)] : [] };
}

/** The session of run `run` as it looks at `atMs`: the VMs that were in the job then, in order. */
export function jobSession(job: ReplicationJob, vms: readonly Vm[], run: number, atMs: number): JobSession {
  const startMs = runStartMs(job, run);
  const tasks = job.vms
    .map((index) => vms[index] as Vm)
    .filter((vm) => vm.firstRun <= run)
    .map((vm) => taskSession(job, vm, run, atMs));
  const endMs = sessionEndMs(job, vms, run);
  if (atMs < endMs) return { run, startMs, endMs, result: undefined, failureMessage: undefined, tasks };
  const result = runResult(job, run);
  const message =
    result === 'Failed'
      ? failureMessage(job, run)
      : result === 'Warning'
        ? warningMessage(job, run)
        : undefined;
  return { run, startMs, endMs, result, failureMessage: message, tasks };
}

/**
 * A session ends a little after its last VM's task. VMs are processed in position order and each
 * restore point comes no earlier than the previous VM's, so that is the last VM in the job then.
 */
function sessionEndMs(job: ReplicationJob, vms: readonly Vm[], run: number): number {
  const members = job.vms.filter((index) => (vms[index] as Vm).firstRun <= run);
  const last = members.at(-1);
  const lastPointMs =
    last === undefined ? runStartMs(job, run) : pointTimeMs(job, (vms[last] as Vm).position, run);
  return lastPointMs + FINALIZE_MS;
}

/** The VM's newest task that has ended by `atMs`, or undefined if it has never been processed. */
export function lastEndedTask(job: ReplicationJob, vm: Vm, atMs: number): TaskSession | undefined {
  let run = latestRun(job, atMs);
  if (taskTimes(job, vm, run).endMs > atMs) run--;
  return run >= vm.firstRun && run >= 0 ? taskSession(job, vm, run, atMs) : undefined;
}

/** VMs in the job at `atMs` (a VM added later is not in it yet). */
export function jobVmsAt(job: ReplicationJob, vms: readonly Vm[], atMs: number): Vm[] {
  const run = latestRun(job, atMs);
  return job.vms.map((index) => vms[index] as Vm).filter((vm) => vm.firstRun <= run);
}

/** The newest run started by `atMs`. The world anchors every job months before its start. */
export function latestRun(job: ReplicationJob, atMs: number): number {
  return Math.max(0, Math.floor((atMs - job.anchorMs) / intervalMs(job)));
}

export function jobState(job: ReplicationJob, vms: readonly Vm[], atMs: number): JobState {
  const latest = jobSession(job, vms, latestRun(job, atMs), atMs);
  const lastEnded =
    latest.result !== undefined || latest.run === 0 ? latest : jobSession(job, vms, latest.run - 1, atMs);
  return { latest, lastEnded };
}

/** Average length of the last `count` ended sessions, in seconds. */
export function averageDurationSeconds(
  job: ReplicationJob,
  vms: readonly Vm[],
  lastEndedRun: number,
  count: number,
): number {
  const runs = Array.from({ length: Math.min(count, lastEndedRun + 1) }, (_, i) => lastEndedRun - i);
  const total = runs.reduce((sum, run) => sum + (sessionEndMs(job, vms, run) - runStartMs(job, run)), 0);
  return Math.round(total / runs.length / SECOND);
}
