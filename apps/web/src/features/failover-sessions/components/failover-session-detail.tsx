import type { FailoverSession } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ErrorPanel, LiveStatus, RefreshFailedNotice } from '../../../components/ui/feedback.tsx';
import { StaleDataNotice } from '../../../components/ui/stale-data-notice.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { isNotFound } from '../../../lib/api-client.ts';
import { formatDuration } from '../../../lib/format.ts';
import { useFailoverSession } from '../api/get-failover-session.ts';
import { RunResultBadge, RunStateBadge } from './run-badges.tsx';

/** Back to the list as the user left it (its search params came along in the link's state). */
function useBackToList(): string {
  const location = useLocation();
  const listSearch: unknown = (location.state as { listSearch?: unknown } | null)?.listSearch;
  return typeof listSearch === 'string' && listSearch.startsWith('?')
    ? `/failover-sessions${listSearch}`
    : '/failover-sessions';
}

function BackLink() {
  const to = useBackToList();
  return (
    <Link to={to} className="text-sm font-medium text-sky-900 underline">
      Back to failover sessions
    </Link>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-slate-200 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Native({ value }: { value: string | null }) {
  return (
    <span className="text-sm text-slate-700">
      upstream value:{' '}
      {value === null ? <Missing /> : <code className="rounded bg-slate-100 px-1 break-all">{value}</code>}
    </span>
  );
}

function Text({ value }: { value: string | null }) {
  return value === null || value === '' ? <Missing /> : <>{value}</>;
}

function progressText(progress: number | null): string | null {
  return progress === null ? null : `${Math.round(progress)} %`;
}

function SessionView({ session }: { session: FailoverSession }) {
  return (
    <>
      <section
        aria-labelledby="summary-heading"
        className="rounded-lg border border-slate-300 bg-white px-4 py-2"
      >
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <dl>
          <Field label="Plan name">{session.planName}</Field>
          <Field label="Backup server">
            <Text value={session.backupServer} />
          </Field>
          <Field label="Tenant">
            <Text value={session.tenant} />
          </Field>
          <Field label="State">
            <span className="flex flex-wrap items-center gap-2">
              <RunStateBadge state={session.state} />
              <Native value={session.nativeState} />
            </span>
          </Field>
          <Field label="Result">
            <span className="flex flex-wrap items-center gap-2">
              <RunResultBadge result={session.result} />
              <Native value={session.nativeResult} />
            </span>
          </Field>
          <Field label="Progress">{progressText(session.progress) ?? <Missing />}</Field>
          <Field label="Started">
            <Time iso={session.startedAt} />
          </Field>
          <Field label="Ended">
            <Time iso={session.endedAt} />
          </Field>
          <Field label="Duration">{formatDuration(session.durationSeconds) ?? <Missing />}</Field>
          <Field label="Failure message">
            <Text value={session.failureMessage} />
          </Field>
        </dl>
      </section>

      <section aria-labelledby="vm-tasks-heading" className="flex flex-col gap-2">
        <h2 id="vm-tasks-heading" className="text-lg font-semibold">
          VM tasks
        </h2>
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
      </section>

      <section aria-labelledby="provenance-heading" className="flex flex-col gap-2">
        <h2 id="provenance-heading" className="text-lg font-semibold">
          Provenance
        </h2>
        <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
          <Field label="Source">
            <code className="break-all">{session.ref.source}</code>
          </Field>
          <Field label="Native kind">
            <code className="break-all">{session.ref.kind}</code>
          </Field>
          <Field label="Native id">
            <code className="break-all">{session.ref.nativeId}</code>
          </Field>
          <Field label="Native state">
            <Text value={session.nativeState} />
          </Field>
          <Field label="Native result">
            <Text value={session.nativeResult} />
          </Field>
          {/* Shown as text only: upstream links are never followed from the browser (SEC-22). */}
          <Field label="Upstream link">
            {session.ref.href ? <code className="break-all">{session.ref.href}</code> : <Missing />}
          </Field>
          <Field label="Lifeboat id">
            <code className="break-all">{session.id}</code>
          </Field>
        </dl>
      </section>
    </>
  );
}

/** One failover session with every normalized field, its VM tasks and where it came from. */
export function FailoverSessionDetail({ id }: { id: string }) {
  const query = useFailoverSession({ id });
  const data = query.data;

  if (query.isError && !data && isNotFound(query.error)) {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">Failover session not found</h1>
        <p>
          No failover session has the id <code className="break-all">{id}</code>. It may have been removed
          upstream, or the link is wrong.
        </p>
        <p>
          <BackLink />
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <p>
        <BackLink />
      </p>
      {data ? (
        <div>
          <p className="text-sm font-medium text-slate-700">Failover session</p>
          <h1 className="text-2xl font-bold break-words">{data.item.planName}</h1>
        </div>
      ) : (
        <h1 className="text-2xl font-bold">Failover session</h1>
      )}
      <LiveStatus>
        {query.isPending
          ? 'Loading failover session…'
          : query.isError && !data
            ? 'Failed to load the session.'
            : ''}
      </LiveStatus>
      {query.isError && !data ? (
        <ErrorPanel
          title="Could not load this failover session"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : null}
      {query.isError && data ? (
        <RefreshFailedNotice
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : null}
      {data ? (
        <>
          <StaleDataNotice sources={data.sources} asOf={data.asOf} receivedAt={query.dataUpdatedAt} />
          <SessionView session={data.item} />
        </>
      ) : null}
    </div>
  );
}
