import type { FailoverSession } from '@lifeboat/shared';
import { RunResultBadge, RunStateBadge } from '../../../components/status/run-badges.tsx';
import { DetailField, TextValue, WithNativeValue } from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import { DetailSection, ProvenanceSection, SummarySection } from '../../../components/ui/detail-sections.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatDuration } from '../../../lib/format.ts';
import { useFailoverSession } from '../api/get-failover-session.ts';

function progressText(progress: number | null): string | null {
  return progress === null ? null : `${Math.round(progress)} %`;
}

function SessionView({ session }: { session: FailoverSession }) {
  return (
    <>
      <SummarySection>
        <DetailField label="Plan name">{session.planName}</DetailField>
        <DetailField label="Backup server">
          <TextValue value={session.backupServer} />
        </DetailField>
        <DetailField label="Tenant">
          <TextValue value={session.tenant} />
        </DetailField>
        <DetailField label="State">
          <WithNativeValue native={session.nativeState}>
            <RunStateBadge state={session.state} />
          </WithNativeValue>
        </DetailField>
        <DetailField label="Result">
          <WithNativeValue native={session.nativeResult}>
            <RunResultBadge result={session.result} />
          </WithNativeValue>
        </DetailField>
        <DetailField label="Progress">{progressText(session.progress) ?? <Missing />}</DetailField>
        <DetailField label="Started">
          <Time iso={session.startedAt} />
        </DetailField>
        <DetailField label="Ended">
          <Time iso={session.endedAt} />
        </DetailField>
        <DetailField label="Duration">{formatDuration(session.durationSeconds) ?? <Missing />}</DetailField>
        <DetailField label="Failure message">
          <TextValue value={session.failureMessage} />
        </DetailField>
      </SummarySection>

      <DetailSection headingId="vm-tasks-heading" title="VM tasks">
        {session.vms.length === 0 ? (
          <p className="text-sm text-slate-700">The upstream reported no VM tasks for this session.</p>
        ) : (
          <DataTable caption="VM tasks">
            <thead>
              <tr>
                <Th>VM</Th>
                <Th>State</Th>
                <Th>Result</Th>
                <Th>Progress</Th>
                <Th>Started</Th>
                <Th>Ended</Th>
                <Th>Restore point</Th>
                <Th>Failure message</Th>
              </tr>
            </thead>
            <tbody>
              {session.vms.map((vm, index) => (
                <tr key={`${vm.vmName}-${index}`}>
                  <td className={tdClass}>
                    <Truncated text={vm.vmName} className="max-w-56 font-medium" />
                  </td>
                  <td className={tdClass}>
                    <span className="flex flex-col items-start gap-1">
                      <RunStateBadge state={vm.state} />
                      <span className="text-xs text-slate-700">upstream: {vm.nativeState}</span>
                    </span>
                  </td>
                  <td className={tdClass}>
                    <span className="flex flex-col items-start gap-1">
                      <RunResultBadge result={vm.result} />
                      <span className="text-xs text-slate-700">
                        upstream: {vm.nativeResult === null ? <Missing /> : vm.nativeResult}
                      </span>
                    </span>
                  </td>
                  <td className={`${tdClass} tabular-nums`}>{progressText(vm.progress) ?? <Missing />}</td>
                  <td className={tdClass}>
                    <Time iso={vm.startedAt} />
                  </td>
                  <td className={tdClass}>
                    <Time iso={vm.endedAt} />
                  </td>
                  <td className={tdClass}>
                    {vm.restorePoint ? (
                      <span
                        title={`Native id: ${vm.restorePoint.nativeId}`}
                        className="block max-w-56 truncate"
                      >
                        {vm.restorePoint.name}
                      </span>
                    ) : (
                      <Missing />
                    )}
                  </td>
                  <td className={tdClass}>
                    {vm.failureMessage ? (
                      <p className="max-w-md break-words">{vm.failureMessage}</p>
                    ) : (
                      <Missing />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </DetailSection>

      <ProvenanceSection
        item={session}
        native={{ 'Native state': session.nativeState, 'Native result': session.nativeResult }}
      />
    </>
  );
}

/** One failover session with every normalized field, its VM tasks and where it came from. */
export function FailoverSessionDetail({ id }: { id: string }) {
  const query = useFailoverSession({ id });
  return (
    <DetailFrame
      id={id}
      query={query}
      noun="failover session"
      listPath="/failover-sessions"
      listLabel="failover sessions"
      title={(session) => session.planName}
    >
      {(session) => <SessionView session={session} />}
    </DetailFrame>
  );
}
