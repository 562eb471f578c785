import type { ReplicationJob } from '@lifeboat/shared';
import { JobStatusBadge } from '../../../components/status/job-status-badge.tsx';
import { CodeValue, DetailField, WithNativeValue, YesNo } from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import {
  ProvenanceSection,
  SummarySection,
  type ItemFreshness,
} from '../../../components/ui/detail-sections.tsx';
import { Missing, Time } from '../../../components/ui/values.tsx';
import { formatCount, formatDuration } from '../../../lib/format.ts';
import { useReplicationJob } from '../api/get-replication-job.ts';
import { jobName } from './job-name.ts';

function JobView({ job, freshness }: { job: ReplicationJob; freshness: ItemFreshness }) {
  return (
    <>
      {job.failureMessage ? (
        <section
          aria-labelledby="failure-heading"
          className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-950"
        >
          <h2 id="failure-heading" className="font-semibold">
            Failure message
          </h2>
          <p className="mt-1 max-w-prose break-words">{job.failureMessage}</p>
        </section>
      ) : null}

      <SummarySection freshness={freshness}>
        <DetailField label="Status">
          <WithNativeValue native={job.nativeStatus}>
            <JobStatusBadge status={job.status} />
          </WithNativeValue>
        </DetailField>
        <DetailField label="Enabled">
          <YesNo value={job.enabled} />
        </DetailField>
        <DetailField label="Protected VMs">
          {job.protectedVmCount === null ? <Missing /> : formatCount(job.protectedVmCount)}
        </DetailField>
        <DetailField label="Cloud job">
          <YesNo value={job.isCloudJob} />
        </DetailField>
        <DetailField label="WAN acceleration">
          <YesNo value={job.throughWanAccelerators} yes="Yes, through WAN accelerators" />
        </DetailField>
        <DetailField label="Last run started">
          <Time iso={job.lastRunAt} />
        </DetailField>
        <DetailField label="Last run ended">
          <Time iso={job.lastEndAt} />
        </DetailField>
        <DetailField label="Last run took">
          {formatDuration(job.lastDurationSeconds) ?? <Missing />}
        </DetailField>
        <DetailField label="Source">{freshness.sourceName(job.ref.source)}</DetailField>
        <DetailField label="Backup server">
          <CodeValue value={job.backupServerId} />
        </DetailField>
        <DetailField label="Tenant">
          <CodeValue value={job.tenant} />
        </DetailField>
        <DetailField label="Target host">
          <CodeValue value={job.targetHostId} />
        </DetailField>
        <DetailField label="Cloud host">
          <CodeValue value={job.cloudHostId} />
        </DetailField>
      </SummarySection>

      <ProvenanceSection item={job} native={{ 'Native status': job.nativeStatus }} />
    </>
  );
}

/** One replication job with every field, its failure message and where it came from. */
export function ReplicationJobDetail({
  id,
  sourceName = (sourceId) => sourceId,
}: {
  id: string;
  sourceName?: (id: string) => string;
}) {
  const query = useReplicationJob({ id });
  return (
    <DetailFrame
      id={id}
      query={query}
      noun="replication job"
      listPath="/replication-jobs"
      listLabel="replication jobs"
      title={jobName}
    >
      {(job, envelope) => (
        <JobView job={job} freshness={{ envelope, receivedAt: query.dataUpdatedAt, sourceName }} />
      )}
    </DetailFrame>
  );
}
