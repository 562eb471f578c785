// BackupServerReplicationVmJob (the seed document's Get VM Replication Job) and, with
// expand=BackupServerJob, the job itself under _embedded.backupServerJob. Field sets and order follow
// the documentation's examples and the OpenAPI schema (docs/veeam-api.md §3.5).

import type { BackupServer, ReplicationJob, Tenant, Vm } from '../world/types.ts';
import { averageDurationSeconds, jobState, jobVmsAt, type TaskSession } from './job-sessions.ts';
import type { VspcContext } from './vspc-context.ts';
import type { JsonObject } from './vspc-json.ts';
import { vspcDateTime } from './vspc-time.ts';

/** What the console shows as the target host of a cloud job: there is none on the tenant's side. */
export const NO_HOST_UID = '00000000-0000-0000-0000-000000000000';
/** avgDuration averages this many of the newest ended sessions. */
const AVERAGED_SESSIONS = 10;

const seconds = (ms: number): number => Math.round(ms / 1000);

export function replicationVmJob(job: ReplicationJob, ctx: VspcContext, expandJob: boolean): JsonObject {
  const tenant = ctx.world.tenants[job.tenant] as Tenant;
  const wan = ctx.infra.wanAccelerators(job);
  // Every job in the world replicates to the tenant's cloud host (Cloud Connect replication).
  const item: JsonObject = {
    instanceUid: job.uid,
    protectedVmCount: jobVmsAt(job, ctx.world.vms, ctx.now).length,
    isCloudJob: true,
    cloudHostUid: ctx.infra.cloudHostUid(tenant),
    targetHostUid: NO_HOST_UID,
    sourceWanAcceleratorUid: wan?.source ?? null,
    targetWanAcceleratorUid: wan?.target ?? null,
    throughWanAccelerators: wan !== undefined,
  };
  if (expandJob) item._embedded = { backupServerJob: backupServerJob(job, ctx) };
  return item;
}

function backupServerJob(job: ReplicationJob, ctx: VspcContext): JsonObject {
  const { world, infra, now } = ctx;
  const server = world.backupServers[job.backupServer] as BackupServer;
  const tenant = world.tenants[job.tenant] as Tenant;
  const { latest, lastEnded } = jobState(job, world.vms, now);
  const running = latest.result === undefined;
  const lastDurationMs = running ? now - latest.startMs : lastEnded.endMs - lastEnded.startMs;
  const read = sum(lastEnded.tasks, (task) =>
    task.status === 'Failed' ? 0 : infra.runBytes(task.vm, lastEnded.run).read,
  );
  const createdBy = infra.createdBy(server);
  return {
    instanceUid: job.uid,
    // Same id as Veeam Backup & Replication's own (and Enterprise Manager's), so clients can join them.
    originalUid: job.uid,
    name: job.name,
    description: `Created by ${createdBy} at ${vspcDateTime(infra.creationMs(job)).slice(0, 16).replace('T', ' ')}.`,
    createdBy,
    creationTime: vspcDateTime(infra.creationMs(job)),
    backupServerUid: server.uid,
    locationUid: infra.locationUid(server),
    siteUid: null,
    organizationUid: tenant.uid,
    mappedOrganizationUid: tenant.uid,
    status: running ? 'Running' : (lastEnded.result as string),
    type: 'ReplicationVM',
    lastRun: vspcDateTime(latest.startMs),
    lastEndTime: vspcDateTime(lastEnded.endMs),
    lastDuration: seconds(lastDurationMs),
    processingRate: Math.round(read / Math.max(1, seconds(lastEnded.endMs - lastEnded.startMs))),
    avgDuration: averageDurationSeconds(job, world.vms, lastEnded.run, AVERAGED_SESSIONS),
    transferredData: sum(lastEnded.tasks, (task) => transferred(ctx, task)),
    backupChainSize: sum(jobVmsAt(job, world.vms, now), (vm) => chainBytes(ctx, vm, lastEnded.run)),
    bottleneck: lastEnded.result === 'Failed' ? 'None' : infra.bottleneck(job, lastEnded.run),
    isEnabled: true,
    scheduleType: 'Periodically',
    failureMessage: running ? null : (lastEnded.failureMessage ?? null),
    targetType: 'Cloud',
    destination: infra.hardwarePlanName(tenant),
    retentionLimit: job.retention,
    retentionLimitType: 'RestorePoints',
    isGfsOptionEnabled: false,
    lastSessionTasks: latest.tasks.map((task) => sessionTask(job, task, ctx)),
  };
}

function sessionTask(job: ReplicationJob, task: TaskSession, ctx: VspcContext): JsonObject {
  const started = task.status !== 'Pending';
  const ended = started && task.status !== 'Running';
  const disks = 1 + (task.vm.index % 3);
  return {
    instanceUid: ctx.infra.taskUid(job, task.vm, task.run),
    objectUid: task.vm.uid,
    objectName: task.vm.name,
    totalObjects: disks,
    processedObjects: ended && task.status !== 'Failed' ? disks : 0,
    readDataSize: ended && task.status !== 'Failed' ? ctx.infra.runBytes(task.vm, task.run).read : 0,
    transferredDataSize: transferred(ctx, task),
    startTime: started ? vspcDateTime(task.startMs) : null,
    endTime: ended ? vspcDateTime(task.endMs) : null,
    duration: started ? seconds((ended ? task.endMs : ctx.now) - task.startMs) : 0,
    failureMessages: [...task.messages],
    status: task.status,
  };
}

/** Bytes a task sent to the cloud host: nothing until it has ended, nothing when it failed. */
export function transferred(ctx: VspcContext, task: TaskSession): number {
  return task.status === 'Success' || task.status === 'Warning'
    ? ctx.infra.runBytes(task.vm, task.run).transferred
    : 0;
}

/** A full replica (compressed) plus one increment per further restore point kept. */
function chainBytes(ctx: VspcContext, vm: Vm, run: number): number {
  const points = ctx.world.points.forVm(vm.index, ctx.now).length;
  if (points === 0) return 0;
  return (
    Math.round(ctx.infra.sourceBytes(vm) * 0.55) + (points - 1) * ctx.infra.runBytes(vm, run).transferred
  );
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
