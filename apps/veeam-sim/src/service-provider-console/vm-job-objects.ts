// BackupServerVmJobObject: a VM a job protects, with its own latest session, as listed by
// GET /infrastructure/backupServers/{backupServerUid}/jobs/replicationVmJobs/objects
// (shape of the documentation's example vspc_get_backupServers_uid_jobs_replicationVmJobs_objects.json).

import type { ReplicationJob, Vm } from '../world/types.ts';
import { lastEndedTask } from './job-sessions.ts';
import { transferred } from './replication-vm-jobs.ts';
import type { VspcContext } from './vspc-context.ts';
import type { JsonObject } from './vspc-json.ts';
import { vspcDateTime } from './vspc-time.ts';

export function vmJobObject(job: ReplicationJob, vm: Vm, ctx: VspcContext): JsonObject {
  const task = lastEndedTask(job, vm, ctx.now);
  return {
    jobUid: job.uid,
    instanceUid: vm.uid,
    name: vm.name,
    platform: job.platform === 'VMware' ? 'vSphere' : 'HyperV',
    hierarchyRef: ctx.infra.hierarchyRef(vm, job),
    isExcluded: false,
    lastSession: task
      ? {
          backupStatus: task.status,
          totalBackedSize: transferred(ctx, task),
          sourceSize: ctx.infra.sourceBytes(vm),
          startTime: vspcDateTime(task.startMs),
          endTime: vspcDateTime(task.endMs),
          duration: Math.round((task.endMs - task.startMs) / 1000),
          messages: [...task.messages],
        }
      : null,
  };
}
