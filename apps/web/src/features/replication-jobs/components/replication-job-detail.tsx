import type { ItemEnvelope, ReplicationJob } from '@lifeboat/shared';
import { JobStatusBadge } from '../../../components/status/job-status-badge.tsx';
import { DataAge } from '../../../components/ui/data-age.tsx';
import {
  CodeValue,
  DetailField,
  NativeValue,
  TextValue,
  YesNo,
} from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import { Missing, Time } from '../../../components/ui/values.tsx';
import { formatCount, formatDuration } from '../../../lib/format.ts';
import { useReplicationJob } from '../api/get-replication-job.ts';
import { jobName } from './job-name.ts';

function JobView({
  job,
  envelope,
  receivedAt,
  sourceName,
}: {
  job: ReplicationJob;
  envelope: ItemEnvelope<ReplicationJob>;
  receivedAt: number;
  sourceName: (id: string) => string;
}) {
  const ownSource = envelope.sources.filter((source) => source.id === job.ref.source);
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

      <section
        aria-labelledby="summary-heading"
        className="rounded-lg border border-slate-300 bg-white px-4 py-2"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
          <h2 id="summary-heading" className="text-lg font-semibold">
            Summary
          </h2>
          <DataAge
            sources={ownSource.length > 0 ? ownSource : envelope.sources}
            asOf={envelope.asOf}
            receivedAt={receivedAt}
            sourceName={sourceName}
          />
        </div>
        <dl>
          <DetailField label="Status">
            <span className="flex flex-wrap items-center gap-2">
              <JobStatusBadge status={job.status} />
              <NativeValue value={job.nativeStatus} />
            </span>
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
          <DetailField label="Source">{sourceName(job.ref.source)}</DetailField>
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
        </dl>
      </section>

      <section aria-labelledby="provenance-heading" className="flex flex-col gap-2">
        <h2 id="provenance-heading" className="text-lg font-semibold">
          Provenance
        </h2>
        <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
          <DetailField label="Source">
            <CodeValue value={job.ref.source} />
          </DetailField>
          <DetailField label="Native kind">
            <CodeValue value={job.ref.kind} />
          </DetailField>
          <DetailField label="Native id">
            <CodeValue value={job.ref.nativeId} />
          </DetailField>
          <DetailField label="Native status">
            <TextValue value={job.nativeStatus} />
          </DetailField>
          {/* Shown as text only: upstream links are never followed from the browser (SEC-22). */}
          <DetailField label="Upstream link">
            <CodeValue value={job.ref.href} />
          </DetailField>
          <DetailField label="Lifeboat id">
            <CodeValue value={job.id} />
          </DetailField>
        </dl>
      </section>
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
        <JobView job={job} envelope={envelope} receivedAt={query.dataUpdatedAt} sourceName={sourceName} />
      )}
    </DetailFrame>
  );
}
