import type { ReplicationJob } from '@lifeboat/shared';

/** The job's name, or words saying the upstream gave none (with its native id to tell them apart). */
export function jobName(job: ReplicationJob): string {
  return job.name !== null && job.name.trim() !== '' ? job.name : `Unnamed job (${job.ref.nativeId})`;
}
